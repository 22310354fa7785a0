import Foundation

/// Quiet hours (`quiet_hours`): the wall dimmed to the time in big digits
/// and the missed calls to call back; a ringing call or a key brings the
/// board back.
enum NightPane {
    static func render(model: BoardModel, wallClock: Date, timeZone: TimeZone, ascii: Bool, rect: Rect, into buffer: inout Buffer) {
        let time = ClockText.minutes(wallClock, timeZone: timeZone)
        let missed = model.journal.missed.count
        let line = missed == 0 ? "no missed calls to call back" : "Missed \(missed) to call back"
        let scale = (1...8).reversed().first { scale in
            let size = BigDigits.size(time, scale: scale)
            return size.width <= rect.width - 4 && size.height + 3 <= rect.height
        } ?? 0
        var y = rect.y + rect.height / 2
        if scale > 0 {
            let digits = BigDigits.lines(time, scale: scale, ascii: ascii)
            let size = BigDigits.size(time, scale: scale)
            y = rect.y + max(0, (rect.height - size.height - 2) / 2)
            for (offset, text) in digits.enumerated() {
                buffer.write(text, x: rect.x + (rect.width - size.width) / 2, y: y + offset, maxWidth: rect.width, role: .dim)
            }
            y += size.height + 1
        } else {
            buffer.write(time, x: rect.x + (rect.width - time.count) / 2, y: y - 1, role: .dim)
        }
        let width = TextWidth.width(of: line)
        buffer.write(line, x: rect.x + max(0, (rect.width - width) / 2), y: min(rect.maxY - 1, y), maxWidth: rect.width,
                     role: missed == 0 ? .dim : .ringing)
    }
}
