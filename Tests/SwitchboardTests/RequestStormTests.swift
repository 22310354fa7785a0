import Foundation
import PBXSimulator
import PresenceEngine
import Testing
import TestSupport
@testable import Switchboard

/// What a hostile server found: one refused long poll after a good first
/// answer became 900 requests a second. Each case here serves one failure
/// for a whole minute (on the long poll after good first answers, on every
/// live status request, or on the services) against the real engine over
/// loopback, counts the requests it cost at the simulator and reads the
/// board's header: never more than 30 a minute, never "live". The cases run
/// side by side; the minute is the measure, not a wait for an event.
@Suite(.tags(.endToEnd)) struct RequestStormTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let fault: Fault
        let target: FaultTarget
        /// What the header must say at the end of the minute.
        let header: String
        var testDescription: String { "\(fault) on \(target.rawValue) → \(header)" }
    }

    static let refused = "refused: live status"

    /// The requests logged in the minute from `start` on, however late the
    /// test woke after it (a sleep may overrun on a loaded machine: the
    /// window counted stays one minute, so the bound stays 30 a minute).
    static func requestsInTheMinute(_ sim: PBXSimulator, from start: Date) -> [String] {
        // Each line starts with its seconds after `start` ("+12.345 GET …").
        sim.requests(since: start).filter { line in (line.split(separator: " ").first.flatMap { Double($0) } ?? 0) < 60 }
    }
    static let notLive = "reconnecting|stale"

    static let cases: [Case] = [
        Case(fault: .status(403), target: .longPoll, header: refused),
        Case(fault: .expireSession, target: .longPoll, header: refused),
        Case(fault: .status(302), target: .longPoll, header: refused),
        Case(fault: .status(401), target: .longPoll, header: refused),
        Case(fault: .status(404), target: .longPoll, header: refused),
        Case(fault: .status(403), target: .dashui, header: refused),
        Case(fault: .conflict, target: .longPoll, header: notLive),
        Case(fault: .status(500), target: .longPoll, header: notLive),
        Case(fault: .status(503), target: .dashui, header: notLive),
        Case(fault: .malformedJSON, target: .longPoll, header: notLive),
        Case(fault: .dropBeforeResponse, target: .dashui, header: notLive),
    ]

    @Test(arguments: cases)
    func aFailureForAMinuteCostsAtMost30Requests(_ test: Case) async throws {
        try await withSimulator({ $0.pollBlockSeconds = 1 }) { sim in
            let board = FaultMatrixTests.HeadlessBoard(sim)
            board.engine.start()
            defer { board.engine.stop() }
            try await waitUntil("the board live") { FaultMatrixTests.header(board.frame()).contains("● live") }
            let start = Date()
            sim.control.injectFaults(Array(repeating: test.fault, count: 100_000), for: test.target)
            try await Task.sleep(for: .seconds(60))  // the measure, not a wait for an event
            let requests = Self.requestsInTheMinute(sim, from: start).filter { $0.contains("/presence/dashui") || $0.contains("/user/null") }
            let header = FaultMatrixTests.header(board.frame())
            #expect(requests.count <= 30, "\(requests.count) requests:\n\(board.story(since: start))")
            #expect(header.range(of: test.header, options: .regularExpression) != nil, "header: \(header)")
            #expect(!header.contains("● live"), "header: \(header)")
        }
    }

    /// The queue and bridge services refused on a 300-extension account:
    /// probed one at a time, later and later, never once per queue per round.
    @Test func refusedServicesOnALargeAccountCostAtMost30RequestsAMinute() async throws {
        try await withSimulator({ $0.pollBlockSeconds = 1; $0.extensionCount = 300 }) { sim in
            let board = FaultMatrixTests.HeadlessBoard(sim)
            board.engine.start()
            defer { board.engine.stop() }
            try await waitUntil("the board live with its queues", within: .seconds(30)) {
                let frame = board.frame()
                return FaultMatrixTests.header(frame).contains("● live") && frame.text.contains("agents")
            }
            let start = Date()
            sim.control.injectFaults(Array(repeating: .status(403), count: 100_000), for: .rest)
            try await Task.sleep(for: .seconds(60))  // the measure, not a wait for an event
            let requests = Self.requestsInTheMinute(sim, from: start).filter { $0.contains("/presence/rest/") }
            #expect(requests.count <= 30, "\(requests.count) requests:\n\(board.story(since: start))")
            #expect(board.frame().text.contains("stale"), "the queues are marked stale")
        }
    }
}
