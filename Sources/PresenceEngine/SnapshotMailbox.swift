import Foundation

/// Counts of what the long poll has seen, for logs, tests and benchmarks.
public struct EngineCounters: Sendable, Equatable {
    public var changed = 0
    public var unchanged = 0
    public var conflicts = 0
    public var sessionLosses = 0
    public var serverErrors = 0
    public var networkErrors = 0
    public var decodeErrors = 0
    public var logins = 0
    public var serviceErrors = 0
    public init() {}
}

/// Hands the newest snapshot from the engine's threads to whoever shows it:
/// the UI sleeps in `poll()` on `wakePipe`. A snapshot never replaces a
/// newer one (the long poll and the service thread both publish; versions
/// only grow), so the board always ends on the newest state.
public final class SnapshotMailbox: @unchecked Sendable {
    private let condition = NSLock()
    // Guarded by `condition`.
    private var snapshot = PresenceSnapshot()
    private var counters = EngineCounters()
    /// When the latest version was published (wall clock).
    private var publishedAt = Date()
    public let wakePipe = WakePipe()

    public init() {}

    /// Keeps `newSnapshot` unless the one held is newer; returns whether it was kept.
    @discardableResult
    public func publish(_ newSnapshot: PresenceSnapshot, counters newCounters: EngineCounters) -> Bool {
        condition.lock()
        guard newSnapshot.version >= snapshot.version else {
            condition.unlock()
            return false
        }
        let changed = newSnapshot.version != snapshot.version
        snapshot = newSnapshot
        counters = newCounters
        if changed { publishedAt = Date() }
        condition.unlock()
        if changed { wakePipe.signal() }
        return true
    }

    public func latest() -> PresenceSnapshot {
        condition.lock()
        defer { condition.unlock() }
        return snapshot
    }

    /// The newest snapshot and when its version was published.
    public func latestWithTime() -> (snapshot: PresenceSnapshot, publishedAt: Date) {
        condition.lock()
        defer { condition.unlock() }
        return (snapshot, publishedAt)
    }

    public func latestCounters() -> EngineCounters {
        condition.lock()
        defer { condition.unlock() }
        return counters
    }
}
