import Foundation
import PresenceEngine

/// Each bridge with who is on it: names for extensions, formatted numbers
/// otherwise. Participants that do not fit on the bridge's line wrap onto
/// the lines below it, indented, rather than being cut.
enum ConferencesPane {
    static func render(rows bridges: [BridgeRow], loaded: Bool, selected: String? = nil, staleMark: String? = nil, timeZone: TimeZone,
                       numbers: NumberPrivacy = .whole, rect: Rect, into buffer: inout Buffer) {
        PaneFrame.render(title: "Conferences \(bridges.count)", mark: staleMark, rect: rect, into: &buffer)
        let inner = rect.inset
        guard inner.height > 0 else { return }
        if bridges.isEmpty {
            buffer.write(loaded ? "no bridges" : "loading…", x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, role: .dim)
            return
        }
        var y = inner.y
        for row in bridges where y < inner.maxY {
            let bridge = row.bridge, who = row.participants(numbers)
            let used = buffer.write(row.title, x: inner.x + 1, y: y, maxWidth: min(22, inner.width - 1),
                                    role: who.isEmpty ? .dim : .text)
            let top = y
            // A list older than the rest (this bridge did not answer) says so first.
            let stale = StaleMark.item(since: bridge.staleSince, paneMark: staleMark, timeZone: timeZone)
            if who.isEmpty {
                buffer.write(stale.map { "idle · \($0)" } ?? "idle", x: inner.x + 1 + used + 2, y: y, maxWidth: max(0, inner.width - used - 3),
                             role: stale == nil ? .dim : .stale)
            } else {
                let start = inner.x + 1 + used + 2
                let lines = BridgeRow.wrapped((stale.map { ["\($0) ·"] } ?? []) + ["\(who.count) on:"] + who, firstWidth: inner.maxX - start,
                                    width: inner.width - 3)
                for (index, text) in lines.enumerated() where top + index < inner.maxY {
                    let x = index == 0 ? start : inner.x + 3
                    buffer.write(text, x: x, y: top + index, maxWidth: inner.maxX - x, role: stale != nil && index == 0 ? .stale : .onCall)
                    y = top + index
                }
            }
            if bridge.number == selected { buffer.paint(Rect(x: inner.x, y: top, width: inner.width, height: y - top + 1), role: .selection) }
            y += 1
        }
    }
}
