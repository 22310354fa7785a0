import PresenceEngine

/// What an extension is doing, in one place: the board's word and glyph,
/// the JSON's word, the theme role.
enum ExtensionStatus: Equatable, Sendable {
    case ringing
    case onCall(CallDirection)
    case dnd
    case available

    init(_ state: ExtensionState) {
        if state.isRinging {
            self = .ringing
        } else if state.isBusy {
            self = .onCall(state.direction)
        } else if state.doNotDisturb {
            self = .dnd
        } else {
            self = .available
        }
    }

    /// Not on a call and not ringing: such extensions may become tiles.
    var isIdle: Bool { self == .dnd || self == .available }

    /// The word on the board.
    var word: String {
        switch self {
        case .ringing: return "ringing"
        case .onCall(let direction): return ExtensionStatus.word(for: direction)
        case .dnd: return "dnd"
        case .available: return "available"
        }
    }

    /// The word in `--json` output (docs/scripting.md: "JSON output").
    var jsonWord: String {
        switch self {
        case .ringing: return "ringing"
        case .onCall: return "on_call"
        case .dnd: return "dnd"
        case .available: return "available"
        }
    }

    var role: Role {
        switch self {
        case .ringing: return .ringing
        case .onCall: return .onCall
        case .dnd: return .dnd
        case .available: return .available
        }
    }

    func glyph(_ glyphs: Glyphs) -> String {
        switch self {
        case .ringing: return glyphs.ringing
        case .onCall: return glyphs.onCall
        case .dnd: return glyphs.dnd
        case .available: return glyphs.available
        }
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

    /// The widest status cell the board draws ("● queue call").
    static let cellWidth = 12
}

/// The marks after a call: `REC` for recorded calls, `C2C` for click-to-call ones.
enum CallMarks {
    static func text(_ call: CallItem?) -> String {
        guard let call else { return "" }
        return text(recorded: call.isRecorded, clickToCall: call.startedWithClickToCall)
    }

    static func text(recorded: Bool, clickToCall: Bool) -> String {
        [recorded ? "REC" : nil, clickToCall ? "C2C" : nil].compactMap { $0 }.joined(separator: " ")
    }

    /// "REC C2C".
    static let cellWidth = 7

    /// The marks in `width` cells: all of them, else the first (`REC`).
    static func fitted(_ marks: String, width: Int) -> String {
        TextWidth.width(of: marks) <= width ? marks : String(marks.prefix(while: { $0 != " " }))
    }
}
