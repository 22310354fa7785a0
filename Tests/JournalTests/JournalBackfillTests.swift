import Foundation
import Journal
import Logging
import PBXSimulator
import PresenceEngine
import Testing
import TestSupport

/// The journal filled from the simulator's call history through the real
/// engine: every extension for an administrator (paging past 100), the
/// user's own otherwise, no duplicates on a second start, and again after an outage.
@Suite(.serialized) struct JournalBackfillTests {
    static func records(_ ext: String, count: Int, from base: Int64) -> [HistoryRecord] {
        (0..<count).map { index in
            let start = base + Int64(index) * 30_000
            return HistoryRecord(callId: "\(9_000_000 + Int(ext)! * 1000 + index)", startedAtMs: start, endedAtMs: start + 20_000,
                                 from: "1555\(String(format: "%07d", index))", to: "15553000\(ext)", isInbound: true, extensionNumber: ext,
                                 durationSeconds: index % 3 == 0 ? 0 : 20, result: index % 3 == 0 ? .unanswered : .answered)
        }
    }

    /// A board's engine and journal against `sim` until `body` returns.
    static func withBoard(_ sim: PBXSimulator, folder: String, user: String = Account.demoLogin,
                          password: String = Account.demoPassword, backfillMinutes: Double? = nil, engineFirst: Bool = false,
                          _ body: (JournalService, JournalDatabaseReader, ViewBox) async throws -> Void) async throws {
        var options = JournalService.Options(path: folder + "/journal.sqlite")
        options.user = user
        if let backfillMinutes { options.backfillMinutes = backfillMinutes }
        var configuration = PresenceEngine.Configuration()
        configuration.policy.backoffBaseSeconds = 0.05
        // What is filled is the subject here, not how fast the budget lets it.
        configuration.maxRequestsPerMinute = 6_000
        let engine = PresenceEngine(server: sim.address, credentials: FixedCredentials(Credentials(user: user, password: Secret(password))),
                                    configuration: configuration, logger: Logger(label: "engine"))
        let views = ViewBox()
        let service = JournalService(options: options, logger: Logger(label: "journal")) { views.add($0) }
        if engineFirst {
            // As the board does: the engine runs, and is live, before the journal listens.
            engine.start()
            try await waitFor("the engine live") { engine.mailbox.latest().health == .live }
            service.start(engine: engine)
        } else {
            service.start(engine: engine)
            engine.start()
        }
        defer {
            service.stop()
            engine.stop()
        }
        // The service has opened (and locked) the file before the test reads it.
        try await waitFor("the journal open") { views.count > 0 }
        try await body(service, JournalDatabaseReader(path: options.path), views)
    }

