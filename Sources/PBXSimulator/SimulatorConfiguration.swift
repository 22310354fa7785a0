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
    /// Real seconds between traffic generator ticks (each one simulated second at speed 1).
    public var tickSeconds = 1.0

    public init() {}
}

/// A fault served to the next dashui request instead of its real answer.
public enum DashuiFault: Sendable, Equatable {
    case conflict
    case status(Int)
    case malformedJSON
}
