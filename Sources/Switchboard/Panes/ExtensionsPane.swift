import PresenceEngine

/// The extensions, drawn where the wall layout put them: rows (number,
/// name, status, other party, duration, marks, with the solved column
/// widths), group titles, compact tiles and the count of what is hidden.
enum ExtensionsPane {
    /// What the pane needs besides the app: how to draw, and the alarms.
    struct Style {
        var glyphs: Glyphs
        var alarms: CallAlarms
        var numbers = NumberPrivacy.whole
        var phonebook = Phonebook()
    }

    static func render(model: BoardModel, now: MonotonicInstant, style: Style, staleMark: String? = nil, rect: Rect, into buffer: inout Buffer) {
        PaneFrame.render(title: title(model), mark: staleMark, rect: rect, into: &buffer)
        let inner = rect.inset
        let wall = model.wall
        let selected = model.focus == .extensions ? model.selectedIndex : nil
        for (columnIndex, column) in wall.columns.enumerated() {
            for (offset, line) in wall.shown(column, scrollOffset: model.scrollOffset, height: inner.height).enumerated() {
                let x = inner.x + column.x, y = inner.y + offset
                draw(line, model: model, wall: wall, column: column, now: now, style: style, x: x, y: y, into: &buffer)
                if case .row(let row) = line, row == selected {
                    // The selection covers number and name, not the ticking
                    // duration: a highlighted duration would cost attribute
                    // changes on the link every second.
                    let name = wall.table[.name]
                    let width = name.width > 0 ? name.x + name.width : wall.table[.number].x + wall.table[.number].width
                    buffer.paint(Rect(x: x, y: y, width: width, height: ExtensionRow.lineCount(model.rows[row])), role: .selection)
                }
            }
            if columnIndex > 0 {
                let separator = Rect(x: inner.x + column.x - 1, y: inner.y, width: 1, height: inner.height)
                for y in separator.y..<separator.maxY { buffer.put("│", x: separator.x, y: y, role: .paneBorder) }
            }
        }
        if let selected, let place = wall.places[selected], place.isTile {
            buffer.paint(Rect(x: inner.x + place.x, y: inner.y + place.line, width: place.width, height: 1), role: .selection)
        }
        if model.rows.isEmpty && inner.height > 0 {
            let waiting = model.snapshot.health == .connecting ? "connecting…" : "no extensions"
            buffer.write(waiting, x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, role: .dim)
        }
    }

    static func title(_ model: BoardModel) -> String {
        var title = model.activeFilter.isEmpty
            ? "Extensions \(model.rows.count)" : "Extensions \(model.rows.count)/\(model.peopleCount) · filter: \(model.activeFilter)"
        if model.sort != .number { title += " · by \(model.sort.rawValue)" }
        if model.wall.hiddenCount > 0 { title += " · \(model.wall.hiddenCount) not shown" }
        return title
    }

    private static func draw(_ line: WallLayout.Line, model: BoardModel, wall: WallLayout, column: WallLayout.Column, now: MonotonicInstant,
                             style: Style, x: Int, y: Int, into buffer: inout Buffer) {
        switch line {
        case .heading(let title, let count):
            let used = buffer.write("\(title) · \(count)", x: x + 1, y: y, maxWidth: column.width - 1, role: .groupTitle)
            let rule = max(0, column.width - used - 2)
            if rule > 0 { buffer.write(String(repeating: "─", count: rule), x: x + used + 2, y: y, maxWidth: rule, role: .paneBorder) }
        case .row(let row):
            let state = model.rows[row]
            draw(ExtensionRow(state, now: now, glyphs: style.glyphs, numbers: style.numbers, phonebook: style.phonebook), alarm: style.alarms.level(state, now: now), table: wall.table,
                 x: x, y: y, into: &buffer)
        case .call(let row, let index):
            let lines = ExtensionRow.callLines(model.rows[row], now: now, glyphs: style.glyphs)
            if index < lines.count { draw(lines[index], table: wall.table, x: x, y: y, into: &buffer) }
        case .tiles(let rows):
            for (slot, row) in rows.enumerated() {
                drawTile(model.rows[row], glyphs: style.glyphs, numberWidth: wall.table[.number].width, x: x + slot * wall.tileWidth, y: y,
                         width: wall.tileWidth, into: &buffer)
            }
        case .hidden(let idle, let busy):
            let text = busy == 0 ? "+\(idle) idle not shown" : "+\(idle + busy) not shown (\(busy) on calls)"
            buffer.write(text + " · / finds them", x: x + 1, y: y, maxWidth: column.width - 1, role: .message)
        }
    }

    /// A tick: only the durations of the rows on screen are rewritten, in
    /// place, in a frame this pane drew for the same app state.
    /// Returns the screen rows it wrote.
    @discardableResult
    static func renderDurations(model: BoardModel, now: MonotonicInstant, style: Style, rect: Rect, into buffer: inout Buffer) -> [Int] {
        let inner = rect.inset
        let wall = model.wall
        let duration = wall.table[.duration]
        guard duration.width > 0 else { return [] }
        var written: [Int] = []
        for column in wall.columns {
            for (offset, line) in wall.shown(column, scrollOffset: model.scrollOffset, height: inner.height).enumerated() {
                let x = inner.x + column.x + duration.x, y = inner.y + offset
                switch line {
                case .row(let row) where ExtensionRow.ticks(model.rows[row]):
                    let state = model.rows[row]
                    writeDuration(ExtensionRow.durationText(state, now: now), role: style.alarms.level(state, now: now).role,
                                  x: x, y: y, width: duration.width, into: &buffer)
                    written.append(y)
                case .call(let row, let index):
                    let lines = ExtensionRow.callLines(model.rows[row], now: now, glyphs: style.glyphs)
                    guard index < lines.count else { continue }
                    writeDuration(lines[index].duration, role: nil, x: x, y: y, width: duration.width, into: &buffer)
                    written.append(y)
                default:
                    continue
                }
            }
        }
        return written
    }