    @Test func anAdministratorsFillReadsEveryExtensionPastAHundredOnceOnly() async throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await withSimulator { sim in
            let base = Int64(Date().timeIntervalSince1970 * 1000) - 2 * 3_600_000
            sim.control.recordHistory(Self.records("201", count: 150, from: base) + Self.records("202", count: 3, from: base))
            let began = Date()
            try await Self.withBoard(sim, folder: folder) { _, reader, views in
                // One missed call in three, each from its own number; 202 missed the same number as 201 did first.
                // The rows are waited for with the view: 201's fifty missed callers are there before 202 is read.
                var rows = 0
                do {
                    try await waitFor("the fill", within: 30) {
                        rows = (try? reader.count()) ?? rows
                        let view = views.last
                        return view?.missed.count == 50 && view?.filling == false && rows >= 153
                    }
                } catch {
                    Issue.record("\(rows) rows in the journal, views: \(String(describing: views.last))")
                    throw error
                }
                #expect(rows == 153)
            }
            // Only the extensions whose live status says they had a call were
            // read: 201 in two pages, 202 in one; none of the account's others.
            let reads = sim.requests(since: began).filter { $0.contains("/callhistory/") }
            #expect(reads.count == 3, "\(reads)")
            #expect(reads.allSatisfy { $0.contains("/callhistory/201") || $0.contains("/callhistory/202") }, "\(reads)")
            // A second start: no call since the first, so nothing is read, and no row twice.
            let again = Date()
            try await Self.withBoard(sim, folder: folder) { service, reader, _ in
                // (Not a second view as well: the one the fill's end asks for may be the open's, not yet sent.)
                try await waitFor("the second start's fill planned") { service.sync { service.currentPlan.isEmpty } }
                #expect(try reader.count() == 153)
            }
            #expect(sim.requests(since: again).filter { $0.contains("/callhistory/") }.isEmpty)
        }
    }

    @Test func aUserWhoIsNotAnAdministratorFillsTheirOwnExtensionOnly() async throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await withSimulator { sim in
            let base = Int64(Date().timeIntervalSince1970 * 1000) - 3_600_000
            sim.control.recordHistory(Self.records("201", count: 5, from: base) + Self.records("202", count: 3, from: base))
            let login = try #require(sim.account.extensions.first { $0.number == "202" }?.loginName)
            try await Self.withBoard(sim, folder: folder, user: login, password: Account.staffPassword) { _, reader, views in
                try await waitFor("the fill", within: 30) { (try? reader.count()) == 3 && views.last?.filling == false }
                #expect(try reader.extensions() == ["202"])
            }
        }
    }

    @Test func afterAnOutageTheFillBringsWhatTheBoardDidNotSee() async throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Polls held 1 s, so the next one (which the faults spoil) comes soon.
        try await withSimulator({ $0.pollBlockSeconds = 1 }) { sim in
            try await Self.withBoard(sim, folder: folder) { service, reader, _ in
                // The start's fill planned and done: the board is live and knows its people.
                try await waitFor("the first fill", within: 30) { service.sync { service.currentPlan.isEmpty } }
                #expect(try reader.count() == 0)
                // The link drops; meanwhile a caller rings 203 and gives up.
                let now = Int64(Date().timeIntervalSince1970 * 1000)
                sim.control.recordHistory(Self.records("203", count: 1, from: now - 60_000))
                sim.control.injectFaults(Array(repeating: .dropBeforeResponse, count: 4), for: .dashui)
                try await waitFor("the call from the outage filled in", within: 30) { (try? reader.count()) == 1 }
            }
        }
    }

    /// The board starts its engine before its journal: a journal that
    /// listens to an engine already live still knows it is live, and fills.
    @Test func aJournalStartedAfterItsEngineIsLiveStillFills() async throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await withSimulator { sim in
            let base = Int64(Date().timeIntervalSince1970 * 1000) - 3_600_000
            sim.control.recordHistory(Self.records("204", count: 3, from: base))
            try await Self.withBoard(sim, folder: folder, engineFirst: true) { service, reader, _ in
                try await waitFor("the fill", within: 30) { (try? reader.count()) == 3 && service.sync { service.currentPlan.isEmpty } }
            }
        }
    }

    /// A call that rang and ended between two answers: live status shows
    /// only its last call moved on. The board notes it while it watches and
    /// reads that extension's history at the next periodic read, no other.
    @Test func aCallSeenOnlyInPassingIsReadAtTheNextPeriodicRead() async throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await withSimulator { sim in
            // Every minute's turn is due at once (the test runs it).
            try await Self.withBoard(sim, folder: folder, backfillMinutes: 0.0001) { service, reader, _ in
                try await waitFor("the first fill", within: 30) { service.sync { service.currentPlan.isEmpty } }
                let now = Int64(Date().timeIntervalSince1970 * 1000)
                sim.control.recordHistory(Self.records("205", count: 1, from: now - 20_000))
                try await waitFor("the call noted as seen in passing") { service.sync { service.currentPlan.unseen["205"] != nil } }
                let before = Date()
                service.runMinute()
                try await waitFor("the call read from the history", within: 30) { (try? reader.count()) == 1 }
                let reads = sim.requests(since: before).filter { $0.contains("/callhistory/") }
                #expect(reads.count == 1 && reads.allSatisfy { $0.contains("/callhistory/205") }, "\(reads)")
            }
        }
    }
}

/// Reads the journal file beside the service (read only while it writes).
struct JournalDatabaseReader {
    let path: String

    func count() throws -> Int { try JournalDatabase.open(path: path).0.callCount() }

    func extensions() throws -> [String] {
        Array(Set(try JournalDatabase.open(path: path).0.calls(from: .distantPast).map(\.extensionNumber))).sorted()
    }
}
