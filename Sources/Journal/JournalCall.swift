import Foundation

/// One leg of a call on one extension, as the journal keeps it: seen live
/// by the board, read from the call history, or both (one row).
public struct JournalCall: Sendable, Equatable, Codable {
    public enum Direction: String, Sendable, Codable, CaseIterable {
        case inbound, outbound, `internal`
    }

    /// What became of the call. `ongoing` until it ends.
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case ongoing, answered, unanswered, voicemail
    }

    public enum Source: String, Sendable, Codable {
        case live, history, both
    }

    /// The row's id in the journal (nil before it is written).
    public var id: Int64?
    /// The service's `presenceCallId` (the history knows it only for recorded calls).
    public var callId: String?
    public var extensionNumber: String
    public var direction: Direction
    /// The other party's number, as sent (sanitised).
    public var number: String
    /// `NumberKey.of(number)`: what calls are grouped by.
    public var numberKey: String
    public var name: String
    /// The call came through a queue; `queue` names it when that is known.
    public var viaQueue: Bool
    public var queue: String?
    public var rang: Date
    public var answered: Date?
    public var ended: Date?
    public var recorded: Bool
    public var tag: String
    public var outcome: Outcome
    public var source: Source

    public init(id: Int64? = nil, callId: String? = nil, extensionNumber: String, direction: Direction, number: String,
                name: String = "", viaQueue: Bool = false, queue: String? = nil, rang: Date, answered: Date? = nil,
                ended: Date? = nil, recorded: Bool = false, tag: String = "", outcome: Outcome, source: Source) {
        self.id = id
        self.callId = callId
        self.extensionNumber = extensionNumber
        self.direction = direction
        self.number = number
        self.numberKey = NumberKey.of(number)
        self.name = name
        self.viaQueue = viaQueue
        self.queue = queue
        self.rang = rang
        self.answered = answered
        self.ended = ended
        self.recorded = recorded
        self.tag = tag
        self.outcome = outcome
        self.source = source
    }

    /// Answered on this leg (seen live, or as the history says).
    public var wasAnswered: Bool { answered != nil || outcome == .answered }

    /// An id the service gave (not one the board made for a call that had none).
    public var hasServiceCallId: Bool { callId.map { !$0.hasPrefix(CallObserver.localIdPrefix) } ?? false }

    /// An inbound call from outside that nobody answered on this leg.
    public var isMissed: Bool {
        direction == .inbound && (outcome == .unanswered || outcome == .voicemail)
    }

    /// Seconds connected, once ended.
    public var talkSeconds: Int {
        guard let answered, let ended, ended > answered else { return 0 }
        return Int(ended.timeIntervalSince(answered))
    }
}

/// A queue's figures at one moment, kept at each change and at least once a minute.
public struct QueueSample: Sendable, Equatable, Codable {
    public var queue: String
    public var name: String
    public var at: Date
    public var waiting: Int
    /// Callers waiting plus queue calls an agent has (`numberOfCalls`).
    public var calls: Int
    public var longestWaitSeconds: Int
    public var averageWaitSeconds: Int
    public var agentsAvailable: Int
    public var agentsBusy: Int
    public var agentsLoggedIn: Int

    public init(queue: String, name: String, at: Date, waiting: Int, calls: Int, longestWaitSeconds: Int, averageWaitSeconds: Int,
                agentsAvailable: Int, agentsBusy: Int, agentsLoggedIn: Int) {
        self.queue = queue
        self.name = name
        self.at = at
        self.waiting = waiting
        self.calls = calls
        self.longestWaitSeconds = longestWaitSeconds
        self.averageWaitSeconds = averageWaitSeconds
        self.agentsAvailable = agentsAvailable
        self.agentsBusy = agentsBusy
        self.agentsLoggedIn = agentsLoggedIn
    }

    /// The figures a person would see change (not the time).
    public func sameFigures(as other: QueueSample) -> Bool {
        waiting == other.waiting && calls == other.calls && longestWaitSeconds == other.longestWaitSeconds
            && averageWaitSeconds == other.averageWaitSeconds && agentsAvailable == other.agentsAvailable
            && agentsBusy == other.agentsBusy && agentsLoggedIn == other.agentsLoggedIn && name == other.name
    }
}
