import Foundation
import Logging
import PBXSimulator
import PresenceEngine
import Testing
import TestSupport
@testable import Switchboard

/// Every fault the simulator can serve, against the real engine over
/// loopback and the board's own renderer (an off-screen buffer, as the
/// board draws it): the header shows the right state within 2 s of the
/// fault, the last good rows stay on screen marked stale, and the board
/// converges on the simulator once the fault ends (RELIABILITY.md).
@Suite(.serialized, .tags(.endToEnd)) struct FaultMatrixTests {
    /// What the board must show while a fault lasts.
    enum Expected: Sendable, CustomStringConvertible {
        /// `reconnecting (n) — last update …`, the rows kept with a stale mark.
        case reconnecting
        /// The fault is absorbed without a visible outage: still `live`.
        case stillLive
        var description: String { self == .reconnecting ? "reconnecting" : "live" }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let fault: Fault
        let count: Int
        let expected: Expected
        var testDescription: String { "\(fault) ×\(count) → \(expected)" }
    }

    static let dashuiCases: [Case] = [
        Case(fault: .status(500), count: 2, expected: .reconnecting),
        Case(fault: .status(503), count: 2, expected: .reconnecting),
        Case(fault: .dropBeforeResponse, count: 2, expected: .reconnecting),
        Case(fault: .dropMidBody, count: 2, expected: .reconnecting),
        Case(fault: .truncatedBody, count: 2, expected: .reconnecting),
        Case(fault: .malformedJSON, count: 2, expected: .reconnecting),
        Case(fault: .hugeBody(bytes: 70_000_000), count: 1, expected: .reconnecting),
        // Longer than the poll timeout (8 s here, 45 s on the board):
        // reconnecting once the timeout passes.
        Case(fault: .hang(seconds: 12), count: 1, expected: .reconnecting),
        // 409s: backs off on the same session, then logs in afresh.
        Case(fault: .conflict, count: 3, expected: .reconnecting),
        // 403: a new login and a complete answer, no visible outage.
        Case(fault: .expireSession, count: 1, expected: .stillLive),
        // Shorter than the poll timeout: a held poll looks the same.
        Case(fault: .hang(seconds: 1.5), count: 1, expected: .stillLive),
        Case(fault: .trickle(bytesPerSecond: 400), count: 1, expected: .stillLive),
        Case(fault: .invalidUTF8, count: 1, expected: .stillLive),
    ]

    static let width = 120, height = 40
    /// The goal for showing a fault (RELIABILITY.md). Reported, not judged:
    /// under a loaded parallel run the engine's threads wait for a core, and
    /// a time says as much about the machine as about the board (the
    /// figures that count are `make bench`'s). What is shown is judged.
    static let bound: TimeInterval = 2

    /// Prints how long `what` took to show, with a warning (not a failure) past `goal`.
    static func report(_ what: String, took elapsed: TimeInterval, goal: TimeInterval, story: @autoclosure () -> String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        print("fault matrix: \(what): shown after \(String(format: "%.3f", elapsed)) s")
        if elapsed > goal {
            Issue.record("\(what) took \(String(format: "%.3f", elapsed)) s to show, past the \(goal) s goal\n\(story())",
                         severity: .warning, sourceLocation: sourceLocation)
        }
    }

    /// The board without a terminal: the engine's latest snapshot reduced
    /// into the app and drawn into a buffer, as the UI thread does.
    final class HeadlessBoard: @unchecked Sendable {
        let engine: PresenceEngine
        /// What the engine logged, printed when a case fails.
        let log = MemoryLog()
        let sim: PBXSimulator
        private var app = App()
        private let screen = BoardScreen(identity: "receptionist", glyphs: .unicode, timeZone: TimeZone(identifier: "UTC")!)

        init(_ sim: PBXSimulator, policy: PollStateMachine.Policy = PollStateMachine.Policy()) {
            self.sim = sim
            let cookies = CookieJar()
            let session = SessionGate()
            // Timeouts shortened (the simulator holds a poll 1 s here) so a hang is seen in seconds.
            func client() -> VonageClient {
                VonageClient(transport: CurlTransport(server: sim.address, cookies: cookies), credentials: sim.demoCredentials, session: session,
                             requestTimeoutSeconds: 8, pollTimeoutSeconds: 8)
            }
            var configuration = PresenceEngine.Configuration()
            configuration.policy = policy
            configuration.refreshSeconds = 0.5
            engine = PresenceEngine(pollClient: client(), serviceClient: client(), actionClient: client(), configuration: configuration,
                                    logger: log.logger)
            _ = app.reduce(.resized(width: FaultMatrixTests.width, height: FaultMatrixTests.height))
        }

        /// The simulator's requests and the engine's log since `time`.
        func story(since time: Date) -> String {
            "requests:\n" + sim.requests(since: time).joined(separator: "\n") + "\nengine:\n" + log.lines(since: time).joined(separator: "\n")
        }

        /// When the engine published the snapshot last drawn.
        private(set) var publishedAt = Date()
        private var drawn: (version: Int, frame: Buffer)?

        /// Drawn again only when the engine published a new version: the
        /// tests poll often, and the simulator shares the machine.
        func frame() -> Buffer {
            let latest = engine.mailbox.latestWithTime()
            if let drawn, drawn.version == latest.snapshot.version { return drawn.frame }
            publishedAt = latest.publishedAt
            _ = app.reduce(.snapshot(latest.snapshot))
            var buffer = Buffer(width: FaultMatrixTests.width, height: FaultMatrixTests.height)
            screen.render(app, now: .now(), wallClock: Date(), into: &buffer)
            drawn = (latest.snapshot.version, buffer)
            return buffer
        }
    }

    /// The rows inside the extensions pane (not its title). Queue figures
    /// may change meanwhile: a ringing agent is busy.
    static func rows(_ buffer: Buffer) -> [String] {
        let inner = BoardLayout(width: buffer.width, height: buffer.height).extensions.inset
        return (inner.y..<inner.maxY).map { y in
            String((inner.x..<inner.maxX).filter { !buffer[$0, y].isContinuation }.map { buffer[$0, y].character })
        }
    }

    static func header(_ buffer: Buffer) -> String { buffer.line(at: 0) }

    /// The board is live, every extension of the simulator is on screen,
    /// and no pane is marked stale.
    static func isLiveAndWhole(_ buffer: Buffer, _ sim: PBXSimulator) -> Bool {
        let text = buffer.text
        return header(buffer).contains("● live") && !text.contains("stale")
            && sim.account.extensions.filter { !$0.name.isEmpty }.allSatisfy { text.contains("│ \($0.number) ") }
    }

    func withBoard(policy: PollStateMachine.Policy = PollStateMachine.Policy(),
                   _ body: (PBXSimulator, HeadlessBoard) async throws -> Void) async throws {
        try await withSimulator({ $0.traffic = false; $0.pollBlockSeconds = 1 }) { sim in
            let board = HeadlessBoard(sim, policy: policy)
            board.engine.start()
            defer { board.engine.stop() }
            var last = ""
            do {
                try await waitUntil("the board live with every extension, the queues and the bridges") {
                    let frame = board.frame()
                    last = frame.text
                    return Self.isLiveAndWhole(frame, sim) && frame.text.contains("Front Desk") && frame.text.contains("All Hands")
                }
            } catch {
                Issue.record("the screen was:\n\(last)")
                throw error
            }
            try await body(sim, board)
        }
    }

    /// Waits for the fault to be served, then for `shown` on screen; returns
    /// the time from the fault (or from `whenServed`, which runs once the
    /// faulty request is in) to the engine publishing what the frame shows.
    /// Both ends are clock readings taken where they happen, so a busy test
    /// runner that looks late does not count: the board's UI thread draws a
    /// published snapshot at once (its own latency is in BENCHMARKS.md).
    /// `fromLastFault`: from the last fault served, for a drop libcurl
    /// hides by retrying once on a fresh connection (only the second shows).
    func timeToShow(_ what: String, sim: PBXSimulator, board: HeadlessBoard, inject: () -> Void, whenServed: (() -> Void)? = nil,
                    fromLastFault: Bool = false, within deadline: Duration = eventDeadline,
                    _ shown: (Buffer) -> Bool) async throws -> (TimeInterval, Buffer) {
        sim.control.markFaultTime()
        inject()
        var start: Date?
        var result: (TimeInterval, Buffer)?
        try await waitUntil(what, within: deadline) {
            // Set by the simulator when the first fault after the mark is served.
            if start == nil, let servedAt = sim.control.firstFaultServedSinceMark {
                if let whenServed {
                    start = Date()
                    whenServed()
                } else {
                    start = servedAt
                }
            }
            guard let start else { return false }
            let frame = board.frame()
            // Only what was published after the fault counts (not an older state).
            guard board.publishedAt >= start, shown(frame) else { return false }
            let from = fromLastFault ? max(start, sim.control.lastFaultServedSinceMark ?? start) : start
            result = (board.publishedAt.timeIntervalSince(from), frame)
            return true
        }
        return try #require(result)
    }

    /// Whether the extensions pane shows `number` ringing.
    static func shows(_ buffer: Buffer, ringing number: String) -> Bool {
        buffer.text.split(separator: "\n").contains { $0.contains("│ \(number) ") && $0.contains("ringing") }
    }

    /// After the fault: live again, nothing marked stale, and a new call
    /// (made after the fault) on screen — the long poll runs again.
    /// Returns whether any frame on the way was not live.
    @discardableResult
    func expectConvergence(_ sim: PBXSimulator, _ board: HeadlessBoard) async throws -> Bool {
        try await waitUntil("no fault left to serve") { sim.control.pendingFaults == 0 }
        let person = sim.account.extensions[3]
        _ = sim.ring(person.number, from: "15550001234")
        var sawOutage = false
        try await waitUntil("live again with the new call on screen", within: .seconds(30)) {
            let frame = board.frame()
            if !Self.header(frame).contains("● live") { sawOutage = true }
            return Self.isLiveAndWhole(frame, sim)
                && Self.shows(frame, ringing: person.number)
        }
        sim.hangUp(person.number)
        return sawOutage
    }

    @Test(arguments: dashuiCases)
    func eachDashuiFault(_ testCase: Case) async throws {
        try await withBoard { sim, board in
            let before = board.frame()
            let faultTime = Date()
            let served = sim.control.faultsServed
            let caller = sim.account.extensions[1].number
            // A held poll answers a malformed body only when its hold ends: a change ends it at once.
            let answersOnAChange = testCase.fault.spoilsABody || testCase.fault == .malformedJSON
            let makeAChange: (() -> Void)? = answersOnAChange ? { _ = sim.ring(caller, from: "15550009999") } : nil
            let inject = { sim.control.injectFaults(Array(repeating: testCase.fault, count: testCase.count), for: .dashui) }
            switch testCase.expected {
            case .reconnecting:
                // A hang is only noticed when the poll timeout passes (8 s here).
                let extra: TimeInterval = if case .hang = testCase.fault { 8 } else { 0 }
                let (elapsed, frame) = try await timeToShow("reconnecting on screen", sim: sim, board: board, inject: inject,
                                                            whenServed: makeAChange, fromLastFault: testCase.fault == .dropBeforeResponse,
                                                            within: eventDeadline + .seconds(extra)) {
                    Self.header($0).contains("reconnecting (") && Self.header($0).contains("last update")
                }
                Self.report(testCase.testDescription, took: elapsed, goal: Self.bound + extra, story: board.story(since: faultTime))
                // The last good rows stay, and the pane says they may be old.
                #expect(Self.rows(frame) == Self.rows(before))
                #expect(frame.line(at: 1).contains("stale · as of"))
            case .stillLive:
                inject()
                try await waitUntil("the fault served") { sim.control.faultsServed > served }
                makeAChange?()
                var outage: String?
                var last = ""
                do {
                    try await waitUntil("the answer after the fault on screen") {
                        let frame = board.frame()
                        if outage == nil, !Self.header(frame).contains("● live") || frame.text.contains("stale") {
                            outage = Self.header(frame) + "\n" + frame.line(at: 1)
                        }
                        last = frame.text
                        if case .invalidUTF8 = testCase.fault {
                            // The answer is read, with U+FFFD for the bytes that are not UTF-8.
                            return Self.shows(frame, ringing: caller) && frame.text.contains("\u{FFFD}")
                        }
                        return !testCase.fault.spoilsABody || Self.shows(frame, ringing: caller)
                    }
                } catch {
                    Issue.record("the screen was:\n\(last)\n\(board.story(since: faultTime))")
                    throw error
                }
                if testCase.fault.spoilsABody { sim.hangUp(caller) }
                let outageAfter = try await expectConvergence(sim, board)
                #expect(outage == nil && !outageAfter, "\(testCase.fault) showed an outage: \(outage ?? "after")\n\(board.story(since: faultTime))")
                return
            }
            if answersOnAChange { sim.hangUp(caller) }
            try await expectConvergence(sim, board)
        }
    }

    /// Queue and bridge refreshes failing: those panes are marked stale
    /// (the extensions stay live), then unmarked once the service answers.
    @Test func failingQueueAndBridgeRefreshesAreMarkedStale() async throws {
        try await withBoard { sim, board in
            let before = board.frame()
            let faultTime = Date()
            let (elapsed, frame) = try await timeToShow("the queues pane marked stale", sim: sim, board: board,
                                                        inject: { sim.control.injectFaults(Array(repeating: .status(500), count: 6), for: .rest) }) {
                $0.text.contains("Queues 2  stale · as of")
            }
            Self.report("rest 500 ×6 → queues marked stale", took: elapsed, goal: Self.bound, story: board.story(since: faultTime))
            #expect(Self.header(frame).contains("● live"))
            #expect(frame.text.contains("Front Desk"))  // the last good queue figures stay
            #expect(Self.rows(frame).count == Self.rows(before).count)
            try await expectConvergence(sim, board)
        }
    }

    /// One failed request among a round's is not an outage: that queue
    /// keeps its figures and is asked again next round; no pane is marked.
    @Test func oneFailedQueueRequestIsNotAnOutage() async throws {
        try await withBoard { sim, board in
            let served = sim.control.faultsServed
            sim.control.injectFaults([.status(500)], for: .rest)
            try await waitUntil("the fault served") { sim.control.faultsServed > served }
            // New figures, seen only once a later round has run.
            #expect(sim.control.pinQueueFigures("9100", QueueFigures(numberOfCalls: 7, callersOnHold: 0, averageWaitTime: 30, agentsAvailable: 1,
                                                                     callersWaiting: 7, agentsBusy: 5, agentsLoggedIn: 6, longestWaitTime: 95)))
            var marked = false
            try await waitUntil("a later round on screen") {
                let frame = board.frame()
                if frame.text.contains("stale") || frame.text.contains("not updated") { marked = true }
                return frame.text.contains("waiting 7")
            }
            #expect(!marked, "one failed request marked a pane stale")
        }
    }

    /// The session expires and the login itself fails for a while.
    @Test func aFailingLoginShowsReconnectingThenRecovers() async throws {
        try await withBoard { sim, board in
            let before = board.frame()
            let faultTime = Date()
            let (elapsed, frame) = try await timeToShow("reconnecting after a failed login", sim: sim, board: board, inject: {
                sim.control.injectFaults(Array(repeating: .status(503), count: 2), for: .login)
                sim.control.injectFaults([.expireSession], for: .dashui)
            }) {
                Self.header($0).contains("reconnecting (")
            }
            Self.report("expired session + login 503 ×2 → reconnecting", took: elapsed, goal: Self.bound,
                        story: board.story(since: faultTime))
            #expect(Self.rows(frame) == Self.rows(before))
            try await expectConvergence(sim, board)
        }
    }

    /// Failures that go on: after six attempts the header says `stale`
    /// with the time of the last good update.
    @Test func aLongOutageBecomesStale() async throws {
        var policy = PollStateMachine.Policy()
        policy.backoffBaseSeconds = 0.05
        policy.backoffCapSeconds = 0.2
        try await withBoard(policy: policy) { sim, board in
            let before = board.frame()
            let (_, frame) = try await timeToShow("stale in the header", sim: sim, board: board,
                                                  inject: { sim.control.injectFaults(Array(repeating: .dropBeforeResponse, count: 10), for: .dashui) }) {
                Self.header($0).contains("stale since")
            }
            #expect(Self.rows(frame) == Self.rows(before))
            #expect(frame.line(at: 1).contains("stale · as of"))
            try await expectConvergence(sim, board)
        }
    }
}
