import PresenceEngine

/// Each bridge with who is on it: names for extensions, formatted numbers otherwise.
enum ConferencesPane {
    static func render(snapshot: PresenceSnapshot, selected: String? = nil, staleMark: String? = nil, rect: Rect, into buffer: inout Buffer) {
        let bridges = snapshot.bridges.values.sorted { ExtensionNumber.precedes($0.number, $1.number) }
        PaneFrame.render(title: "Conferences \(bridges.count)", mark: staleMark, rect: rect, into: &buffer)
        let inner = rect.inset
        guard inner.height > 0 else { return }
        if bridges.isEmpty {
            buffer.write(snapshot.directory == nil ? "loading…" : "no bridges", x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, role: .dim)
            return
        }
        var y = inner.y
        for bridge in bridges where y < inner.maxY {
            let name = bridge.name.isEmpty ? snapshot.directory?.conferences[bridge.number] ?? "" : bridge.name
            let who = bridge.participants.map { participant(($0), snapshot: snapshot) }
            let summary = who.isEmpty ? "idle" : "\(who.count) on: " + who.joined(separator: ", ")
            let used = buffer.write("\(bridge.number) \(name)", x: inner.x + 1, y: y, maxWidth: min(22, inner.width - 1),
                                    role: who.isEmpty ? .dim : .text)
            buffer.write(summary, x: inner.x + 1 + used + 2, y: y, maxWidth: max(0, inner.width - used - 3), role: who.isEmpty ? .dim : .onCall)
            if bridge.number == selected { buffer.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection) }
            y += 1
        }
    }

    static func participant(_ value: String, snapshot: PresenceSnapshot) -> String {
        if let person = snapshot.extensions[value], !person.name.isEmpty { return person.name }
        if let entry = snapshot.directory?.extensions[value], !entry.name.isEmpty { return entry.name }
        return PhoneNumberFormat.display(value)
    }
}
