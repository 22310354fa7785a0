import Foundation
import Journal
import Logging
import Synchronization
import Testing

/// A clock the test moves.
final class TestClock: Sendable {
    private let now: Mutex<Date>
    init(_ start: Date) { now = Mutex(start) }
    func set(_ date: Date) { now.withLock { $0 = date } }
    func read() -> Date { now.withLock { $0 } }
}

/// The service with an injected clock: the day rolls at local midnight
/// (DST-correct), figures come back after a restart, the digest after a night away.
@Suite struct JournalServiceTests {
    func service(_ folder: String, clock: TestClock, views: ViewBox) -> JournalService {
        var options = JournalService.Options(path: folder + "/journal.sqlite")
        options.timeZone = Fixture.newYork
        return JournalService(options: options, clock: { clock.read() }, logger: Logger(label: "test")) { views.add($0) }
    }

    /// The next view published after `action`.
    func view(after action: () -> Void, views: ViewBox, service: JournalService) async throws -> JournalSummary {
        let before = views.count
        action()
        try await waitFor("a journal view") { views.count > before }
        return try #require(views.last)
    }

    @Test func theDayRollsAtLocalMidnightAndTheFiguresSurviveARestart() async throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 2026-11-01 is 25 hours long in New York: 23:30 is 24.5 hours after its midnight.
        let autumn = try #require(Fixture.day.day(named: "2026-11-01"))
        let clock = TestClock(autumn.addingTimeInterval(24.5 * 3600))
        let views = ViewBox()
        let first = service(folder, clock: clock, views: views)
        var view = try await view(after: { first.open() }, views: views, service: first)
        #expect(view.today.day == "2026-11-01")
        var late = Fixture.call("201", .inbound, "5557771234", at: 0, outcome: .unanswered, id: "1")
        late.rang = autumn.addingTimeInterval(24.5 * 3600)
        late.ended = late.rang.addingTimeInterval(20)
        view = try await self.view(after: { first.record([late]) }, views: views, service: first)
        #expect(view.today.extensions.first?.missed == 1)
        #expect(view.missed.count == 1)
        first.stop()
        // A restart the same evening: the day's figures are rebuilt from the file.
        let second = service(folder, clock: clock, views: views)
        view = try await self.view(after: { second.open() }, views: views, service: second)
        #expect(view.today.extensions.first?.missed == 1)
        // Past midnight (25 hours after the last one): a new day, no figures, the missed call still listed.
        clock.set(autumn.addingTimeInterval(25.2 * 3600))
        view = try await self.view(after: { second.runMinute() }, views: views, service: second)
        #expect(view.today.day == "2026-11-02")
        #expect(view.today.extensions.isEmpty)
        #expect(view.missed.count == 1)
        second.stop()
    }

    @Test func afterMoreThanFourHoursAwayTheDigestSaysWhatHappened() async throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clock = TestClock(Fixture.at(8))
        let views = ViewBox()
        let first = service(folder, clock: clock, views: views)
        first.open()
        // Calls the board did not see, written as the history would fill them in.
        first.stop()
        do {
            // Closed again (and its lock released) before the next board opens.
            let (database, _) = try JournalDatabase.open(path: folder + "/journal.sqlite")
            var night = Fixture.call("201", .inbound, "5557771234", at: 11, outcome: .voicemail, id: nil)
            night.source = .history
            try database.writeHistory([night])
            try database.setLastSeen(Fixture.at(8))
        }
        clock.set(Fixture.at(13))
        let second = service(folder, clock: clock, views: views)
        let view = try await self.view(after: { second.open() }, views: views, service: second)
        #expect(second.sync { second.currentProblem } == nil)
        let digest = try #require(view.digest)
        #expect(digest.since == Fixture.at(8))
        #expect(digest.missedCallers == 1)
        #expect(digest.voicemails == 1)
        second.stop()
        // Back within four hours: no digest.
        clock.set(Fixture.at(14))
        let thirdViews = ViewBox()
        let third = service(folder, clock: clock, views: thirdViews)
        #expect(try await self.view(after: { third.open() }, views: thirdViews, service: third).digest == nil)
        third.stop()
    }

    @Test func aSecondBoardReadsTheJournalAndSaysSo() async throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clock = TestClock(Fixture.at(9))
        let views = ViewBox(), otherViews = ViewBox()
        let first = service(folder, clock: clock, views: views)
        first.open()
        let second = service(folder, clock: clock, views: otherViews)
        second.open()
        #expect(second.sync { second.currentProblem } == .sharedReadOnly(folder + "/journal.sqlite"))
        // Its first view (of an empty journal) is out before the other board writes.
        try await waitFor("the second board's first view") { otherViews.count > 0 }
        #expect(otherViews.last?.missed.isEmpty == true)
        first.record([Fixture.call("201", .inbound, "5557771234", at: 8.9, outcome: .unanswered, id: "1")])
        second.runMinute()
        try await waitFor("the other board's call read by the second") { otherViews.last?.missed.count == 1 }
        first.stop()
        second.stop()
    }
}

extension ViewBox {
    var count: Int { countValue() }
}

/// Waits for `condition` with a deadline (never a fixed sleep).
func waitFor(_ what: String, within seconds: Double = 15, _ condition: () -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
        guard Date() < deadline else { throw DeadlineMissed(what: what) }
        try await Task.sleep(for: .milliseconds(10))
    }
}

struct DeadlineMissed: Error, CustomStringConvertible {
    let what: String
    var description: String { "deadline passed waiting for \(what)" }
}
