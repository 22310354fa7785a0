import Foundation

/// Simulated wall time: starts at the real time and runs `speed` times
/// faster, so `--speed 60` plays an hour of calls in a minute.
public struct SimulatedClock: Sendable {
    public let speed: Double
    private let startEpochMs: Int64
    private let startUptime: UInt64

    public init(speed: Double, startEpochMs: Int64 = Int64(Date().timeIntervalSince1970 * 1000)) {
        self.speed = speed
        self.startEpochMs = startEpochMs
        self.startUptime = DispatchTime.now().uptimeNanoseconds
    }

    public func nowMs() -> Int64 {
        let elapsedMs = Double(DispatchTime.now().uptimeNanoseconds - startUptime) / 1e6
        return startEpochMs + Int64(elapsedMs * speed)
    }
}
