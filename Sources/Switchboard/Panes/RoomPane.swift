import Foundation
import Journal

/// What a wall wants next, in the lines the extensions leave free under
/// them (`BoardGeometry.room`), in this order, each only when it has room:
/// the missed calls to call back (newest first, as many as fit, leaving
/// today's figures six lines when the room holds both), then today's figures. With the journal off or nothing to show yet, the room
/// stays empty.
enum RoomPane {
    static func render(model: BoardModel, timeZone: TimeZone, wallClock: Date, rect: Rect, into buffer: inout Buffer) {
        let journal = model.journal
        guard !journal.isUnavailable else { return }
        var area = rect
        let missed = journal.missed
        let hasFigures = journal.hasDayFigures
        if !missed.isEmpty {
            // First: the whole list when it fits, else as much as fits, leaving
            // today's figures their least when the room holds both.
            let leave = hasFigures && area.height >= 2 * BoardGeometry.roomMinimum ? BoardGeometry.roomMinimum : 0
            let height = min(missed.count + 2, area.height - leave)
            missedList(model, timeZone: timeZone, wallClock: wallClock, rect: Rect(x: area.x, y: area.y, width: area.width, height: height), into: &buffer)
            area = Rect(x: area.x, y: area.y + height, width: area.width, height: area.height - height)
        }
        if hasFigures, area.height >= BoardGeometry.roomMinimum {
            TodayPane.render(model: model, rect: area, into: &buffer)
        }
    }

    /// The missed calls, one a line, without a selection (the `m` screen has the keys).
    private static func missedList(_ model: BoardModel, timeZone: TimeZone, wallClock: Date, rect: Rect, into buffer: inout Buffer) {
        let list = model.journal.missed
        PaneFrame.render(title: "Missed calls to call back \(list.count) (m)", rect: rect, into: &buffer)
        let inner = rect.inset
        let widths = MissedPane.columns(list, model: model, width: inner.width - 1)
        let offsets = ColumnSolver.offsets(widths, from: inner.x + 1)
        for (line, caller) in list.prefix(inner.height).enumerated() {
            let last = line == inner.height - 1 && list.count > inner.height
            guard !last else {
                buffer.write("+\(list.count - line) more (m)", x: inner.x + 1, y: inner.y + line, maxWidth: inner.width - 1, role: .dim)
                break
            }
            for (column, (text, role)) in MissedPane.cells(caller, model: model, now: wallClock, timeZone: timeZone).enumerated() where widths[column] > 0 {
                buffer.write(text, x: offsets[column], y: inner.y + line, maxWidth: widths[column], role: role)
            }
        }
    }
}
