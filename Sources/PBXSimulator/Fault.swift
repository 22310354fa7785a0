import Foundation
import Synchronization

/// A fault the simulator can serve instead of (or around) a real answer.
public enum Fault: Sendable, Equatable {
    /// That status with the API's `ERROR` text.
    case status(Int)
    /// The connection closes before any answer.
    case dropBeforeResponse
    /// The headers and part of the body, then the connection closes.
    case dropMidBody
    /// The answer comes only after this many seconds.
    case hang(seconds: Double)
    /// 409: as if another poller held the session.
    case conflict
    /// The session ends; this request already answers 403.
    case expireSession
    /// A 200 whose body is not JSON.
    case malformedJSON
    /// A 200 whose body is JSON except for invalid UTF-8 in a string.
    case invalidUTF8
    /// `Content-Length` promises more than is sent before the close.
    case truncatedBody
    /// A 200 with a valid answer padded to about this many bytes.
    case hugeBody(bytes: Int)
    /// The real answer, sent a few bytes at a time.
    case trickle(bytesPerSecond: Int)

    /// Parses the control API's `kind` (and optional `value`).
    public init?(kind: String, value: Double?) {
        switch kind {
        case "status": self = .status(Int(value ?? 500))
        case "drop-before": self = .dropBeforeResponse
        case "drop-mid": self = .dropMidBody
        case "hang": self = .hang(seconds: value ?? 40)
        case "conflict": self = .conflict
        case "expire-session": self = .expireSession
        case "malformed-json": self = .malformedJSON
        case "invalid-utf8": self = .invalidUTF8
        case "truncated": self = .truncatedBody
        case "huge": self = .hugeBody(bytes: Int(value ?? 80_000_000))
        case "trickle": self = .trickle(bytesPerSecond: Int(value ?? 200))
        default: return nil
        }
    }

    /// Faults that need an answer with a body to spoil: injected, they wait
    /// for one (a held poll with nothing new answers 304 without).
    public var spoilsABody: Bool {
        switch self {
        case .dropMidBody, .truncatedBody, .hugeBody, .trickle, .invalidUTF8: return true
        default: return false
        }
    }

    public static let kinds = ["status", "drop-before", "drop-mid", "hang", "conflict", "expire-session", "malformed-json",
                               "invalid-utf8", "truncated", "huge", "trickle"]
}

/// Which requests a fault waits for.
public enum FaultTarget: String, Sendable, CaseIterable {
    /// Every live status request, first requests and long polls.
    case dashui
    /// Live status long polls only: a service that answers a first request
    /// and refuses what follows (a session valid for login, not for live status).
    case longPoll = "long-poll"
    /// Any `/presence/rest/` service.
    case rest
    case login
    case any

    func matches(_ endpoint: FaultTarget) -> Bool {
        self == .any || self == endpoint || (self == .dashui && endpoint == .longPoll)
    }
}


/// Faults waiting to be served, in order, and the chaos dice.
final class FaultPlan: Sendable {
    private struct State: Sendable {
        var queue: [(FaultTarget, Fault)] = []
        var random: SeededRandom
        var profile: ChaosProfile
        var served = 0
        /// When the first and the last fault after the last `markTime()` were
        /// served (tests time the board from them).
        var firstServedSinceMark: Date?
        var lastServedSinceMark: Date?
        var marked = false
        var servedAtMark = 0

        mutating func countServed() {
            served += 1
            guard marked else { return }
            if served == servedAtMark + 1 { firstServedSinceMark = Date() }
            lastServedSinceMark = Date()
        }
    }

    private let state: Mutex<State>

    init(profile: ChaosProfile, seed: UInt64) {
        state = Mutex(State(random: SeededRandom(seed: seed &+ 0xC4A05), profile: profile))
    }

    var profile: ChaosProfile {
        get { state.withLock { $0.profile } }
        set { state.withLock { $0.profile = newValue } }
    }

    func append(_ faults: [Fault], for target: FaultTarget) {
        state.withLock { $0.queue += faults.map { (target, $0) } }
    }

    var pending: Int { state.withLock { $0.queue.count } }

    /// Faults served so far, queued or drawn.
    var served: Int { state.withLock { $0.served } }

    /// Starts timing: `firstServedSinceMark` is the time of the next fault served.
    func markTime() {
        state.withLock { state in
            state.marked = true
            state.servedAtMark = state.served
            state.firstServedSinceMark = nil
            state.lastServedSinceMark = nil
        }
    }

    /// A fault drawn for a request it could not spoil: first in line again, not counted.
    func returnUnused(_ fault: Fault, for endpoint: FaultTarget) {
        state.withLock { state in
            state.queue.insert((endpoint, fault), at: 0)
            state.served -= 1
            if state.served == state.servedAtMark { state.firstServedSinceMark = nil }
        }
    }

    var firstServedSinceMark: Date? { state.withLock { $0.firstServedSinceMark } }

    var lastServedSinceMark: Date? { state.withLock { $0.lastServedSinceMark } }

    /// The fault for a request to `endpoint`: a queued one first (`queued`
    /// true), else the chaos profile's draw, else none.
    func next(for endpoint: FaultTarget) -> (fault: Fault, queued: Bool)? {
        state.withLock { state in
            if let index = state.queue.firstIndex(where: { $0.0.matches(endpoint) }) {
                state.countServed()
                return (state.queue.remove(at: index).1, true)
            }
            guard state.profile != .none else { return nil }
            let table = ChaosTable.rates(state.profile, endpoint: endpoint)
            var roll = Double.random(in: 0..<1, using: &state.random)
            for (rate, fault) in table {
                if roll < rate {
                    state.countServed()
                    // A 409 comes as a storm: two more follow.
                    if fault == .conflict { state.queue += [(endpoint, .conflict), (endpoint, .conflict)] }
                    return (fault, false)
                }
                roll -= rate
            }
            return nil
        }
    }
}

/// How often each fault strikes a request, per profile.
enum ChaosTable {
    static func rates(_ profile: ChaosProfile, endpoint: FaultTarget) -> [(Double, Fault)] {
        let scale = profile == .hostile ? 3.0 : 1.0
        var table: [(Double, Fault)] = [
            (0.03, .status(500)), (0.01, .status(503)), (0.01, .dropBeforeResponse), (0.01, .dropMidBody),
            (0.005, .truncatedBody),
        ]
        if endpoint == .dashui || endpoint == .longPoll {
            table += [(0.01, .conflict), (0.004, .expireSession), (0.01, .malformedJSON)]
        }
        if profile == .hostile {
            table += [(0.01, .invalidUTF8), (0.002, .hugeBody(bytes: 80_000_000)), (0.01, .trickle(bytesPerSecond: 400)),
                      (0.003, .hang(seconds: 40))]
        }
        return table.map { ($0.0 * scale, $0.1) }
    }
}
