import Foundation

/// Quiet hours (`quiet_hours`): the wall dimmed to the time in big digits
/// and the missed calls to call back; a ringing call or a key brings the
/// board back. Below them, when the board is not live, the connection's
/// state with its last good update: a call cannot wake a board that does
/// not hear of it, and a night's "no missed calls" may be old.
enum NightPane {
    static func render(model: BoardModel, wallClock: Date, timeZone: TimeZone, glyphs: Glyphs, rect: Rect, into buffer: inout Buffer) {
        let time = ClockText.minutes(wallClock, timeZone: timeZone)
        let missed = model.journal.missed.count
        var lines: [(String, Role)] = [missedLine(model.journal.isUnavailable ? nil : missed)]
        if !model.snapshot.health.isLive { lines.append(HeaderBar.health(model.snapshot, glyphs: glyphs, timeZone: timeZone)) }
        let scale = (1...8).reversed().first { scale in
            let size = BigDigits.size(time, scale: scale)
            return size.width <= rect.width - 4 && size.height + 2 + lines.count <= rect.height
        } ?? 0
        var y = rect.y + rect.height / 2
        if scale > 0 {
            let digits = BigDigits.lines(time, scale: scale, ascii: glyphs.isASCII)
            let size = BigDigits.size(time, scale: scale)
            y = rect.y + max(0, (rect.height - size.height - 1 - lines.count) / 2)
            for (offset, text) in digits.enumerated() {
                buffer.write(text, x: rect.x + (rect.width - size.width) / 2, y: y + offset, maxWidth: rect.width, role: .dim)
            }
            y += size.height + 1
        } else {
            buffer.write(time, x: rect.x + (rect.width - time.count) / 2, y: y - 1, role: .dim)
        }
        for (text, role) in lines where y < rect.maxY {
            let width = TextWidth.width(of: text)
            buffer.write(text, x: rect.x + max(0, (rect.width - width) / 2), y: y, maxWidth: rect.width, role: role)
            y += 1
        }
    }

    /// The missed calls to call back; nil when the journal is off (none are kept).
    private static func missedLine(_ missed: Int?) -> (String, Role) {
        guard let missed else { return ("the journal is off: missed calls are not kept", .dim) }
        return missed == 0 ? ("no missed calls to call back", .dim) : ("Missed \(missed) to call back", .ringing)
    }
}
