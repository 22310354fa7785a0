import Foundation
import Journal
import PresenceEngine
import Testing
@testable import Switchboard

/// The journal on screen: the missed calls (`m`), today's figures (Tab),
/// the digest, and the wallboard's day figures and missed strip, at the
/// sizes a wall has; and the call-back rules the receptionist sees.
@Suite struct JournalScreensTests {
    static let utc = LocalDay(timeZone: TimeZone(identifier: "UTC")!)

    static func at(_ hoursBefore: Double) -> Date { BoardFixture.wallClock.addingTimeInterval(-hoursBefore * 3600) }

    static func caller(_ number: String, name: String, hoursBefore: Double, count: Int = 1, voicemail: Bool = false,
                       extensions: [String] = ["208"], queues: [String] = []) -> MissedCaller {
        MissedCaller(numberKey: NumberKey.of(number), number: number, name: name, count: count, first: at(hoursBefore + 1),
                     last: at(hoursBefore), extensions: extensions, queues: queues, leftVoicemail: voicemail,
                     isRepeatCaller: count >= 3, handledAt: nil)
    }

    static var journal: JournalSummary {
        var today = DayFigures(day: utc.name(of: BoardFixture.wallClock))
        var desk = DayFigures.Queue(queue: "9100", name: "Front Desk")
        (desk.offered, desk.answered, desk.missed, desk.peakWaiting, desk.longestWaitSeconds, desk.averageWaitSeconds) = (42, 38, 4, 5, 161, 40)
        desk.answeredWithinTarget = 34
        var support = DayFigures.Queue(queue: "9200", name: "Support")
        (support.offered, support.answered, support.missed) = (7, 7, 0)
        today.queues = [desk, support]
        today.extensions = [DayFigures.Extension(extensionNumber: "204", inbound: 12, outbound: 3, missed: 1, talkSeconds: 4_210),
                            DayFigures.Extension(extensionNumber: "208", inbound: 5, outbound: 0, missed: 2, talkSeconds: 600)]
        var vip = DayFigures.Tag(tag: "VIP")
        (vip.calls, vip.answered, vip.missed) = (6, 5, 1)
        today.tags = [vip]
        var view = JournalSummary(missedSince: utc.start(daysBefore: 1, BoardFixture.wallClock), today: today)
        view.missed = [caller("15557852675", name: "Jane Doe", hoursBefore: 0.2),
                       caller("442079460018", name: "", hoursBefore: 1.5, count: 3, voicemail: true, extensions: ["208", "212"], queues: ["9100"]),
                       caller("15559990000", name: "Contoso Billing", hoursBefore: 20, voicemail: true)]
        var digest = Digest.make(since: at(14), calls: [], samples: [], day: utc)
        (digest.missedCallers, digest.missedCalls, digest.voicemails) = (3, 5, 2)
        (digest.busiestQueueName, digest.busiestQueueOffered) = ("Front Desk", 42)
        (digest.longestWaitSeconds, digest.longestWaitQueue) = (161, "Front Desk")
        digest.latest = view.missed
        view.digest = digest
        let now = BoardFixture.wallClock
        view.recent = [
            JournalCall(extensionNumber: "204", direction: .inbound, number: "15557852675", name: "Jane Doe", rang: now.addingTimeInterval(-194),
                        outcome: .ongoing, source: .live),
            JournalCall(extensionNumber: "215", direction: .outbound, number: "15551234567", rang: now.addingTimeInterval(-3_727),
                        outcome: .answered, source: .live),
            JournalCall(extensionNumber: "208", direction: .inbound, number: "442079460018", rang: now.addingTimeInterval(-5_400),
                        outcome: .voicemail, source: .live),
        ]
        return view
    }

    static func app(width: Int, height: Int) -> App {
        var app = BoardFixture.app(width: width, height: height)
        _ = app.reduce(.journal(journal))
        return app
    }

    @Test func theMissedCallsAtEveryWallSize() throws {
        for (width, height) in WallSnapshotTests.sizes {
            var app = Self.app(width: width, height: height)
            _ = app.reduce(.key(.escape))  // the digest first: Esc closes it
            _ = app.reduce(.key(.character("m")))
            let text = BoardFixture.render(app, width: width, height: height).text
            try SnapshotFile.assertMatches(text, named: "missed-\(width)x\(height).txt")
            #expect(text.contains("+44 20 7946 0018"), "\(width)x\(height)")
        }
    }

    @Test func todaysFiguresAtEveryWallSize() throws {
        for (width, height) in WallSnapshotTests.sizes {
            var app = Self.app(width: width, height: height)
            _ = app.reduce(.key(.escape))
            for _ in 0..<3 { _ = app.reduce(.key(.tab)) }
            #expect(app.focus == .today)
            let text = BoardFixture.render(app, width: width, height: height).text
            try SnapshotFile.assertMatches(text, named: "today-\(width)x\(height).txt")
            #expect(text.contains("Front Desk"))
        }
    }

