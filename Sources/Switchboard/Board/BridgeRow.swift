import PresenceEngine

/// One conference bridge as the side column shows it: its title and who is
/// on it (names for extensions, formatted numbers otherwise), made once per
/// snapshot so the layout sizes the column from rows, never from a pane.
struct BridgeRow: Equatable, Sendable {
    let bridge: BridgeState
    /// `800 All hands`, sanitised.
    var title: String
    /// Who is on the bridge, as shown with whole numbers.
    let participants: [String]
    /// The number of each participant shown as a number (nil for a name), to mask on a public screen.
    let participantNumbers: [String?]

    var number: String { bridge.number }

    init(_ bridge: BridgeState, snapshot: PresenceSnapshot) {
        self.bridge = bridge
        let name = bridge.name.isEmpty ? snapshot.directory?.conferences[bridge.number] ?? "" : bridge.name
        title = "\(bridge.number) \(TextWidth.sanitized(name))"
        participants = bridge.participants.map { BridgeRow.participant($0, snapshot: snapshot) }
        participantNumbers = bridge.participants.map { BridgeRow.isNamed($0, snapshot: snapshot) ? nil : $0 }
    }

    /// Who is on the bridge, the numbers shown as `numbers` says.
    func participants(_ numbers: NumberPrivacy) -> [String] {
        guard numbers.masks else { return participants }
        return zip(participants, participantNumbers).map { name, number in number.map(numbers.shown) ?? name }
    }

    static func isNamed(_ value: String, snapshot: PresenceSnapshot) -> Bool {
        if let person = snapshot.extensions[value], !person.name.isEmpty { return true }
        if let entry = snapshot.directory?.extensions[value], !entry.name.isEmpty { return true }
        return false
    }

    /// The bridge's line with room to spare: `800 All hands  2 on: Ann, Bob`.
    var line: String { title + "  " + (participants.isEmpty ? "idle" : "\(participants.count) on: " + participants.joined(separator: ", ")) }

    static func participant(_ value: String, snapshot: PresenceSnapshot) -> String {
        if let person = snapshot.extensions[value], !person.name.isEmpty { return TextWidth.sanitized(person.name) }
        if let entry = snapshot.directory?.extensions[value], !entry.name.isEmpty { return TextWidth.sanitized(entry.name) }
        return PhoneNumberFormat.display(value)
    }

    /// The snapshot's bridges in number order.
    static func rows(_ snapshot: PresenceSnapshot) -> [BridgeRow] {
        snapshot.bridges.values.sorted { ExtensionNumber.precedes($0.number, $1.number) }.map { BridgeRow($0, snapshot: snapshot) }
    }

    /// The lines the conferences pane gives this bridge in a pane `width` wide inside.
    func lineCount(width: Int) -> Int {
        guard !participants.isEmpty else { return 1 }
        let used = min(22, TextWidth.width(of: title), max(0, width - 1))
        let words = ["\(participants.count) on:"] + participants
        return BridgeRow.wrapped(words, firstWidth: width - 1 - used - 2, width: width - 3).count
    }

    /// Words (the count, then each participant) laid into lines: the first
    /// `firstWidth` cells wide, the rest `width`; a participant is cut only
    /// when it is wider than a whole line.
    static func wrapped(_ words: [String], firstWidth: Int, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for (index, word) in words.enumerated() {
            let piece = index == 0 || index == words.count - 1 ? word : word + ","
            let room = lines.isEmpty ? firstWidth : width
            let candidate = current.isEmpty ? piece : current + " " + piece
            if TextWidth.width(of: candidate) <= room || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = piece
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
