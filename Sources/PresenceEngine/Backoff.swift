import Foundation

/// The one back-off every automatic retry uses (the long poll, the queue
/// and bridge services, the directory): exponential from `baseSeconds`,
/// capped at `capSeconds`, and jittered between half and all of it so that
/// boards started together do not retry together.
public struct Backoff: Sendable, Equatable {
    public let baseSeconds: Double
    public let capSeconds: Double
    /// Failures since the last success.
    public private(set) var failures = 0

    public init(baseSeconds: Double, capSeconds: Double) {
        self.baseSeconds = baseSeconds
        self.capSeconds = max(baseSeconds, capSeconds)
    }

    /// Counts a failure; returns how long to wait before the next try.
    /// `jitter` is a random value in 0..<1.
    public mutating func failed(jitter: Double) -> Double {
        failures += 1
        return Self.delay(attempt: failures, baseSeconds: baseSeconds, capSeconds: capSeconds, jitter: jitter)
    }

    public mutating func succeeded() { failures = 0 }

    /// The wait before try `attempt + 1`, the first failure being attempt 1.
    public static func delay(attempt: Int, baseSeconds: Double, capSeconds: Double, jitter: Double) -> Double {
        let exponential = baseSeconds * pow(2, Double(min(max(attempt, 1) - 1, 30)))
        return min(capSeconds, exponential) * (0.5 + 0.5 * min(max(jitter, 0), 1))
    }
}
