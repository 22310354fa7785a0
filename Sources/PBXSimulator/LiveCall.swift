/// A call in progress on one extension of the simulated PBX.
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
    public var id: Int64
    public var direction: Direction
    public var phase: Phase
    /// The other party's dial string and caller-ID name (nil when unknown).
    public var otherNumber: String
    public var otherName: String?
    /// Simulated epoch milliseconds when it began ringing, and when answered.
    public var startedAtMs: Int64
    public var connectedAtMs: Int64?
    public var isRecorded: Bool
    public var startedWithClickToCall: Bool
    /// When the generator will move it on (answer, or hang up).
    public var nextEventAtMs: Int64
    /// For an internal call: the extension at the other end.
    public var peerExtension: String?
}
