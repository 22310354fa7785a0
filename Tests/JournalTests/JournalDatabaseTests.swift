import Foundation
import Journal
import Logging
import Testing

/// The file itself: mode, WAL, the schema's version, damage, a second board.
@Suite struct JournalDatabaseTests {
    @Test func aNewJournalIs0600InWALWithItsSchema() throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/state/journal.sqlite"
        let (database, aside) = try JournalDatabase.open(path: path)
        #expect(aside == nil)
        #expect(!database.readOnly)
        try database.writeLive([Fixture.call("201", .inbound, "5557771234", at: 9, outcome: .unanswered, id: "1")])
        for file in [path, path + "-wal", path + "-shm", path + ".lock"] {
            let mode = try #require(FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
            #expect(mode == 0o600, "\(file)")
        }
        #expect(try database.journalMode() == "wal")
        #expect(try database.appliedMigrations() == ["v1"])
    }

    @Test func liveRowsAreUpdatedInPlaceAndVoicemailIsKept() throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (database, _) = try JournalDatabase.open(path: folder + "/journal.sqlite")
        var call = Fixture.call("201", .inbound, "5557771234", at: 9, outcome: .ongoing, id: "1")
        call.ended = nil
        try database.writeLive([call])
        var stored = try #require(database.calls(from: Fixture.at(0)).first)
        stored.outcome = .voicemail
        try database.writeHistory([stored])
        call.outcome = .unanswered
        call.ended = Fixture.at(9.1)
        try database.writeLive([call])
        let rows = try database.calls(from: Fixture.at(0))
        #expect(rows.count == 1)
        #expect(rows.first?.outcome == .voicemail)
        #expect(rows.first?.ended == Fixture.at(9.1))
    }

    @Test func aDamagedFileIsMovedAsideAndANewOneStarted() throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/journal.sqlite"
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        let (database, aside) = try JournalDatabase.open(path: path)
        let moved = try #require(aside)
        #expect(FileManager.default.fileExists(atPath: moved))
        #expect(try database.callCount() == 0)
        try database.writeLive([Fixture.call("201", .inbound, "5557771234", at: 9, outcome: .unanswered, id: "1")])
        #expect(try database.callCount() == 1)
    }

    @Test func aSecondBoardOnTheSameFileReadsIt() throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/journal.sqlite"
        let (first, _) = try JournalDatabase.open(path: path)
        try first.writeLive([Fixture.call("201", .inbound, "5557771234", at: 9, outcome: .unanswered, id: "1")])
        let (second, _) = try JournalDatabase.open(path: path)
        #expect(second.readOnly)
        #expect(!first.readOnly)
        #expect(try second.callCount() == 1)
        #expect(throws: (any Error).self) { try second.writeLive([Fixture.call("202", .inbound, "5551112222", at: 9, outcome: .unanswered, id: "2")]) }
        // What the first writes, the second sees.
        try first.writeLive([Fixture.call("203", .inbound, "5553334444", at: 10, outcome: .unanswered, id: "3")])
        #expect(try second.callCount() == 2)
    }

    @Test func theFileSumsTheDayAndFindsTheMissedAsTheRulesInMemoryDo() throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (database, _) = try JournalDatabase.open(path: folder + "/journal.sqlite")
        var calls: [JournalCall] = []
        for index in 0..<300 {
            let outcome: JournalCall.Outcome = [.answered, .unanswered, .voicemail, .answered][index % 4]
            let direction: JournalCall.Direction = [.inbound, .outbound, .inbound, .internal, .inbound][index % 5]
            calls.append(Fixture.call("2\(10 + index % 7)", direction, "555000\(index % 37)", at: Double(index) / 20, outcome: outcome,
                                      id: "\(index)", tag: ["", "VIP", "vip", "Sales"][index % 4], talk: Double(index % 90)))
        }
        try database.writeLive(calls)
        let end = Fixture.day.end(of: Fixture.at(1))
        #expect(try database.dayTotals(from: Fixture.midnight, to: end) == DayFigures.totals(calls))
        let since = Fixture.at(2)
        let rules = MissedCalls.list(calls: calls, handled: [:], since: since, day: Fixture.day)
        let fromFile = MissedCalls.list(calls: try database.callsOfMissedNumbers(from: since), handled: [:], since: since, day: Fixture.day)
        #expect(!rules.isEmpty)
        #expect(fromFile == rules)
    }

    @Test func pruningRemovesWhatIsOlderThanTheCutoff() throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (database, _) = try JournalDatabase.open(path: folder + "/journal.sqlite")
        try database.writeLive([Fixture.call("201", .inbound, "5557771234", at: -24 * 91, outcome: .unanswered, id: "1"),
                                Fixture.call("201", .inbound, "5557771234", at: 9, outcome: .unanswered, id: "2")])
        #expect(try database.prune(before: Fixture.day.start(daysBefore: 90, Fixture.at(9))) == 1)
        #expect(try database.callCount() == 1)
    }

    @Test func anUnusableJournalIsSaidAndTheServiceRunsWithoutIt() async throws {
        // A path under a file can never be made, even by root.
        var options = JournalService.Options(path: "/dev/null/switchboard/journal.sqlite")
        options.timeZone = Fixture.newYork
        let views = ViewBox()
        let service = JournalService(options: options, clock: { Fixture.at(12) }, logger: Logger(label: "test")) { views.add($0) }
        service.open()
        service.record([Fixture.call("201", .inbound, "5557771234", at: 9, outcome: .unanswered, id: "1")])
        service.runMinute()
        let problem = service.sync { service.currentProblem }
        guard case .unavailable = problem else { Issue.record("expected the journal off, got \(String(describing: problem))"); return }
        try await waitFor("a view saying so") { views.last?.problem == problem }
        #expect(views.last?.missed.isEmpty == true)
        service.stop()
    }

    @Test func aFullDiskPausesWritingAndIsSaidOnce() throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var options = JournalService.Options(path: folder + "/journal.sqlite")
        options.timeZone = Fixture.newYork
        options.maximumPageCount = 24
        let views = ViewBox()
        let service = JournalService(options: options, clock: { Fixture.at(12) }, logger: Logger(label: "test")) { views.add($0) }
        service.open()
        for index in 0..<3000 {
            service.record([Fixture.call("20\(index % 9 + 1)", .inbound, "555\(1_000_000 + index)", at: 9, outcome: .unanswered, id: "\(index)")])
        }
        let problem = service.sync { service.currentProblem }
        #expect(problem == .diskFull)
        #expect(service.sync { service.problemsSaid } == 1)
    }
}

/// Views published by a service under test.
final class ViewBox: @unchecked Sendable {
    private let lock = NSLock()
    private var views: [JournalSummary] = []
    func add(_ view: JournalSummary) { lock.lock(); views.append(view); lock.unlock() }
    var last: JournalSummary? { lock.lock(); defer { lock.unlock() }; return views.last }
    func countValue() -> Int { lock.lock(); defer { lock.unlock() }; return views.count }
}
