import Foundation
import Journal

/// The `m` view: numbers that called and that nobody answered or called
/// back, newest first, one line each, the selected one's details below.
enum MissedPane {
    static func render(_ view: MissedScreen, model: BoardModel, timeZone: TimeZone, wallClock: Date, rect: Rect, into buffer: inout Buffer) {
        let journal = model.journal
        let list = journal.missed
        var title = "Missed calls \(list.count) · since \(sinceText(journal.missedSince, now: wallClock, timeZone: timeZone))"
        if journal.filling {
            // Short enough for 80 columns: "reading the history: 9812 to go".
            title += journal.historyLeft > 1 ? " · reading the history: \(journal.historyLeft) to go" : " · reading the call history…"
        }
        PaneFrame.render(title: title, mark: journal.problem.map(\.description), rect: rect, into: &buffer)
        let inner = rect.inset
        guard inner.height > 2 else { return }
        guard !list.isEmpty else {
            let text = journal.isUnavailable ? "the journal is off: missed calls are not kept" : "no missed calls to call back"
            buffer.write(text, x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, role: .dim)
            return
        }
        let listHeight = max(1, inner.height - MissedScreen.reservedLines)
        let widths = columns(list, model: model, width: inner.width - 1)
        let offsets = ColumnSolver.offsets(widths, from: inner.x + 1)
        for line in 0..<listHeight {
            let index = view.scrollOffset + line
            guard index < list.count else { break }
            let y = inner.y + line
            for (column, (text, role)) in cells(list[index], model: model, now: wallClock, timeZone: timeZone).enumerated() where widths[column] > 0 {
                buffer.write(text, x: offsets[column], y: y, maxWidth: widths[column], role: role)
            }
            if index == view.selection { buffer.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection) }
        }
        guard view.selection < list.count else { return }
        let caller = list[view.selection]
        let reached = (caller.extensions.map { "ext \($0)" } + caller.queues.map { $0 == "queue" ? "a queue" : "queue \($0)" }).joined(separator: ", ")
        let detail = "first \(when(caller.first, now: wallClock, timeZone: timeZone)) · rang \(reached)"
            + (model.kiosk ? "" : " · ⏎ calls back · x handled")
        buffer.write(detail, x: inner.x + 1, y: inner.maxY - 1, maxWidth: inner.width - 1, role: .dim)
    }

    /// One caller's cells: last time, number, name, count, result, repeat, who has them now.
    static func cells(_ caller: MissedCaller, model: BoardModel, now: Date, timeZone: TimeZone) -> [(String, Role)] {
        let colleagues = model.onTheLine[caller.numberKey] ?? []
        return [
            (when(caller.last, now: now, timeZone: timeZone), .text),
            (model.numbers.shown(caller.number), .text),
            (TextWidth.sanitized(model.phonebook.name(caller.name, for: caller.number)), .text),
            (caller.count == 1 ? "1 call" : "\(caller.count) calls", caller.count > 1 ? .ringing : .text),
            (caller.leftVoicemail ? "voicemail" : "hung up", caller.leftVoicemail ? .recorded : .dim),
            (caller.isRepeatCaller ? "REPEAT" : "", .alarmWarning),
            (colleagues.isEmpty ? "" : "on the line: \(colleagues.joined(separator: " "))", .onCall),
        ]
    }

    /// The number and the time stay longest; the name takes the room left.
    static func columns(_ list: [MissedCaller], model: BoardModel, width: Int) -> [Int] {
        var number = 12, name = 8, busy = 0
        for caller in list {
            number = max(number, TextWidth.width(of: model.numbers.shown(caller.number)))
            name = max(name, min(24, TextWidth.width(of: TextWidth.sanitized(model.phonebook.name(caller.name, for: caller.number)))))
            if let colleagues = model.onTheLine[caller.numberKey] { busy = max(busy, 14 + colleagues.joined(separator: " ").count) }
        }
        return ColumnSolver.solve([
            .fixed(9, keep: 9),
            .fixed(number, keep: 10),
            ColumnConstraint(minimum: 4, preferred: name, maximum: 30, fill: 1, keep: 4),
            .fixed(8, keep: 7),
            .fixed(9, keep: 5),
            .fixed(6, keep: 6),
            .fixed(busy, keep: 8),
        ], available: width)
    }

    /// `14:02` today, `Tue 14:02` on another day.
    static func when(_ date: Date, now: Date, timeZone: TimeZone) -> String {
        let day = LocalDay(timeZone: timeZone)
        let time = ClockText.minutes(date, timeZone: timeZone)
        if day.start(of: date) == day.start(of: now) { return time }
        return weekday(date, timeZone: timeZone) + " " + time
    }

    static func sinceText(_ date: Date, now: Date, timeZone: TimeZone) -> String {
        let day = LocalDay(timeZone: timeZone)
        if day.start(of: now) == date { return "midnight" }
        if day.start(daysBefore: 1, now) == date { return "yesterday 00:00" }
        return when(date, now: now, timeZone: timeZone)
    }

    static func weekday(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        return names[(calendar.component(.weekday, from: date) - 1) % 7]
    }
}
