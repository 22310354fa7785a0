import Foundation
import PresenceEngine

/// The `h` view: one extension's calls, newest first; Enter shows every
/// field of the selected call under the list.
enum HistoryPane {
    /// Lines under the list: a hint line, or the details block.
    static func reservedLines(_ view: HistoryView) -> Int { view.showsDetails ? detailLines + 1 : 2 }
    static let detailLines = 5

    static func render(_ view: HistoryView, timeZone: TimeZone, rect: Rect, into buffer: inout Buffer) {
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
        let listHeight = max(1, inner.height - reservedLines(view))
        for line in 0..<listHeight {
            let index = view.scrollOffset + line
            guard index < view.records.count else { break }
            let record = view.records[index]
            let y = inner.y + line
            var x = inner.x + 1
            func column(_ text: String, _ width: Int, _ role: Role = .text) {
                buffer.write(text, x: x, y: y, maxWidth: max(0, min(width, inner.maxX - x)), role: role)
                x += width + 1
            }
            let other = record.isInbound ? record.from : record.to
            // Fixed columns, and the caller's name takes what is left.
            let nameWidth = max(8, inner.width - 1 - (14 + 3 + 16 + 7 + 10 + 3 + 7))
            column(ClockText.historyTime(record.time, timeZone: timeZone), 14)
            column(record.isInbound ? "in " : "out", 3)
            column(PhoneNumberFormat.display(other), 16)
            column(record.callerId, nameWidth)
            column(ExtensionRow.clock(Int64(record.durationSeconds)), 7)
            column(record.result, 10, record.result == "Answered" ? .text : .ringing)
            column(record.recordingId == nil ? "" : "REC", 3, .recorded)
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
        for (line, text) in details(record, timeZone: timeZone).enumerated() where line < detailLines {
            buffer.write(text, x: inner.x + 1, y: top + line, maxWidth: inner.width - 1, role: .text)
        }
    }

    /// Every field of a call record, for the details block.
    static func details(_ record: CallRecord, timeZone: TimeZone) -> [String] {
        [
            "\(record.isInbound ? "inbound" : "outbound") call · \(ClockText.fullTime(record.time, timeZone: timeZone)) · "
                + "\(ExtensionRow.clock(Int64(record.durationSeconds))) · \(record.result)",
            "from \(PhoneNumberFormat.display(record.from))  (\(record.from))",
            "to   \(PhoneNumberFormat.display(record.to))  (\(record.to)) · extension \(record.extensionNumber)",
            "caller ID \(record.callerId.isEmpty ? "—" : record.callerId) · tag \(record.customTag.isEmpty ? "—" : record.customTag)",
            record.recordingId.map { "recording \($0) (r saves it)" } ?? "no recording",
        ]
    }
}
