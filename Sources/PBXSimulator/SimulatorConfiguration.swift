/// How a simulator instance is set up (`switchboard sim` flags).
public struct SimulatorConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 asks the system for a free port.
    public var port = 0
    public var seed: UInt64 = 1
    /// Simulated seconds per real second.
    public var speed = 1.0
    public var extensionCount = 20
    /// How long a dashui long poll is held before a 304.
    public var pollBlockSeconds = 30.0
    /// Whether the traffic generator runs; tests that drive the PBX by hand turn it off.
    public var traffic = true
    /// Real seconds between traffic generator ticks at speed 1 (each tick is one simulated second).
    public var tickSeconds = 1.0
    /// Which of the service's answer shapes is served: the live service's
    /// by default, the guide's, or the variants a client must also read.
    public var shape = AnswerShape.live
    /// How call history lists are wrapped; nil: as `shape` has them.
    public var historyShape: HistoryShape?
    /// Real seconds a session may sit unused before it answers 403.
    public var sessionIdleSeconds = 1800.0
    /// Simulated seconds after a call ends before its recording can be fetched.
    public var recordingDelaySeconds = 10.0
    /// Ended calls kept for the history (and their recordings), oldest dropped first.
    public var historyLimit = 20_000
    /// Days of calls made up at start (`BackHistory`), so the history is
    /// not empty in a fresh demo; 0 for none.
    public var historyDays = 14
    public var chaos = ChaosProfile.none
    /// International dialling blocked for the account (click-to-call answers 403).
    public var internationalBlocked = false
    /// Log one line per request.
    public var verbose = false
    /// One-way delay of a wide-area link, in milliseconds (0: loopback as it is).
    public var latencyMilliseconds = 0.0
    /// Up to this much more, at random, on each way.
    public var jitterMilliseconds = 0.0

    public init() {}
}

