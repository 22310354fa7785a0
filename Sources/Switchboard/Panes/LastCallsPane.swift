import Foundation
import Journal

/// The side column's free lines: the last calls with someone outside,
/// newest first — when, in or out, who, and which extension.
enum LastCallsPane {
    static func render(model: BoardModel, timeZone: TimeZone, wallClock: Date, rect: Rect, into buffer: inout Buffer) {
        let calls = model.journal.recent
        PaneFrame.render(title: "Last calls", rect: rect, into: &buffer)
        let inner = rect.inset
        for (line, call) in calls.prefix(inner.height).enumerated() {
            let name = model.phonebook.name(call.name, for: call.number)
            let way: String
            switch (call.direction, call.outcome) {
            case (.outbound, _): way = "out"
            case (_, .answered): way = "in"
            case (_, .ongoing): way = "now"
            case (_, .unanswered), (_, .voicemail): way = "missed"
            }
            let text = "\(MissedPane.when(call.rang, now: wallClock, timeZone: timeZone)) \(way) \(model.numbers.shown(call.number))"
                + (name.isEmpty ? "" : " \(TextWidth.sanitized(name))") + " · \(call.extensionNumber)"
            buffer.write(text, x: inner.x + 1, y: inner.y + line, maxWidth: inner.width - 1, role: way == "missed" ? .ringing : .text)
        }
    }
}
