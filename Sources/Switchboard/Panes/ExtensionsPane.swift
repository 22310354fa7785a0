import PresenceEngine

/// The list of extensions: number, name, status, other party, duration, marks.
enum ExtensionsPane {
    /// Column widths for an inner width; the party column takes what is left.
    struct Columns: Equatable {
        var number = 6
        var name: Int
        var status = 12
        var party: Int
        var duration = 7
        var marks = 7

        init(innerWidth: Int) {
            name = min(24, max(12, innerWidth / 5))
            let fixed = 1 + number + 1 + name + 1 + status + 1 + 1 + duration + 1 + marks
            party = max(0, innerWidth - fixed)
        }
    }

    static func render(app: App, now: MonotonicInstant, glyphs: Glyphs, rect: Rect, into buffer: inout Buffer) {
        let people = app.snapshot.extensions.values.filter(\.isPerson).count
        var title = app.activeFilter.isEmpty ? "Extensions \(app.rows.count)" : "Extensions \(app.rows.count)/\(people) · filter: \(app.activeFilter)"
        if app.sort != .number { title += " · by \(app.sort.rawValue)" }
        PaneFrame.render(title: title, rect: rect, into: &buffer)
        let inner = rect.inset
        let columns = Columns(innerWidth: inner.width)
        let selected = app.selectedIndex
        for line in 0..<inner.height {
            let index = app.scrollOffset + line
            guard index < app.rows.count else { break }
            let row = ExtensionRow(app.rows[index], now: now, glyphs: glyphs)
            let y = inner.y + line
            draw(row, columns: columns, x: inner.x, y: y, width: inner.width, into: &buffer)
            if index == selected && app.focus == .extensions { buffer.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection) }
        }
        if app.rows.isEmpty && inner.height > 0 {
            let waiting = app.snapshot.health == .connecting ? "connecting…" : "no extensions"
            buffer.write(waiting, x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, role: .dim)
        }
    }

    static func draw(_ row: ExtensionRow, columns: Columns, x: Int, y: Int, width: Int, into buffer: inout Buffer) {
        var cursor = x + 1
        func column(_ text: String, _ columnWidth: Int, _ role: Role, alignRight: Bool = false) {
            guard columnWidth > 0 else { return }
            let fitted = alignRight
                ? String(repeating: " ", count: max(0, columnWidth - TextWidth.width(of: text))) + text
                : text
            buffer.write(fitted, x: cursor, y: y, maxWidth: columnWidth, role: role)
            cursor += columnWidth + 1
        }
        column(row.number, columns.number, .text)
        column(row.name, columns.name, .text)
        column("\(row.glyph) \(row.statusWord)", columns.status, row.role)
        column(row.party, columns.party, .text)
        column(row.duration, columns.duration, row.role, alignRight: true)
        column(row.marks, columns.marks, .recorded)
    }
}
