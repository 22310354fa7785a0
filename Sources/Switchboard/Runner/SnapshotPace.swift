import PresenceEngine

/// How often a thread takes a new snapshot: the UI thread (each costs it
/// the wall's layout) and the snapshot preparer (each costs it a pass over
/// every extension). While changes stream in on a large account, taking
/// each at once would keep the thread busy. After a snapshot that cost T,
/// the next waits until 2T have passed (at most a second): the thread
/// stays at least half free (the UI thread for keys), and the mailboxes
/// keep only the latest, so nothing is lost. A small account's snapshots
/// cost well under the threshold and are never held.
struct SnapshotPace {
    /// Cheaper snapshots are taken at once.
    static let thresholdSeconds = 0.015
    static let maximumHoldSeconds = 1.0
    private var startedAt: MonotonicInstant?
    private var holdUntil: MonotonicInstant?

    mutating func started(at instant: MonotonicInstant) { startedAt = instant }

    /// After the frame that showed it.
    mutating func finished(at instant: MonotonicInstant) {
        guard let startedAt else { return }
        self.startedAt = nil
        let cost = instant.seconds(since: startedAt)
        holdUntil = cost < Self.thresholdSeconds ? nil : instant.adding(seconds: min(Self.maximumHoldSeconds, cost))
    }

    /// Milliseconds a new snapshot still waits; 0 to take it.
    func holdMilliseconds(at now: MonotonicInstant) -> Int32 {
        guard let holdUntil else { return 0 }
        let left = holdUntil.seconds(since: now)
        return left <= 0 ? 0 : Int32(min(1000, (left * 1000).rounded(.up)))
    }
}
