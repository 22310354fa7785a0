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

    static func render(app: App, now: MonotonicInstant, glyphs: Glyphs, staleMark: String? = nil, rect: Rect, into buffer: inout Buffer) {
        let people = app.snapshot.extensions.values.filter(\.isPerson).count
        var title = app.activeFilter.isEmpty ? "Extensions \(app.rows.count)" : "Extensions \(app.rows.count)/\(people) · filter: \(app.activeFilter)"
        if app.sort != .number { title += " · by \(app.sort.rawValue)" }
        PaneFrame.render(title: title, mark: staleMark, rect: rect, into: &buffer)
        let inner = rect.inset
        let columns = Columns(innerWidth: inner.width)
        let selected = app.selectedIndex
        var y = inner.y
        var index = app.scrollOffset
        while y < inner.maxY, index < app.rows.count {
            let state = app.rows[index]
            let top = y
            draw(ExtensionRow(state, now: now, glyphs: glyphs), columns: columns, x: inner.x, y: y, width: inner.width, into: &buffer)
            y += 1
            for call in ExtensionRow.callLines(state, now: now, glyphs: glyphs) where y < inner.maxY {
                draw(call, columns: columns, x: inner.x, y: y, into: &buffer)
                y += 1
            }
            // The selection covers number and name, not the ticking
            // duration: a highlighted duration would cost attribute changes
            // on the link every second.
            if index == selected && app.focus == .extensions {
                buffer.paint(Rect(x: inner.x, y: top, width: 1 + columns.number + 1 + columns.name, height: y - top), role: .selection)
            }
            index += 1
        }
        if app.rows.isEmpty && inner.height > 0 {
            let waiting = app.snapshot.health == .connecting ? "connecting…" : "no extensions"
            buffer.write(waiting, x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, role: .dim)
        }
    }

    /// A tick: only the durations of the rows on screen are rewritten, in
    /// place, in a frame this pane drew for the same app state.
    /// Returns the screen rows it wrote.
    @discardableResult
    static func renderDurations(app: App, now: MonotonicInstant, glyphs: Glyphs, rect: Rect, into buffer: inout Buffer) -> [Int] {
        let inner = rect.inset
        let columns = Columns(innerWidth: inner.width)
        let x = inner.x + 1 + columns.number + 1 + columns.name + 1 + columns.status + 1 + columns.party + 1
        guard columns.duration > 0 else { return [] }
        var y = inner.y
        var index = app.scrollOffset
        var written: [Int] = []
        func write(_ text: String) {
            let padded = String(repeating: " ", count: max(0, columns.duration - TextWidth.width(of: text))) + text
            buffer.write(padded, x: x, y: y, maxWidth: columns.duration, role: .text)
            written.append(y)
        }
        while y < inner.maxY, index < app.rows.count {
            let state = app.rows[index]
            if ExtensionRow.ticks(state) { write(ExtensionRow.durationText(state, now: now)) }
            y += 1
            if state.calls.count > 1 {
                for call in ExtensionRow.callLines(state, now: now, glyphs: glyphs) where y < inner.maxY {
                    write(call.duration)
                    y += 1
                }
            }
            index += 1
        }
        return written
    }

    /// An extra call sits under the status column, tied to its row by `└`.
    static func draw(_ call: CallLine, columns: Columns, x: Int, y: Int, into buffer: inout Buffer) {
        var cursor = x + 1 + columns.number + 1
        buffer.write("└", x: cursor + columns.name - 1, y: y, role: .dim)
        cursor += columns.name + 1
        buffer.write("\(call.glyph) \(call.word)", x: cursor, y: y, maxWidth: columns.status, role: call.role)
        cursor += columns.status + 1
        buffer.write(call.party, x: cursor, y: y, maxWidth: columns.party, role: .text)
        cursor += columns.party + 1
        let pad = String(repeating: " ", count: max(0, columns.duration - TextWidth.width(of: call.duration)))
        buffer.write(pad + call.duration, x: cursor, y: y, maxWidth: columns.duration, role: .text)
        cursor += columns.duration + 1
        buffer.write(call.marks, x: cursor, y: y, maxWidth: columns.marks, role: .recorded)
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
        column(row.duration, columns.duration, .text, alignRight: true)
        column(row.marks, columns.marks, .recorded)
    }
}
