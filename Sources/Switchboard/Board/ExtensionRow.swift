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

    var status: ExtensionStatus
    /// The other party's name and formatted number, apart: the number is
    /// never cut inside, the name gives way first.
    var partyName: String
    var partyNumber: String
    /// The number as sent, for its form without spaces when the grouped one does not fit.
    var partyNumberRaw: String
    /// How the number is shown (whole, or masked on a public screen).
    var numbers = NumberPrivacy.whole
    var partyNumberCompact: String { numbers.compact(partyNumberRaw) }

    init(_ state: ExtensionState, now: MonotonicInstant, glyphs: Glyphs = .unicode, numbers: NumberPrivacy = .whole,
         phonebook: Phonebook = Phonebook()) {
        number = state.number
        name = state.name.isEmpty ? "—" : state.name
        let call = state.primaryCall
        status = ExtensionStatus(state)
        glyph = status.glyph(glyphs)
        statusWord = status.word
        role = status.role
        partyName = TextWidth.sanitized(phonebook.name(call?.otherPartyName, for: state.onCallWith))
        self.numbers = numbers
        partyNumber = state.onCallWith.isEmpty ? "" : numbers.shown(state.onCallWith)
        partyNumberRaw = state.onCallWith
        party = [partyName, partyNumber].filter { !$0.isEmpty }.joined(separator: "  ")
        duration = status.isIdle ? "" : ExtensionRow.durationText(state, now: now)
        marks = CallMarks.text(call)
    }

    /// The extension's other live calls, each on a line of its own under
    /// the row (at most `maximumCallLines`; the last one then counts the rest).
    static func callLines(_ state: ExtensionState, now: MonotonicInstant, glyphs: Glyphs = .unicode) -> [CallLine] {
        let primary = state.primaryCall
        var others = state.calls.filter(\.isLive)
        if let primary, let index = others.firstIndex(of: primary) { others.remove(at: index) }
        guard !others.isEmpty else { return [] }
        let primarySeconds = state.durationSeconds(at: now)
        var lines = others.prefix(maximumCallLines).map { call in
            CallLine(call, primary: primary, primarySeconds: primarySeconds, glyphs: glyphs)
        }
        if others.count > maximumCallLines {
            lines[maximumCallLines - 1] = CallLine(moreCalls: others.count - maximumCallLines + 1)
        }
        return lines
    }

    static let maximumCallLines = 3

    /// Screen lines the extension takes: its row and its other calls.
    static func lineCount(_ state: ExtensionState) -> Int {
        1 + min(maximumCallLines, max(0, state.calls.count(where: \.isLive) - 1))
    }

    static func durationText(_ state: ExtensionState, now: MonotonicInstant) -> String {
        state.durationSeconds(at: now).map(ExtensionRow.clock) ?? ""
    }

    /// Whether the row shows a duration that ticks.
    static func ticks(_ state: ExtensionState) -> Bool {
        state.durationMs != nil && (state.isBusy || state.isRinging)
    }

    /// `03:12`, or `1:02:03` past an hour.
    static func clock(_ seconds: Int64) -> String {
        let hours = seconds / 3600, minutes = (seconds / 60) % 60, secs = seconds % 60
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(secs))" : "\(two(minutes)):\(two(secs))"
    }
}

/// A second (third…) call on one extension, drawn under its row. dashui
/// gives such a call a phase, the other party's name and a start time,
/// but no number.
struct CallLine: Equatable {
    var glyph: String
    var word: String
    var role: Role
    var party: String
    var duration: String
    var marks: String

    init(_ call: CallItem, primary: CallItem?, primarySeconds: Int64?, glyphs: Glyphs) {
        let ringing = call.phase == .ringing
        glyph = ringing ? glyphs.ringing : glyphs.onCall
        switch call.phase {
        case .ringing: word = "ringing"
        case .connected: word = "connected"
        case .other(let value): word = value
        case .idle, .disconnected: word = ""
        }
        role = ringing ? .ringing : .onCall
        party = call.otherPartyName ?? ""
        // Timed against the row's own server-given duration, so the
        // server's clock and ours never need to agree.
        if let primarySeconds, let start = call.startTimeMs, let primaryStart = primary?.startTimeMs {
            duration = ExtensionRow.clock(max(0, primarySeconds + (primaryStart - start) / 1000))
        } else {
            duration = ""
        }
        marks = CallMarks.text(call)
    }

    init(moreCalls count: Int) {
        glyph = "…"
        word = "\(count) more calls"
        role = .dim
        party = ""
        duration = ""
        marks = ""
    }
}
