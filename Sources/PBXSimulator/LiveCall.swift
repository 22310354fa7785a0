/// A call leg in progress on one extension of the simulated PBX.
public struct LiveCall: Sendable, Equatable {
    public enum Direction: String, Sendable {
        case inbound
        case outbound
        case intraPBX = "intrapbx"
        case queueCall = "call queue"
    }

    public enum Phase: Sendable, Equatable {
        case ringing
        case connected
    }

    /// The `presenceCallId`: also the id of the call's recording.
    public var id: CallID
    public var direction: Direction
    /// True on the leg of the extension that placed the call.
    public var isOutgoing: Bool
    public var phase: Phase
    /// The other party's dial string and caller-ID name (nil when unknown).
    public var otherNumber: String
    public var otherName: String?
    /// Simulated epoch milliseconds when it began ringing, and when answered.
    public var startedAtMs: Int64
    public var connectedAtMs: Int64?
    public var isRecorded: Bool
    public var startedWithClickToCall: Bool
    public var customTag: String
    /// When the generator moves it on (answer or give up while ringing,
    /// hang up once connected); `.max` for legs moved by another leg.
    public var nextEventAtMs: Int64
    /// For an internal call: the extension at the other end.
    public var peerExtension: String?
    /// For a call that came through a queue: that queue's number.
    public var queue: String?
    /// For a conference participant: the bridge's number.
    public var bridge: String?
    /// A click-to-call leg rings the user first, then dials this number.
    public var dialAfterAnswer: String?

    public init(id: CallID, direction: Direction, isOutgoing: Bool = false, phase: Phase, otherNumber: String, otherName: String? = nil,
                startedAtMs: Int64, connectedAtMs: Int64? = nil, isRecorded: Bool = false,
                startedWithClickToCall: Bool = false, customTag: String = "", nextEventAtMs: Int64 = .max,
                peerExtension: String? = nil, queue: String? = nil, bridge: String? = nil, dialAfterAnswer: String? = nil) {
        self.id = id
        self.direction = direction
        self.isOutgoing = isOutgoing || direction == .outbound
        self.phase = phase
        self.otherNumber = otherNumber
        self.otherName = otherName
        self.startedAtMs = startedAtMs
        self.connectedAtMs = connectedAtMs
        self.isRecorded = isRecorded
        self.startedWithClickToCall = startedWithClickToCall
        self.customTag = customTag
        self.nextEventAtMs = nextEventAtMs
        self.peerExtension = peerExtension
        self.queue = queue
        self.bridge = bridge
        self.dialAfterAnswer = dialAfterAnswer
    }
}

/// A caller waiting in a queue for an agent.
public struct WaitingCaller: Sendable, Equatable {
    public var id: CallID
    public var number: String
    public var name: String?
    public var arrivedAtMs: Int64
    public var isRecorded: Bool
    public var customTag: String
    /// When the caller gives up and is sent to voicemail.
    public var givesUpAtMs: Int64
}

/// One ended call leg, as call history reports it.
public struct HistoryRecord: Sendable, Equatable {
    public enum Result: String, Sendable, CaseIterable {
        case answered = "Answered"
        case unanswered = "Unanswered"
        case voicemail = "Voicemail"
    }

    public var callId: CallID
    /// Simulated epoch milliseconds when the call started.
    public var startedAtMs: Int64
    public var endedAtMs: Int64
    public var from: String
    public var to: String
    public var isInbound: Bool
    public var extensionNumber: String
    public var customTag: String
    /// The other party's name, empty when unknown.
    public var callerId: String
    public var durationSeconds: Int
    public var result: Result
    public var isRecorded: Bool

    public init(callId: CallID, startedAtMs: Int64, endedAtMs: Int64, from: String, to: String, isInbound: Bool,
                extensionNumber: String, customTag: String = "", callerId: String = "", durationSeconds: Int,
                result: Result, isRecorded: Bool = false) {
        self.callId = callId
        self.startedAtMs = startedAtMs
        self.endedAtMs = endedAtMs
        self.from = from
        self.to = to
        self.isInbound = isInbound
        self.extensionNumber = extensionNumber
        self.customTag = customTag
        self.callerId = callerId
        self.durationSeconds = durationSeconds
        self.result = result
        self.isRecorded = isRecorded
    }
}

/// A call's id as the service writes it: 22 digits (`4182737411359658008242`),
/// always a string (it does not fit in 64 bits).
public typealias CallID = String

public enum CallIDs {
    /// The 22-digit id of the `counter`th call.
    public static func make(_ counter: Int64) -> CallID {
        let digits = String(counter)
        return "4182737411" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }
}
