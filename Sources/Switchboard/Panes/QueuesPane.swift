import Foundation
import PresenceEngine

/// Each queue in two lines: who waits and for how long, then the agents.
enum QueuesPane {
    static func render(rows queues: [QueueRow], loaded: Bool, alerts: QueueAlerts, selected: String? = nil, staleMark: String? = nil,
                       timeZone: TimeZone, rect: Rect, into buffer: inout Buffer) {
        let waiting = queues.reduce(0) { $0 + $1.queue.callersWaiting }
        PaneFrame.render(title: "Queues \(queues.count)" + (waiting > 0 ? " · \(waiting) waiting" : ""), mark: staleMark,
                         rect: rect, into: &buffer)
        let inner = rect.inset
        guard inner.height > 0 else { return }
        if queues.isEmpty {
            buffer.write(loaded ? "no queues" : "loading…", x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, role: .dim)
            return
        }
        var y = inner.y
        for row in queues {
            guard y + 1 < inner.maxY else {
                if y < inner.maxY { buffer.write("…", x: inner.x + 1, y: y, role: .dim) }
                break
            }
            let queue = row.queue
            let level = alerts.level(queue)
            let role: Role = level == .critical ? .queueAlert : level.role ?? .text
            // The full wording when the name fits beside it, else a shorter one.
            let nameWidth = TextWidth.width(of: row.title)
            let figures = TextWidth.firstFitting([row.figures, row.shortFigures], width: inner.width - 3 - nameWidth)
            let used = buffer.write(row.title, x: inner.x + 1, y: y, maxWidth: max(1, inner.width - TextWidth.width(of: figures) - 3), role: role)
            buffer.write(figures, x: inner.x + 1 + used + 2, y: y, maxWidth: inner.width - used - 3, role: role)
            if level != .none { buffer.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: role) }
            // Figures older than the rest (this queue did not answer) say so first.
            let stale = StaleMark.item(since: queue.staleSince, paneMark: staleMark, timeZone: timeZone).map { "\($0) · " } ?? ""
            let agents = TextWidth.firstFitting(row.agentLines.map { stale + $0 }, width: inner.width - 3)
            buffer.write(agents, x: inner.x + 3, y: y + 1, maxWidth: inner.width - 3, role: stale.isEmpty ? .dim : .stale)
            if queue.number == selected { buffer.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection) }
            y += 2
        }
    }
}
