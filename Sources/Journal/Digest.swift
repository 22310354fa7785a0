import Foundation

/// What happened while the board was away (more than `minimumAbsence`):
/// shown first when it starts again, dismissed with Esc.
public struct Digest: Sendable, Equatable, Codable {
    public static let minimumAbsence: TimeInterval = 4 * 3600

    public var since: Date
    public var missedCallers: Int
    public var missedCalls: Int
    public var voicemails: Int
    /// The queue that was offered the most calls, and how many.
    public var busiestQueueName: String?
    public var busiestQueueOffered = 0
    /// The longest any caller waited in a queue, and where.
    public var longestWaitSeconds = 0
    public var longestWaitQueue: String?
    /// The latest missed callers, newest first (a few).
    public var latest: [MissedCaller] = []

    /// The digest of `calls` and `samples` since `since`.
    public static func make(since: Date, calls: [JournalCall], samples: [QueueSample], day: LocalDay) -> Digest {
        let missed = MissedCalls.list(calls: calls, handled: [:], since: since, day: day)
        var digest = Digest(since: since, missedCallers: missed.count, missedCalls: missed.map(\.count).reduce(0, +),
                            voicemails: missed.filter(\.leftVoicemail).count)
        let queues = DayFigures.queueFigures(samples.filter { $0.at >= since })
        if let busiest = queues.max(by: { $0.offered < $1.offered }), busiest.offered > 0 {
            digest.busiestQueueName = busiest.name.isEmpty ? busiest.queue : busiest.name
            digest.busiestQueueOffered = busiest.offered
        }
        if let longest = queues.max(by: { $0.longestWaitSeconds < $1.longestWaitSeconds }), longest.longestWaitSeconds > 0 {
            digest.longestWaitSeconds = longest.longestWaitSeconds
            digest.longestWaitQueue = longest.name.isEmpty ? longest.queue : longest.name
        }
        digest.latest = Array(missed.prefix(5))
        return digest
    }
}
