import PresenceEngine
import Testing
@testable import Switchboard

@Suite struct ExtensionRowTests {
    let received = MonotonicInstant(nanoseconds: 10_000_000_000)

    @Test func anInboundRecordedCallShowsNameNumberDurationAndMark() {
        let state = ExtensionState(number: "204", name: "Ana Lima", direction: .inbound, durationMs: 192_000, onCallWith: "15557852675",
                                   calls: [CallItem(phase: .connected, otherPartyName: "Jane Doe", isRecorded: true)], receivedAt: received)
        let row = ExtensionRow(state, now: received.adding(seconds: 1))
        #expect(row.statusWord == "inbound")
        #expect(row.role == .onCall)
        #expect(row.party == "Jane Doe  +1 555 785 2675")
        #expect(row.duration == "03:13")
        #expect(row.marks == "REC")
    }

    @Test func ringingWinsOverTheDirection() {
        let state = ExtensionState(number: "208", name: "A", direction: .inbound, durationMs: 0, onCallWith: "442079460018",
                                   calls: [CallItem(phase: .ringing)], receivedAt: received)
        let row = ExtensionRow(state, now: received.adding(seconds: 7))
        #expect(row.statusWord == "ringing")
        #expect(row.glyph == "◌")
        #expect(row.party == "+44 20 7946 0018")
        #expect(row.duration == "00:07")
    }

    @Test func anOutboundCallRingingAtTheFarEndIsNotShownAsRinging() {
        let state = ExtensionState(number: "208", name: "A", direction: .outbound, durationMs: 0, onCallWith: "15551234567",
                                   calls: [CallItem(phase: .ringing, startedWithClickToCall: true)], receivedAt: received)
        let row = ExtensionRow(state, now: received)
        #expect(row.statusWord == "outbound")
        #expect(row.marks == "C2C")
    }

    @Test func anIdleExtensionIsAvailableWithNoDuration() {
        let row = ExtensionRow(ExtensionState(number: "212", name: "Diana Ross", receivedAt: received), now: received)
        #expect(row.statusWord == "available")
        #expect(row.duration == "")
        #expect(row.party == "")
    }

    @Test(arguments: [(0, "00:00"), (59, "00:59"), (61, "01:01"), (3599, "59:59"), (3725, "1:02:05")])
    func clockText(seconds: Int64, text: String) {
        #expect(ExtensionRow.clock(seconds) == text)
    }

    @Test(arguments: [
        ("15557852675", "+1 555 785 2675"), ("5557852675", "+1 555 785 2675"), ("204", "204"),
        ("442079460018", "+44 20 7946 0018"), ("011442079460018", "+44 20 7946 0018"),
    ])
    func phoneNumbers(raw: String, shown: String) {
        #expect(PhoneNumberFormat.display(raw) == shown)
    }
}

@Suite struct SidePaneTests {
    @Test func aQueuePastItsThresholdIsHighlighted() {
        let buffer = BoardFixture.render(BoardFixture.app(width: 120, height: 40), width: 120, height: 40)
        let line = (0..<buffer.height).first { buffer.line(at: $0).contains("9100 Front Desk") }!
        let supportLine = (0..<buffer.height).first { buffer.line(at: $0).contains("9200 Support") }!
        // 3 waiting: the first level; the second (6, or 5 minutes) turns it critical.
        #expect(buffer[90, line].role == .alarmWarning)
        #expect(buffer[90, supportLine].role == .text)
        var snapshot = BoardFixture.snapshot
        snapshot.queues["9100"]!.callersWaiting = 6
        let critical = BoardFixture.render(BoardFixture.app(width: 120, height: 40, snapshot: snapshot), width: 120, height: 40)
        #expect(critical[90, line].role == .queueAlert)
    }

    @Test func conferenceParticipantsShowAsNamesOrNumbers() {
        let snapshot = BoardFixture.snapshot
        #expect(BridgeRow.participant("204", snapshot: snapshot) == "Ana Lima")
        #expect(BridgeRow.participant("15551234567", snapshot: snapshot) == "+1 555 123 4567")
    }

    @Test func nonUserEntriesAreNotListed() {
        let app = BoardFixture.app(width: 120, height: 40)
        #expect(!app.rows.contains { $0.number == "299" })
        #expect(app.rows.count == 8)
    }

    @Test func doNotDisturbIsShown() {
        let row = ExtensionRow(ExtensionState(number: "233", name: "J", availableFlag: false), now: .zero)
        #expect(row.statusWord == "dnd")
        #expect(row.role == .dnd)
        #expect(row.glyph == "⊘")
    }
}

@Suite struct CallLineTests {
    let received = MonotonicInstant(nanoseconds: 10_000_000_000)

    @Test func everyOtherLiveCallGetsALineTimedAgainstTheRow() {
        // The row's call started at t=100 s and had run 30 s when the answer came;
        // the second call started 10 s later, so it has run 10 s less.
        let state = ExtensionState(number: "231", name: "A", direction: .inbound, durationMs: 30_000, onCallWith: "15550001111",
                                   calls: [CallItem(phase: .connected, otherPartyName: "Contoso", startTimeMs: 100_000),
                                           CallItem(phase: .connected, otherPartyName: "Held caller", isRecorded: true, startTimeMs: 110_000),
                                           CallItem(phase: .disconnected, otherPartyName: "Gone")],
                                   receivedAt: received)
        let lines = ExtensionRow.callLines(state, now: received.adding(seconds: 5))
        #expect(lines.count == 1)
        #expect(lines[0].word == "connected")
        #expect(lines[0].party == "Held caller")
        #expect(lines[0].duration == "00:25")
        #expect(lines[0].marks == "REC")
        #expect(ExtensionRow.lineCount(state) == 2)
    }

    @Test func aRingingCallTakesTheRowAndTheConnectedOneMovesBelow() {
        let state = ExtensionState(number: "231", name: "A", direction: .inbound, durationMs: 0,
                                   calls: [CallItem(phase: .connected, otherPartyName: "First"), CallItem(phase: .ringing, otherPartyName: "Second")],
                                   receivedAt: received)
        #expect(ExtensionRow(state, now: received).statusWord == "ringing")
        let lines = ExtensionRow.callLines(state, now: received)
        #expect(lines.map(\.party) == ["First"])
        #expect(lines[0].duration == "", "no start times: no guess")
    }

    @Test func pastThreeExtraCallsTheLastLineCountsTheRest() {
        let calls = (0..<6).map { CallItem(phase: .connected, otherPartyName: "Caller \($0)") }
        let state = ExtensionState(number: "231", name: "A", direction: .inbound, calls: calls, receivedAt: received)
        let lines = ExtensionRow.callLines(state, now: received)
        #expect(lines.map(\.party) == ["Caller 1", "Caller 2", ""])
        #expect(lines[2].word == "3 more calls")
        #expect(ExtensionRow.lineCount(state) == 4)
    }
}