    /// Right-aligned; plain text unless an alarm colours it.
    private static func writeDuration(_ text: String, role: Role?, x: Int, y: Int, width: Int, into buffer: inout Buffer) {
        let pad = max(0, width - TextWidth.width(of: text))
        buffer.write(String(repeating: " ", count: pad), x: x, y: y, maxWidth: pad, role: .text)
        buffer.write(text, x: x + pad, y: y, maxWidth: width - pad, role: role ?? .text)
    }

    /// The other party: the name gives way, the number is never cut inside.
    /// A number longer than its column borrows the name's cells, and where
    /// even that is too little it is shown without its spaces.
    private static func drawParty(name: String, number: String, compactNumber: @autoclosure () -> String, table: ExtensionColumns, x: Int, y: Int,
                                  into buffer: inout Buffer) {
        let nameColumn = table[.partyName], numberColumn = table[.partyNumber]
        guard numberColumn.width > 0 || nameColumn.width > 0 else { return }
        let spanStart = nameColumn.width > 0 ? nameColumn.x : numberColumn.x
        let spanEnd = numberColumn.width > 0 ? numberColumn.x + numberColumn.width : nameColumn.x + nameColumn.width
        var shown = number
        if TextWidth.width(of: shown) > spanEnd - spanStart { shown = compactNumber() }
        let numberWidth = TextWidth.width(of: shown)
        let numberX = numberColumn.width > 0 ? max(spanStart, min(numberColumn.x, spanEnd - numberWidth)) : spanEnd
        if !shown.isEmpty, numberColumn.width > 0 {
            buffer.write(shown, x: x + numberX, y: y, maxWidth: spanEnd - numberX, role: .text)
        }
        let nameRoom = (shown.isEmpty ? spanEnd : numberX - 1) - spanStart
        if !name.isEmpty, nameRoom > 0 { buffer.write(name, x: x + spanStart, y: y, maxWidth: nameRoom, role: .text) }
    }

    static func draw(_ row: ExtensionRow, alarm: AlarmLevel, table: ExtensionColumns, x: Int, y: Int, into buffer: inout Buffer) {
        func column(_ text: String, _ which: ExtensionColumns.Column, _ role: Role) {
            let cell = table[which]
            guard cell.width > 0 else { return }
            buffer.write(text, x: x + cell.x, y: y, maxWidth: cell.width, role: role)
        }
        column(row.number, .number, .text)
        column(row.name, .name, .text)
        column("\(row.glyph) \(row.statusWord)", .status, row.role)
        drawParty(name: row.partyName, number: row.partyNumber, compactNumber: row.partyNumberCompact, table: table, x: x, y: y, into: &buffer)
        let duration = table[.duration]
        if duration.width > 0, !row.duration.isEmpty {
            writeDuration(row.duration, role: alarm.role, x: x + duration.x, y: y, width: duration.width, into: &buffer)
        }
        column(CallMarks.fitted(row.marks, width: table[.marks].width), .marks, .recorded)
    }

    /// An extra call sits under the status column, tied to its row by `└`.
    static func draw(_ call: CallLine, table: ExtensionColumns, x: Int, y: Int, into buffer: inout Buffer) {
        let name = table[.name], status = table[.status]
        if name.width > 0 { buffer.write("└", x: x + name.x + name.width - 1, y: y, role: .dim) }
        buffer.write("\(call.glyph) \(call.word)", x: x + status.x, y: y, maxWidth: status.width, role: call.role)
        drawParty(name: call.party, number: "", compactNumber: "", table: table, x: x, y: y, into: &buffer)
        let duration = table[.duration]
        if duration.width > 0 { writeDuration(call.duration, role: nil, x: x + duration.x, y: y, width: duration.width, into: &buffer) }
        let marks = table[.marks]
        if marks.width > 0 { buffer.write(CallMarks.fitted(call.marks, width: marks.width), x: x + marks.x, y: y, maxWidth: marks.width, role: .recorded) }
    }

    /// An idle extension in compact form: `201 ○ Ana Lima`.
    static func drawTile(_ state: ExtensionState, glyphs: Glyphs, numberWidth: Int, x: Int, y: Int, width: Int, into buffer: inout Buffer) {
        let status = ExtensionStatus(state)
        buffer.write(state.number, x: x + 1, y: y, maxWidth: numberWidth, role: .text)
        if let glyph = status.glyph(glyphs).first { buffer.put(glyph, x: x + 2 + numberWidth, y: y, role: status.role) }
        let nameWidth = max(0, width - 4 - numberWidth)
        buffer.write(shortName(state.name, width: nameWidth), x: x + 4 + numberWidth, y: y, maxWidth: nameWidth, role: .text)
    }

    /// A name for a tile: whole when it fits, else the first name and the
    /// last one's initial (`Anatole B.`), else cut.
    static func shortName(_ name: String, width: Int) -> String {
        let clean = TextWidth.sanitized(name)
        // A name's width is never more than its UTF-8 length.
        if clean.utf8.count <= width { return clean }
        guard TextWidth.width(of: clean) > width else { return clean }
        if let firstSpace = clean.firstIndex(of: " "), let lastSpace = clean.lastIndex(of: " "),
           let initial = clean[clean.index(after: lastSpace)...].first {
            let short = "\(clean[..<firstSpace]) \(initial)."
            if TextWidth.width(of: short) <= width { return short }
        }
        return clean
    }
}
