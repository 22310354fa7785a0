import PresenceEngine

/// One extension turned into what a row shows; unit-tested before drawing.
struct ExtensionRow: Equatable {
    var number: String
    var name: String
    var glyph: String
    var statusWord: String
    var role: Role
    /// Other party: name, formatted number, or both.
    var party: String
    var duration: String
    /// `REC` for recorded calls, `C2C` for click-to-call ones.
    var marks: String

    init(_ state: ExtensionState, now: MonotonicInstant, glyphs: Glyphs = .unicode) {
        number = state.number
        name = state.name.isEmpty ? "—" : state.name
        let call = state.primaryCall
        if state.isRinging {
            glyph = glyphs.ringing
            statusWord = "ringing"
            role = .ringing
        } else if state.direction != .idle || call != nil {
            glyph = glyphs.onCall
            statusWord = ExtensionRow.word(for: state.direction)
            role = .onCall
        } else if state.doNotDisturb {
            glyph = glyphs.dnd
            statusWord = "dnd"
            role = .dnd
        } else {
            glyph = glyphs.available
            statusWord = "available"
            role = .available
        }
        let otherName = call?.otherPartyName
        let otherNumber = state.onCallWith.isEmpty ? "" : PhoneNumberFormat.display(state.onCallWith)
        party = [otherName, otherNumber.isEmpty ? nil : otherNumber].compactMap { $0 }.joined(separator: "  ")
        duration = role == .available || role == .dnd ? "" : state.durationSeconds(at: now).map(ExtensionRow.clock) ?? ""
        var marks: [String] = []
        if call?.isRecorded == true { marks.append("REC") }
        if call?.startedWithClickToCall == true { marks.append("C2C") }
        if state.calls.count > 1 { marks.append("+\(state.calls.count - 1)") }
        self.marks = marks.joined(separator: " ")
    }

    static func word(for direction: CallDirection) -> String {
        switch direction {
        case .idle: return "on call"
        case .inbound: return "inbound"
        case .outbound: return "outbound"
        case .intraPBX: return "internal"
        case .queueCall: return "queue call"
        case .other(let value): return value
        }
    }

    /// `03:12`, or `1:02:03` past an hour.
    static func clock(_ seconds: Int64) -> String {
        let hours = seconds / 3600, minutes = (seconds / 60) % 60, secs = seconds % 60
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(secs))" : "\(two(minutes)):\(two(secs))"
    }
}
