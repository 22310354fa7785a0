import Foundation
import PresenceEngine

/// The `h` view: one extension's calls, newest first; Enter shows every
/// field of the selected call under the list.
enum HistoryPane {
    static let detailLines = HistoryScreen.detailLines

    static func render(_ view: HistoryScreen, timeZone: TimeZone, numbers: NumberPrivacy = .whole, phonebook: Phonebook = Phonebook(),
                       rect: Rect, into buffer: inout Buffer) {
        var title = "History \(view.title) · \(view.records.count) call\(view.records.count == 1 ? "" : "s")"
        if !view.filterText.isEmpty { title += " · \(view.filterText)" }
        if view.loading { title += " · loading…" }
        PaneFrame.render(title: title, rect: rect, into: &buffer)
        let inner = rect.inset
        guard inner.height > 2 else { return }
        if let error = view.error {
            buffer.write(error, x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, role: .stale)
            return
        }
        if view.records.isEmpty && !view.loading {
            buffer.write("no calls", x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, role: .dim)
            return
        }
        let listHeight = max(1, inner.height - view.reservedLines)
        let widths = columns(view.records, numbers: numbers, phonebook: phonebook, width: inner.width - 1)
        let offsets = ColumnSolver.offsets(widths, from: inner.x + 1)
        for line in 0..<listHeight {
            let index = view.scrollOffset + line
            guard index < view.records.count else { break }
            let record = view.records[index]
            let y = inner.y + line
            for (column, (text, role)) in cells(record, timeZone: timeZone, numbers: numbers, phonebook: phonebook).enumerated() where widths[column] > 0 {
                buffer.write(text, x: offsets[column], y: y, maxWidth: widths[column], role: role)
            }
            if index == view.selection { buffer.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection) }
        }
        guard let record = view.selected else { return }
        guard view.showsDetails else {
            let hint = (record.recordingId.map { "recording \($0) (r saves it) · " } ?? "") + "⏎ details"
            buffer.write(hint, x: inner.x + 1, y: inner.maxY - 1, maxWidth: inner.width - 1, role: .dim)
            return
        }
        let top = inner.maxY - detailLines
        buffer.write(String(repeating: "─", count: inner.width), x: inner.x, y: top - 1, role: .paneBorder)
        for (line, text) in details(record, timeZone: timeZone, numbers: numbers).enumerated() where line < detailLines {
            buffer.write(text, x: inner.x + 1, y: top + line, maxWidth: inner.width - 1, role: .text)
        }
    }

    /// A call's length, `?` when the service's figure could not be read.
    static func length(_ record: CallRecord) -> String {
        record.durationSeconds.map { ExtensionRow.clock(Int64($0)) } ?? "?"
    }

    /// One call's cells: time, direction, other party, caller ID, length, result, recording.
    /// The caller ID, else the phonebook's name for the other party.
    static func callerName(_ record: CallRecord, phonebook: Phonebook) -> String {
        TextWidth.sanitized(phonebook.name(record.callerId, for: record.isInbound ? record.from : record.to))
    }

    static func cells(_ record: CallRecord, timeZone: TimeZone, numbers: NumberPrivacy = .whole, phonebook: Phonebook = Phonebook()) -> [(String, Role)] {
        [
            (ClockText.historyTime(record.time, timeZone: timeZone), .text),
            (record.isInbound ? "in" : "out", .text),
            (numbers.shown(record.isInbound ? record.from : record.to), .text),
            (callerName(record, phonebook: phonebook), .text),
            (HistoryPane.length(record), .text),
            (TextWidth.sanitized(record.result), record.result == "Answered" ? .text : .ringing),
            (CallMarks.text(recorded: record.recordingId != nil, clickToCall: false), .recorded),
        ]
    }

    /// The columns solved from the calls loaded (they change when a page
    /// arrives, not while scrolling): the time, the other party's number
    /// and the length last to go; the caller ID takes the room left.
    static func columns(_ records: [CallRecord], numbers: NumberPrivacy = .whole, phonebook: Phonebook = Phonebook(), width: Int) -> [Int] {
        var number = 16, callerId = 8, result = 8
        for record in records {
            number = max(number, TextWidth.width(of: numbers.shown(record.isInbound ? record.from : record.to)))
            callerId = max(callerId, min(30, TextWidth.width(of: callerName(record, phonebook: phonebook))))
            result = max(result, min(12, TextWidth.width(of: record.result)))
        }
        return ColumnSolver.solve([
            .fixed(14, keep: 9),
            .fixed(3, keep: 5),
            .fixed(number, keep: 8),
            ColumnConstraint(minimum: 6, preferred: callerId, maximum: 40, fill: 1, keep: 3),
            .fixed(7, keep: 7),
            ColumnConstraint(minimum: 4, preferred: result, maximum: 12, keep: 6),
            .fixed(3, keep: 2),
        ], available: width)
    }

    /// Every field of a call record, for the details block.
    /// Masked numbers are shown masked only (the raw form in brackets is left out).
    static func details(_ record: CallRecord, timeZone: TimeZone, numbers: NumberPrivacy = .whole) -> [String] {
        let from = numbers.masks ? numbers.shown(record.from) : "\(PhoneNumberFormat.display(record.from))  (\(record.from))"
        let to = numbers.masks ? numbers.shown(record.to) : "\(PhoneNumberFormat.display(record.to))  (\(record.to))"
        return detailLines(record, timeZone: timeZone, from: from, to: to)
    }

    private static func detailLines(_ record: CallRecord, timeZone: TimeZone, from: String, to: String) -> [String] {
        [
            "\(record.isInbound ? "inbound" : "outbound") call · \(ClockText.fullTime(record.time, timeZone: timeZone)) · "
                + "\(HistoryPane.length(record)) · \(record.result)",
            "from \(from)",
            "to   \(to) · extension \(record.extensionNumber)",
            "caller ID \(record.callerId.isEmpty ? "—" : record.callerId) · tag \(record.customTag.isEmpty ? "—" : record.customTag)",
            record.recordingId.map { "recording \($0) (r saves it)" } ?? "no recording",
        ]
    }
}
