import Foundation
import Journal
import PresenceEngine
import Testing

/// Calls seen live become rows; the history fills in without duplicates.
@Suite struct ObserverAndMergeTests {
    func ringing(_ ext: String, from number: String, id: String? = "1001", phase: CallPhase = .ringing,
                 direction: CallDirection = .inbound, clickToCall: Bool = false) -> ExtensionState {
        ExtensionState(number: ext, name: "Ana", direction: direction, onCallWith: number,
                       calls: [CallItem(phase: phase, otherPartyName: "Jane Doe", startedWithClickToCall: clickToCall, presenceCallId: id)])
    }

    @Test func ringingThenAnsweredThenEndedIsOneAnsweredRow() {
        var observer = CallObserver()
        let first = observer.observe(ringing("201", from: "15557771234"), at: Fixture.at(9))
        #expect(first.count == 1)
        #expect(first.first?.outcome == .ongoing)
        #expect(first.first?.numberKey == "5557771234")
        let answered = observer.observe(ringing("201", from: "15557771234", phase: .connected), at: Fixture.at(9.01))
        #expect(answered.first?.answered == Fixture.at(9.01))
        #expect(observer.observe(ringing("201", from: "15557771234", phase: .connected), at: Fixture.at(9.02)).isEmpty)
        let ended = observer.observe(ExtensionState(number: "201", name: "Ana"), at: Fixture.at(9.1))
        #expect(ended.first?.outcome == .answered)
        #expect(ended.first?.ended == Fixture.at(9.1))
        #expect(observer.inProgress.isEmpty)
    }

    /// Live status's `lastCallTime` moving on while the extension showed no
    /// call is a call the board saw only in passing; one it saw ring is not.
    @Test func aLastCallThatMovedOnWhileIdleIsACallSeenOnlyInPassing() {
        var observer = CallObserver()
        func idle(lastCall seconds: Int64) -> ExtensionState {
            var state = ExtensionState(number: "201", name: "Ana")
            state.lastCallMs = seconds * 1000
            return state
        }
        _ = observer.observe(idle(lastCall: 1000), at: Fixture.at(9))
        #expect(observer.takeUnseen().isEmpty)  // the first answer: the start's fill covers it
        _ = observer.observe(idle(lastCall: 1000), at: Fixture.at(9.1))
        #expect(observer.takeUnseen().isEmpty)
        _ = observer.observe(idle(lastCall: 2000), at: Fixture.at(9.2))
        let unseen = observer.takeUnseen()
        #expect(unseen.map(\.number) == ["201"] && unseen.first?.at == Date(timeIntervalSince1970: 2000))
        #expect(observer.takeUnseen().isEmpty)
        // Seen ringing, then idle: the board saw that one.
        var ringingNow = ringing("201", from: "15557771234")
        ringingNow.lastCallMs = 3_000_000
        _ = observer.observe(ringingNow, at: Fixture.at(9.3))
        _ = observer.observe(idle(lastCall: 3000), at: Fixture.at(9.4))
        #expect(observer.takeUnseen().isEmpty)
    }

    @Test func ringingThenGoneIsUnanswered() {
        var observer = CallObserver()
        _ = observer.observe(ringing("201", from: "15557771234"), at: Fixture.at(9))
        let ended = observer.observe(ExtensionState(number: "201", name: "Ana"), at: Fixture.at(9.01))
        #expect(ended.first?.outcome == .unanswered)
        #expect(ended.first?.isMissed == true)
    }

    @Test func aClickToCallRingingTheUserIsTheirOutboundCall() {
        var observer = CallObserver()
        let rows = observer.observe(ringing("201", from: "15557771234", clickToCall: true), at: Fixture.at(9))
        #expect(rows.first?.direction == .outbound)
        #expect(rows.first?.isMissed == false)
    }

    @Test func aCallFromTheLastRunContinuesItsRow() {
        var observer = CallObserver()
        var open = Fixture.call("201", .inbound, "15557771234", at: 9, outcome: .ongoing, id: "1001")
        open.answered = nil
        open.ended = nil
        observer.resume([open], lastSeen: Fixture.at(9.2))
        let rows = observer.observe(ringing("201", from: "15557771234", phase: .connected), at: Fixture.at(9.5))
        #expect(rows.count == 1)
        #expect(rows.first?.rang == Fixture.at(9))
    }

    @Test func aCallFromTheLastRunThatIsGoneEndedWhenThatRunWasLastSeen() {
        var observer = CallObserver()
        var open = Fixture.call("201", .inbound, "15557771234", at: 9, outcome: .ongoing, id: "1001")
        (open.answered, open.ended) = (nil, nil)
        observer.resume([open], lastSeen: Fixture.at(9.2))
        let rows = observer.observe(ExtensionState(number: "201", name: "Ana"), at: Fixture.at(13))
        #expect(rows.first?.ended == Fixture.at(9.2))
        #expect(rows.first?.outcome == .unanswered)
    }

    func record(_ ext: String, from: String, at hours: Double, result: String, recording: String = "") -> CallRecord {
        CallRecord(time: Fixture.at(hours), from: from, to: "14155550100", isInbound: true, extensionNumber: ext,
                   customTag: "VIP", callerId: "Jane Doe", durationSeconds: 0, result: result,
                   recordingURL: recording.isEmpty ? "" : "https://example.invalid/rec/\(recording)")
    }

