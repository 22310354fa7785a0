import Foundation
import Logging
import PBXSimulator
import PresenceEngine
import Testing
import TestSupport

/// Over a link that is not loopback: the simulator delays each answer as a
/// wide-area link would, and a person's request never waits behind the
/// refresh round. Assertions are on order, not on times (timings are in
/// `make bench`).
@Suite(.serialized, .tags(.endToEnd)) struct WideAreaTests {
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    func paths(_ sim: PBXSimulator, since start: Date) -> [String] {
        sim.requests(since: start).map { line in line.split(separator: " ").dropFirst(2).first.map(String.init) ?? "" }
    }

    /// Each answer comes at least a round trip after its request (a lower
    /// bound: the simulator waits at least that long), and the waits hold up
    /// no other connection: with a long poll held on one, another is answered.
    @Test func answersComeARoundTripLaterWithoutBlockingOtherConnections() async throws {
        try await withSimulator({ $0.latencyMilliseconds = 40; $0.pollBlockSeconds = 20 }) { sim in
            let client = SimClient(sim)
            try await client.login()
            let started = ContinuousClock.now
            _ = try await client.get("/presence/rest/directory")
            let one = ContinuousClock.now - started
            #expect(one >= .milliseconds(80), "a request and its answer take a round trip: \(one)")
            _ = try await client.get("/presence/dashui", query: [("firstRequest", "true")])
            async let poll = client.get("/presence/dashui")
            try await waitUntil("the poll to be held") { sim.pendingPolls == 1 }
            let other = SimClient(sim)
            try await other.login()
            #expect(try await other.get("/presence/rest/directory").status == 200)
            #expect(sim.pendingPolls == 1, "the other connection was answered while the poll is held")
            sim.ring(sim.account.extensions[2].number, from: "15557852675")
            #expect(try await poll.status == 200)
        }
    }

    static func isRoundRequest(_ path: String) -> Bool {
        path.hasPrefix("/presence/rest/queue/") || path.hasPrefix("/presence/rest/conference/")
    }

    /// 100 queues and bridges at 100 ms a round trip over four connections
    /// make a refresh round of some two and a half seconds; a click-to-call
    /// submitted during it reaches the service before the round's last
    /// request. (At 20 ms a round trip the round lasted half a second: a test
    /// kept from running for that long on a loaded machine submitted the call
    /// after the round, and the call was not late, the test was.)
    @Test func aClickToCallOvertakesTheRefreshRound() async throws {
        try await withSimulator({ $0.extensionCount = 1_000; $0.latencyMilliseconds = 50 }) { sim in
            let engine = Self.engine(sim)
            let start = Date()
            engine.start()
            let items = sim.account.queues.count + sim.account.bridges.count
            #expect(items >= 50)
            try await waitUntil("the refresh round under way") { paths(sim, since: start).count(where: Self.isRoundRequest) >= 3 }
            Self.call(engine, sim.account.extensions[0].number, extensions: Set(sim.account.extensions.map(\.number)))
            let submittedAfter = paths(sim, since: start).count(where: Self.isRoundRequest)
            // The log that shows the call is the one its place is read from.
            let log = try await waitUntil("the click-to-call at the service", reading: { paths(sim, since: start) }) {
                $0.contains { $0.hasPrefix("/presence/rest/clicktocall/") }
            }
            engine.stop()
            let call = try #require(log.firstIndex { $0.hasPrefix("/presence/rest/clicktocall/") })
            let roundBeforeCall = log[..<call].count(where: Self.isRoundRequest)
            #expect(roundBeforeCall < items,
                    "the call waited for the whole round (\(roundBeforeCall) of \(items) before it; \(submittedAfter) when it was submitted)")
        }
    }

    static func engine(_ sim: PBXSimulator) -> PresenceEngine {
        var configuration = PresenceEngine.Configuration()
        configuration.refreshSeconds = 3600  // one round, the first
        configuration.maxRequestsPerMinute = 6_000  // the round's order is the subject, not the budget
        return PresenceEngine(server: sim.address, credentials: sim.demoCredentials, configuration: configuration, logger: quiet)
    }

    static func call(_ engine: PresenceEngine, _ number: String, extensions: Set<String>) {
        engine.submit { services in _ = try? services.clickToCall(number, extensions: extensions) }
    }

    /// Queue and bridge details go over several connections at once: while
    /// one request hangs for seconds, the others of the round are answered.
    @Test func oneHangingRequestDoesNotHoldUpTheRestOfTheRound() async throws {
        try await withSimulator({ $0.extensionCount = 1_000 }) { sim in
            var configuration = PresenceEngine.Configuration()
            configuration.refreshSeconds = 1
            // Connections side by side are the subject, not the budget (RequestBudgetTests).
            configuration.maxRequestsPerMinute = 6_000
            let engine = PresenceEngine(server: sim.address, credentials: sim.demoCredentials, configuration: configuration, logger: Self.quiet)
            let start = Date()
            engine.start()
            let items = sim.account.queues.count + sim.account.bridges.count
            try await waitUntil("a first round") { paths(sim, since: start).count(where: Self.isRoundRequest) >= items }
            // The next REST request hangs for 12 s (within the 15 s request
            // timeout): one of the next round's. Ten answers on the other
            // connections take well under a second; 12 s (it was 4) leaves a
            // loaded machine room, so the race is never close.
            sim.control.injectFaults([.hang(seconds: 12)], for: .rest)
            let injected = Date()
            // One reading of the log for both: ten answers in it, and the hung one not (yet) among them.
            let log = try await waitUntil("ten more answers of the round", reading: { sim.requests(since: injected) }) { lines in
                lines.count { Self.isRoundRequest($0.split(separator: " ").dropFirst(2).first.map(String.init) ?? "") } >= 10
            }
            let hung = log.contains { $0.contains("hang") }
            engine.stop()
            #expect(!hung, "the round waited for the hanging request")
        }
    }
}
