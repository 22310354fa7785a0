import Foundation
import PresenceEngine

/// The `h` view: one extension's calls, newest first, with the selected
/// call's details on the last line.
enum HistoryPane {
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
        let listHeight = inner.height - 2
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
        if let record = view.selected {
            let details = (record.recordingId.map { "recording \($0) (r saves it) · " } ?? "")
                + "from \(PhoneNumberFormat.display(record.from)) to \(PhoneNumberFormat.display(record.to)) · ext \(record.extensionNumber)"
                + (record.customTag.isEmpty ? "" : " · tag \(record.customTag)")
            buffer.write(details, x: inner.x + 1, y: inner.maxY - 1, maxWidth: inner.width - 1, role: .dim)
        }
    }
}
