import Foundation
import Journal

/// Today's figures (Tab to "Today"): per queue, by custom tag, and per
/// extension, from local midnight, rebuilt from the journal after a restart.
enum TodayPane {
    static func render(model: BoardModel, rect: Rect, into buffer: inout Buffer) {
        let today = model.journal.today
        PaneFrame.render(title: "Today \(today.day)", mark: model.journal.problem.map(\.description), rect: rect, into: &buffer)
        let inner = rect.inset
        guard inner.height > 1, inner.width > 10 else { return }
        guard !model.journal.isUnavailable else {
            buffer.write("the journal is off: no figures are kept", x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, role: .dim)
            return
        }
        var y = inner.y
        let queueRows = today.queues.map { queue -> [String] in
            DayQueueText.cells(queue, name: TextWidth.sanitized(queue.name.isEmpty ? (model.snapshot.queues[queue.queue]?.name ?? "") : queue.name))
        }
        y = table(title: "Queues", header: DayQueueText.header(today.queues),
                  rows: queueRows, empty: "no queue calls yet", x: inner.x + 1, y: y, width: inner.width - 1, maxY: inner.maxY, into: &buffer)
        if !today.tags.isEmpty {
            let tagRows = today.tags.prefix(5).map { [TextWidth.sanitized($0.tag), "\($0.calls)", "\($0.answered)", "\($0.missed)"] }
            y = table(title: "By tag", header: ["tag", "calls", "answered", "missed"], rows: Array(tagRows), empty: "", nameColumn: 0,
                      x: inner.x + 1, y: y + 1, width: inner.width - 1, maxY: inner.maxY, into: &buffer)
        }
        // The extensions with the most calls first: what fits is what matters.
        let busiest = today.extensions.sorted { ($0.inbound + $0.outbound, $1.extensionNumber) > ($1.inbound + $1.outbound, $0.extensionNumber) }
        let extensionRows = busiest.map { row -> [String] in
            [row.extensionNumber, TextWidth.sanitized(model.snapshot.extensions[row.extensionNumber]?.name ?? ""), "\(row.inbound)",
             "\(max(0, row.inbound - row.missed))", "\(row.outbound)", "\(row.missed)", ExtensionRow.clock(Int64(row.talkSeconds))]
        }
        _ = table(title: "Extensions", header: ["ext", "name", "in", "answered", "out", "missed", "talk"], rows: extensionRows,
                  empty: "no calls yet today", x: inner.x + 1, y: y + 1, width: inner.width - 1, maxY: inner.maxY, into: &buffer)
    }

    /// A titled table, the name column taking the room left; returns the next free line.
    private static func table(title: String, header: [String], rows: [[String]], empty: String, nameColumn: Int = 1, x: Int, y: Int, width: Int, maxY: Int,
                              into buffer: inout Buffer) -> Int {
        guard y < maxY else { return y }
        let room = max(0, maxY - y - 2)
        buffer.write(rows.count > room ? "\(title) · \(room) of \(rows.count)" : title, x: x, y: y, maxWidth: width, role: .groupTitle)
        guard !rows.isEmpty else {
            if y + 1 < maxY { buffer.write(empty, x: x, y: y + 1, maxWidth: width, role: .dim) }
            return min(maxY, y + 2)
        }
        var constraints: [ColumnConstraint] = []
        for column in header.indices {
            let wanted = max(TextWidth.width(of: header[column]), rows.map { TextWidth.width(of: $0[column]) }.max() ?? 0)
            constraints.append(column == nameColumn ? ColumnConstraint(minimum: min(wanted, 12), preferred: wanted, maximum: 24, fill: 1, keep: header.count - column + 2)
                                           : .fixed(wanted, keep: header.count - column + 2))
        }
        let widths = ColumnSolver.solve(constraints, available: width, gap: 2)
        let offsets = ColumnSolver.offsets(widths, from: x, gap: 2)
        var line = y + 1
        for (index, cells) in ([header] + rows).enumerated() {
            guard line < maxY else { break }
            for (column, text) in cells.enumerated() where widths[column] > 0 {
                buffer.write(text, x: offsets[column], y: line, maxWidth: widths[column], role: index == 0 ? .dim : .text)
            }
            line += 1
        }
        return line
    }
}
