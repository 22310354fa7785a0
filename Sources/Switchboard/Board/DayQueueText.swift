import Journal

/// A queue's day figures as the Today view and `switchboard report` write
/// them: offered, answered, abandoned with the abandon rate, the service
/// level (at least this share answered within the target, `ServiceLevel`),
/// the peak and the waits.
enum DayQueueText {
    static func header(_ queues: [DayFigures.Queue]) -> [String] {
        let target = queues.first?.serviceLevelSeconds ?? ServiceLevel.defaultSeconds
        return ["queue", "name", "offered", "answered", "abandoned", "in \(target)s", "peak", "longest", "average"]
    }

    static func cells(_ queue: DayFigures.Queue, name: String) -> [String] {
        [queue.queue, name, "\(queue.offered)", "\(queue.answered)", "\(queue.missed)" + (queue.abandonRate.map { " (\(percent($0)))" } ?? ""),
         serviceLevelText(queue.serviceLevel), "\(queue.peakWaiting)",
         WallboardPane.waitText(queue.longestWaitSeconds), WallboardPane.waitText(queue.averageWaitSeconds)]
    }

    /// A lower bound, so rounded down: "≥81%"; all of them is "100%", not "≥100%".
    static func serviceLevelText(_ share: Double?) -> String {
        guard let share else { return "—" }
        return share >= 1 ? "100%" : "≥\(Int((share * 100).rounded(.down)))%"
    }

    static func percent(_ share: Double?) -> String {
        share.map { "\(Int(($0 * 100).rounded()))%" } ?? "—"
    }
}