    @Test func aCallSeenLiveAndInTheHistoryIsOneRow() {
        var live = Fixture.call("201", .inbound, "15557771234", at: 9, outcome: .unanswered, id: "local-201-1")
        live.id = 7
        // Within a few seconds of the live row: the same call; the history adds the voicemail and the tag.
        let merged = HistoryMerge.merge([record("201", from: "5557771234", at: 9 + 3.0 / 3600, result: "Voicemail")], into: [live])
        #expect(merged.count == 1)
        #expect(merged.first?.id == 7)
        #expect(merged.first?.outcome == .voicemail)
        #expect(merged.first?.tag == "VIP")
        #expect(merged.first?.source == .both)
    }

    @Test func aRecordedCallMatchesOnItsId() {
        var live = Fixture.call("201", .inbound, "15557771234", at: 9, outcome: .answered, id: "4182737411359658008242")
        live.id = 3
        let merged = HistoryMerge.merge([record("201", from: "5557771234", at: 9.1, result: "Answered", recording: "4182737411359658008242")],
                                        into: [live])
        #expect(merged.map(\.id) == [3])
    }

    @Test func newCallsAreAddedOnceAndKnownOnesLeftAlone() throws {
        var known = try #require(HistoryMerge.row(from: record("201", from: "5551112222", at: 8, result: "Answered")))
        known.id = 1
        let records = [record("201", from: "5551112222", at: 8, result: "Answered"),
                       record("201", from: "5553334444", at: 10, result: "Unanswered"),
                       record("201", from: "5553334444", at: 10, result: "Unanswered")]
        let merged = HistoryMerge.merge(records, into: [known])
        #expect(merged.count == 1)
        #expect(merged.first?.id == nil)
        #expect(merged.first?.numberKey == "5553334444")
    }
}

/// Queue calls read from successive samples, and the day's figures.
@Suite struct DayFiguresTests {
    @Test func eachSingleEventBetweenSamplesIsReadRight() {
        #expect(QueueFlow.step(deltaWaiting: 1, deltaCalls: 1) == .init(offered: 1, answered: 0, abandoned: 0))
        #expect(QueueFlow.step(deltaWaiting: -1, deltaCalls: 0) == .init(offered: 0, answered: 1, abandoned: 0))
        #expect(QueueFlow.step(deltaWaiting: -1, deltaCalls: -1) == .init(offered: 0, answered: 0, abandoned: 1))
        #expect(QueueFlow.step(deltaWaiting: 0, deltaCalls: -1) == .init(offered: 0, answered: 0, abandoned: 0))
        #expect(QueueFlow.step(deltaWaiting: 0, deltaCalls: 1) == .init(offered: 1, answered: 1, abandoned: 0))
        #expect(QueueFlow.step(deltaWaiting: 2, deltaCalls: 2) == .init(offered: 2, answered: 0, abandoned: 0))
    }

    func sample(_ hours: Double, waiting: Int, calls: Int, longest: Int = 0) -> QueueSample {
        QueueSample(queue: "9100", name: "Front Desk", at: Fixture.at(hours), waiting: waiting, calls: calls, longestWaitSeconds: longest,
                    averageWaitSeconds: 30, agentsAvailable: 1, agentsBusy: 1, agentsLoggedIn: 2)
    }

    @Test func aDayOfQueueSamples() {
        // Two callers arrive, one is answered, the other gives up, the answered call ends.
        let samples = [sample(9, waiting: 0, calls: 0), sample(9.1, waiting: 1, calls: 1, longest: 5), sample(9.2, waiting: 2, calls: 2, longest: 40),
                       sample(9.3, waiting: 1, calls: 2, longest: 50), sample(9.4, waiting: 0, calls: 1), sample(9.5, waiting: 0, calls: 0)]
        let queue = DayFigures.make(day: "2026-12-01", calls: [], samples: samples.shuffled()).queues.first
        #expect(queue?.offered == 2)
        #expect(queue?.answered == 1)
        #expect(queue?.missed == 1)
        #expect(queue?.peakWaiting == 2)
        #expect(queue?.longestWaitSeconds == 50)
    }

    @Test func perExtensionAndByTag() {
        let calls = [Fixture.call("201", .inbound, "5551110001", at: 9, outcome: .answered, tag: "VIP", talk: 120),
                     Fixture.call("201", .outbound, "5551110002", at: 10, outcome: .answered, talk: 60),
                     Fixture.call("201", .inbound, "5551110003", at: 11, outcome: .unanswered, tag: "vip")]
        let figures = DayFigures.make(day: "2026-12-01", calls: calls, samples: [])
        #expect(figures.extensions.first == DayFigures.Extension(extensionNumber: "201", inbound: 2, outbound: 1, missed: 1, talkSeconds: 180))
        #expect(figures.tags.first?.calls == 2)
        #expect(figures.tags.first?.answered == 1)
        #expect(figures.tags.first?.missed == 1)
    }

    @Test func daysAreLocalAndDSTCorrect() throws {
        let day = Fixture.day
        let spring = try #require(day.day(named: "2026-03-08"))
        #expect(day.end(of: spring).timeIntervalSince(spring) == 23 * 3600)
        let autumn = try #require(day.day(named: "2026-11-01"))
        #expect(day.end(of: autumn).timeIntervalSince(autumn) == 25 * 3600)
        // 23:30 on the autumn day is still that day, though 24.5 hours after its midnight.
        #expect(day.name(of: autumn.addingTimeInterval(24.5 * 3600)) == "2026-11-01")
        #expect(day.name(of: autumn.addingTimeInterval(25.5 * 3600)) == "2026-11-02")
        #expect(day.start(daysBefore: 1, spring.addingTimeInterval(3600)) == day.day(named: "2026-03-07"))
        #expect(day.day(named: "2026-02-30") == nil)
        #expect(day.day(named: "yesterday") == nil)
    }
}
