import Foundation
import PresenceEngine

/// Each queue in two lines: who waits and for how long, then the agents.
enum QueuesPane {
    static func render(snapshot: PresenceSnapshot, alerts: QueueAlerts, selected: String? = nil, staleMark: String? = nil,
                       timeZone: TimeZone, rect: Rect, into buffer: inout Buffer) {
        let queues = snapshot.queues.values.sorted { ExtensionNumber.precedes($0.number, $1.number) }
        let waiting = queues.reduce(0) { $0 + $1.callersWaiting }
        PaneFrame.render(title: "Queues \(queues.count)" + (waiting > 0 ? " · \(waiting) waiting" : ""), mark: staleMark,
                         rect: rect, into: &buffer)
        let inner = rect.inset
        guard inner.height > 0 else { return }
        if queues.isEmpty {
            buffer.write(snapshot.directory == nil ? "loading…" : "no queues", x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, role: .dim)
            return
        }
        var y = inner.y
        for queue in queues {
            guard y + 1 < inner.maxY else {
                if y < inner.maxY { buffer.write("…", x: inner.x + 1, y: y, role: .dim) }
                break
            }
            let level = alerts.level(queue)
            let role: Role = level == .critical ? .queueAlert : level.role ?? .text
            let first = "\(queue.number) \(name(queue, snapshot: snapshot))"
            // The full wording when the name fits beside it, else a shorter one.
            let nameWidth = TextWidth.width(of: TextWidth.sanitized(first))
            let figures = TextWidth.firstFitting([self.figures(queue), shortFigures(queue)], width: inner.width - 3 - nameWidth)
            let used = buffer.write(first, x: inner.x + 1, y: y, maxWidth: max(1, inner.width - TextWidth.width(of: figures) - 3), role: role)
            buffer.write(figures, x: inner.x + 1 + used + 2, y: y, maxWidth: inner.width - used - 3, role: role)
            if level != .none { buffer.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: role) }
            // Figures older than the rest (this queue did not answer) say so first.
            let stale = StaleMark.item(since: queue.staleSince, paneMark: staleMark, timeZone: timeZone).map { "\($0) · " } ?? ""
            let agents = TextWidth.firstFitting([
                "agents \(queue.text(.agentsAvailable))/\(queue.text(.agentsLoggedIn)) available · \(queue.text(.agentsBusy)) busy · \(queue.text(.callersOnHold)) hold",
                "agents \(queue.text(.agentsAvailable))/\(queue.text(.agentsLoggedIn)) free · \(queue.text(.agentsBusy)) busy · \(queue.text(.callersOnHold)) hold",
                "\(queue.text(.agentsAvailable))/\(queue.text(.agentsLoggedIn)) free · \(queue.text(.agentsBusy)) busy",
            ].map { stale + $0 }, width: inner.width - 3)
            buffer.write(agents, x: inner.x + 3, y: y + 1, maxWidth: inner.width - 3, role: stale.isEmpty ? .dim : .stale)
            if queue.number == selected { buffer.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection) }
            y += 2
        }
    }

    static func name(_ queue: QueueState, snapshot: PresenceSnapshot) -> String {
        queue.name.isEmpty ? snapshot.directory?.queues[queue.number]?.name ?? "" : queue.name
    }

    static func figures(_ queue: QueueState) -> String {
        let longest = queue.longestWaitSeconds.map { "  longest \(ExtensionRow.clock(Int64($0)))" } ?? ""
        return "waiting \(queue.text(.callersWaiting))\(longest)"
    }

    /// `3 waiting · 02:41`.
    static func shortFigures(_ queue: QueueState) -> String {
        "\(queue.text(.callersWaiting)) waiting" + (queue.longestWaitSeconds.map { " · \(ExtensionRow.clock(Int64($0)))" } ?? "")
    }

    /// The queue's first line as drawn with room to spare.
    static func firstLine(_ queue: QueueState, snapshot: PresenceSnapshot) -> String {
        "\(queue.number) \(TextWidth.sanitized(name(queue, snapshot: snapshot)))  \(figures(queue))"
    }
}
