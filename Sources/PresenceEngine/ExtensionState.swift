/// What an extension is doing, as the dashui `status` field says it.
public enum CallDirection: Sendable, Equatable, Hashable {
    case idle
    case inbound
    case outbound
    case intraPBX
    case queueCall
    /// A value the API added after this client was written; shown as sent.
    case other(String)

    public init(apiValue: String) {
        // The values the service sends, as sent: no trimming or case folding needed.
        switch apiValue {
        case "": self = .idle; return
        case "inbound": self = .inbound; return
        case "outbound": self = .outbound; return
        case "intrapbx": self = .intraPBX; return
        case "call queue": self = .queueCall; return
        default: break
        }
        switch apiValue.trimmingCharacters(in: .whitespaces).lowercased() {
        case "": self = .idle
        case "inbound": self = .inbound
        case "outbound": self = .outbound
        case "intrapbx": self = .intraPBX
        case "call queue", "callqueue", "queue": self = .queueCall
        case let value: self = .other(value)
        }
    }
}

/// Where a call is in its life (`callStatus`, any case).
public enum CallPhase: Sendable, Equatable, Hashable {
    case idle
    case ringing
    case connected
    case disconnected
    case other(String)

    public init(apiValue: String) {
        switch apiValue {
        case "Connected", "connected": self = .connected; return
        case "Ringing", "ringing": self = .ringing; return
        case "", "Idle", "idle": self = .idle; return
        default: break
        }
        switch apiValue.trimmingCharacters(in: .whitespaces).lowercased() {
        case "", "idle": self = .idle
        case "ringing": self = .ringing
        case "connected": self = .connected
        case "disconnected": self = .disconnected
        case let value: self = .other(value)
        }
    }
}

/// One call on an extension, from a `statusItems` entry.
public struct CallItem: Sendable, Equatable {
    /// Ringing, connected or a phase the API added: not idle, not ended.
    public var isLive: Bool { phase != .idle && phase != .disconnected }

    /// The live service sends every idle extension an `Idle` item with no
    /// call in it: not kept (a list each, 10,000 of them on a large account).
    package var isWorthKeeping: Bool { Self.isWorthKeeping(phase: phase, presenceCallId: presenceCallId) }

    /// The same, before the item is built (the scanner builds none it drops).
    static func isWorthKeeping(phase: CallPhase, presenceCallId: String?) -> Bool { phase != .idle || presenceCallId != nil }

    public var phase: CallPhase
    public var otherPartyName: String?
    public var isRecorded: Bool
    public var startedWithClickToCall: Bool
    public var presenceCallId: String?
    /// Epoch milliseconds, normalised from the seconds-or-milliseconds field.
    public var startTimeMs: Int64?
    /// The call's custom tag, when it has one.
    public var customTag: String?

    public init(phase: CallPhase, otherPartyName: String? = nil, isRecorded: Bool = false,
                startedWithClickToCall: Bool = false, presenceCallId: String? = nil, startTimeMs: Int64? = nil,
                customTag: String? = nil) {
        self.customTag = customTag
        self.phase = phase
        self.otherPartyName = otherPartyName
        self.isRecorded = isRecorded
        self.startedWithClickToCall = startedWithClickToCall
        self.presenceCallId = presenceCallId
        self.startTimeMs = startTimeMs
    }
}

/// The state of one extension after the latest answer that mentioned it.
public struct ExtensionState: Sendable, Equatable {
    public var number: String
    public var name: String
    public var direction: CallDirection
    /// Milliseconds connected when the answer arrived; nil when idle (-1).
    public var durationMs: Int64?
    /// The other party's caller-ID number, as sent.
    public var onCallWith: String
    public var calls: [CallItem]
    /// The dashui `available` flag (false on a call or on Do Not Disturb), when sent.
    public var availableFlag: Bool?
    /// The directory's status (`available`, `busy`, `dnd`), once known.
    public var directoryStatus: String?
    /// False for the directory's non-user entries (no name or login).
    public var isPerson: Bool = true
    /// When the extension's last call began (`lastCallTime`, epoch ms; 0
    /// before any), nil when not sent: the journal reads the history only
    /// of extensions with a call in the time it did not see.
    public var lastCallMs: Int64?
    /// When the answer arrived, on the monotonic clock: durations are
    /// extrapolated from it so the screen can tick without the server.
    public var receivedAt: MonotonicInstant

    public init(number: String, name: String, direction: CallDirection = .idle, durationMs: Int64? = nil,
                onCallWith: String = "", calls: [CallItem] = [], availableFlag: Bool? = nil,
                receivedAt: MonotonicInstant = .zero) {
        self.availableFlag = availableFlag
        self.number = number
        self.name = name
        self.direction = direction
        self.durationMs = durationMs
        self.onCallWith = onCallWith
        self.calls = calls
        self.receivedAt = receivedAt
    }

    /// The call shown first: a ringing call wins, else the first one listed.
    public var primaryCall: CallItem? {
        calls.first { $0.phase == .ringing } ?? calls.first(where: \.isLive)
    }

    /// This phone is ringing. An outbound call ringing at the far end keeps
    /// the phone busy but does not ring it.
    public var isRinging: Bool { primaryCall?.phase == .ringing && direction != .outbound }

    /// On a call or ringing.
    public var isBusy: Bool { direction != .idle || (primaryCall != nil) }

    /// Do Not Disturb: unavailable while idle (dashui), else the directory's word.
    public var doNotDisturb: Bool {
        if isBusy { return false }
        if let availableFlag { return !availableFlag }
        return directoryStatus == "dnd"
    }

    /// Whether a person would see the same thing: timing and bookkeeping
    /// fields (durations, start times, when it arrived) left out.
    public func looksTheSame(as other: ExtensionState) -> Bool {
        guard number == other.number, name == other.name, direction == other.direction, onCallWith == other.onCallWith,
              doNotDisturb == other.doNotDisturb, calls.count == other.calls.count else { return false }
        for (mine, theirs) in zip(calls, other.calls) {
            guard mine.phase == theirs.phase, mine.otherPartyName == theirs.otherPartyName, mine.isRecorded == theirs.isRecorded,
                  mine.presenceCallId == theirs.presenceCallId else { return false }
        }
        return true
    }

    /// What `looksTheSame` compares, as one string (for tests and logs).
    public var visibleState: String {
        "\(number)|\(name)|\(direction)|\(onCallWith)|\(doNotDisturb)|\(calls.map { "\($0.phase):\($0.otherPartyName ?? ""):\($0.isRecorded):\($0.presenceCallId ?? "")" })"
    }

    /// Whole seconds connected at `now`, or nil when there is nothing to time.
    public func durationSeconds(at now: MonotonicInstant) -> Int64? {
        guard let durationMs, durationMs >= 0 else { return nil }
        let elapsed = max(0, now.nanoseconds - receivedAt.nanoseconds) / 1_000_000
        return (durationMs + elapsed) / 1000
    }
}
