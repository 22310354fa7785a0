import PresenceEngine

/// One queue as the side column and the wallboard's list show it: its
/// words made once per snapshot (off the UI thread), so a pane only places
/// them and the layout sizes the column from them, never from a pane.
struct QueueRow: Equatable, Sendable {
    let queue: QueueState
    /// `601 Sales`: the number and the name (the directory's when the status has none), sanitised.
    var title: String
    /// `waiting 3  longest 02:41`.
    let figures: String
    /// `3 waiting · 02:41`, when the full wording does not fit.
    let shortFigures: String

    var number: String { queue.number }

    init(_ queue: QueueState, snapshot: PresenceSnapshot) {
        self.queue = queue
        title = "\(queue.number) \(TextWidth.sanitized(QueueRow.name(queue, snapshot: snapshot)))"
        let longest = queue.longestWaitSeconds.map { ExtensionRow.clock(Int64($0)) }
        figures = "waiting \(queue.text(.callersWaiting))" + (longest.map { "  longest \($0)" } ?? "")
        shortFigures = "\(queue.text(.callersWaiting)) waiting" + (longest.map { " · \($0)" } ?? "")
    }

    /// The width the first line takes with room to spare (title, two spaces, figures).
    var widest: Int { TextWidth.width(of: title) + 2 + TextWidth.width(of: figures) }

    /// The agents' line, longest wording first.
    var agentLines: [String] {
        let available = queue.text(.agentsAvailable), loggedIn = queue.text(.agentsLoggedIn), busy = queue.text(.agentsBusy)
        let hold = queue.text(.callersOnHold)
        return [
            "agents \(available)/\(loggedIn) available · \(busy) busy · \(hold) hold",
            "agents \(available)/\(loggedIn) free · \(busy) busy · \(hold) hold",
            "\(available)/\(loggedIn) free · \(busy) busy",
        ]
    }

    static func name(_ queue: QueueState, snapshot: PresenceSnapshot) -> String {
        queue.name.isEmpty ? snapshot.directory?.queues[queue.number]?.name ?? "" : queue.name
    }

    /// The snapshot's queues in number order.
    static func rows(_ snapshot: PresenceSnapshot) -> [QueueRow] {
        snapshot.queues.values.sorted { ExtensionNumber.precedes($0.number, $1.number) }.map { QueueRow($0, snapshot: snapshot) }
    }
}
