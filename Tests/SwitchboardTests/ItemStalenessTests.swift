import Foundation
import Logging
import PBXSimulator
import PresenceEngine
import Testing
import TestSupport
@testable import Switchboard

/// One queue that stops answering among queues that answer is marked stale
/// on its own (issue 23: its old figures used to stay on the board
/// unmarked, since the services as a whole were answering), and unmarked
/// when it answers again.
@Suite struct ItemStalenessTests {
    @Test func oneQueueThatStopsAnsweringIsMarkedOnItsOwn() async throws {
        let folder = NSTemporaryDirectory() + "stale-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await withSimulator { sim in
            var configuration = PresenceEngine.Configuration()
            configuration.refreshSeconds = 1
            configuration.quietRefreshSeconds = 1
            configuration.itemStaleSeconds = 3
            configuration.maxRequestsPerMinute = 6_000
            let engine = PresenceEngine(server: sim.address, credentials: sim.demoCredentials, configuration: configuration,
                                        logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            engine.start()
            defer { engine.stop() }
            let queues = sim.account.queues.map(\.number)
            let failing = try #require(queues.first), answering = try #require(queues.last)
            #expect(failing != answering)
            try await waitUntil("the queues' first figures") {
                let known = engine.mailbox.latest().queues
                return known[failing] != nil && known[answering] != nil
            }
            // From now on the failing queue's answers are not JSON.
            let garbage = URL(fileURLWithPath: folder + "/garbage.txt")
            try Data("<html>maintenance</html>".utf8).write(to: garbage)
            try await AnswerCorpusTests.serve(garbage, on: "/presence/rest/queue/\(failing)", sim)
            // One snapshot for every check: the failing queue marked, the
            // answering one and the services as a whole not. (Marks come by
            // the clock, 3 s here: on a loaded machine a late round may leave
            // the answering queue marked for a moment, until its next answer;
            // one that is never unmarked, or marked with the other, fails.)
            var last: PresenceSnapshot?
            let snapshot: PresenceSnapshot
            do {
                snapshot = try await waitUntil("the failing queue marked stale on its own", within: .seconds(30),
                                               reading: { engine.mailbox.latest() }) { snapshot in
                    last = snapshot
                    return snapshot.queues[failing]?.staleSince != nil && snapshot.queues[answering]?.staleSince == nil
                        && snapshot.servicesFailingSince == nil
                }
            } catch {
                let queues = last.map { snapshot in snapshot.queues.mapValues { $0.staleSince.map { "\($0)" } ?? "fresh" } }
                Issue.record("queues: \(String(describing: queues)); services failing since \(String(describing: last?.servicesFailingSince))")
                throw error
            }
            #expect(snapshot.queues[answering]?.staleSince == nil, "the answering queue is not stale")
            #expect(snapshot.servicesFailingSince == nil, "the services as a whole still answer")

            // On the board: that queue's line says since when; the others and the title do not.
            var app = App()
            _ = app.reduce(.resized(width: 120, height: 40))
            _ = app.reduce(.snapshot(snapshot))
            let screen = BoardFixture.render(app, width: 120, height: 40).text
            let since = ClockText.time(try #require(snapshot.queues[failing]?.staleSince), timeZone: TimeZone(identifier: "UTC")!)
            #expect(screen.components(separatedBy: "stale · as of \(since) ·").count - 1 == 1, "\(screen)")
            #expect(!screen.contains("Queues \(snapshot.queues.count) · stale"))

            // It answers again: the mark goes.
            _ = try await SimClient(sim).delete("/_sim/answers")
            try await waitUntil("the queue fresh again", within: .seconds(30)) {
                engine.mailbox.latest().queues[failing]?.staleSince == nil
            }
        }
    }
}