    /// The service level is a lower bound: rounded down, and all of them is plainly 100%.
    @Test func theServiceLevelIsALowerBoundSaidPlainly() {
        #expect(DayQueueText.serviceLevelText(nil) == "—")
        #expect(DayQueueText.serviceLevelText(0.8095) == "≥80%")
        #expect(DayQueueText.serviceLevelText(0.996) == "≥99%")
        #expect(DayQueueText.serviceLevelText(1) == "100%")
    }

    /// Issue 25: the lines the extensions leave free show the missed calls
    /// to call back, then today's figures; the extensions keep every line
    /// they need (all eight are on screen at every size).
    @Test func theRoomUnderTheExtensionsAtEveryWallSize() throws {
        for (width, height) in WallSnapshotTests.sizes {
            var app = Self.app(width: width, height: height)
            _ = app.reduce(.key(.escape))
            let text = BoardFixture.render(app, width: width, height: height).text
            try SnapshotFile.assertMatches(text, named: "room-\(width)x\(height).txt")
            for number in ["204", "208", "212", "215", "221", "230", "231", "233"] {
                #expect(text.contains("│ \(number) ") || text.contains(" \(number) "), "\(number) at \(width)x\(height)")
            }
            let hasRoom = app.geometry.room != nil
            #expect(hasRoom == text.contains("Missed calls to call back 3 (m)"), "\(width)x\(height)")
            if height >= 40 { #expect(hasRoom && text.contains("Today 2026-11-18"), "\(width)x\(height)") }
        }
    }

    /// With the journal off the room stays empty and the extensions keep the whole area.
    @Test func withTheJournalOffTheExtensionsKeepTheWholeArea() {
        var app = BoardFixture.app(width: 120, height: 40)
        _ = app.reduce(.journal(.turnedOff))
        #expect(app.geometry.room == nil)
        #expect(app.geometry.wallPane == app.geometry.extensions)
    }

    @Test func theDigestAndTheWallboardAtEveryWallSize() throws {
        for (width, height) in WallSnapshotTests.sizes {
            var app = Self.app(width: width, height: height)
            #expect(app.mode == .digest)
            try SnapshotFile.assertMatches(BoardFixture.render(app, width: width, height: height).text, named: "digest-\(width)x\(height).txt")
            _ = app.reduce(.key(.escape))
            _ = app.reduce(.key(.character("w")))
            let text = BoardFixture.render(app, width: width, height: height).text
            try SnapshotFile.assertMatches(text, named: "wallboard-day-\(width)x\(height).txt")
            #expect(text.contains("Missed 3 to call back"), "\(width)x\(height)")
        }
    }

    @Test func aColleagueOnTheLineWithTheCallerIsSaidOnTheRowAndInTheQuestion() {
        var app = Self.app(width: 120, height: 40)
        _ = app.reduce(.key(.escape))
        _ = app.reduce(.key(.character("m")))
        // 204 is on a call with +1 555 785 2675 in the fixture.
        let text = BoardFixture.render(app, width: 120, height: 40).text
        #expect(text.contains("on the line: 204"))
        _ = app.reduce(.key(.enter))
        #expect(app.mode == .confirmCall(digits: "15557852675", label: "back +1 555 785 2675 Jane Doe (204 on the line with them now)"))
        // Answering the question returns to the list, to go on calling back.
        let effects = app.reduce(.key(.character("y")))
        #expect(effects == [.call(digits: "15557852675", label: "back +1 555 785 2675 Jane Doe (204 on the line with them now)")])
        #expect(app.mode == .missed(MissedScreen()))
    }

    @Test func xMarksTheSelectedCallerHandled() {
        var app = Self.app(width: 120, height: 40)
        _ = app.reduce(.key(.escape))
        _ = app.reduce(.key(.character("m")))
        _ = app.reduce(.key(.down))
        #expect(app.reduce(.key(.character("x"))) == [.markHandled(numberKey: "442079460018")])
        // Kiosk mode lists the callers but neither calls back nor marks.
        app.kiosk = true
        #expect(app.reduce(.key(.character("x"))).isEmpty)
        _ = app.reduce(.key(.enter))
        #expect(app.mode == .missed(MissedScreen(selection: 1, scrollOffset: 0)))
    }

    @Test func aJournalProblemIsSaidOnceInTheFooter() {
        var app = Self.app(width: 120, height: 40)
        var view = Self.journal
        view.problem = .diskFull
        _ = app.reduce(.journal(view))
        #expect(app.notice?.text == "journal paused: disk full")
        _ = app.reduce(.notice("something else", isError: false, at: .zero))
        _ = app.reduce(.journal(view))
        #expect(app.notice?.text == "something else")
    }
}
