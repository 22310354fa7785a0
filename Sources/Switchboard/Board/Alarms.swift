import PresenceEngine

/// How loudly something asks for attention: a call ringing or connected
/// too long, a queue with too many callers or too long a wait.
enum AlarmLevel: Int, Comparable, Sendable {
    case none, warning, critical

    static func < (left: AlarmLevel, right: AlarmLevel) -> Bool { left.rawValue < right.rawValue }

    /// The theme role of an alarmed figure; nil draws it as plain text, so
    /// a ticking duration without an alarm costs no attribute changes.
    var role: Role? {
        switch self {
        case .none: return nil
        case .warning: return .alarmWarning
        case .critical: return .alarmCritical
        }
    }

    /// The role of a big figure at this level.
    var figureRole: Role {
        switch self {
        case .none: return .figure
        case .warning: return .figureWarning
        case .critical: return .figureCritical
        }
    }
}

/// When a call's duration turns warning, then critical (the config's
/// `ringing_warning_seconds`, `ringing_critical_seconds`,
/// `call_warning_minutes`, `call_critical_minutes`; connected calls have
/// no alarm unless set).
struct CallAlarms: Equatable, Sendable {
    var ringingWarningSeconds: Int64 = 20
    var ringingCriticalSeconds: Int64 = 40
    var callWarningMinutes: Int64?
    var callCriticalMinutes: Int64?

    func level(ringing: Bool, seconds: Int64?) -> AlarmLevel {
        guard let seconds else { return .none }
        if ringing {
            return seconds >= ringingCriticalSeconds ? .critical : seconds >= ringingWarningSeconds ? .warning : .none
        }
        if let critical = callCriticalMinutes, seconds >= critical * 60 { return .critical }
        if let warning = callWarningMinutes, seconds >= warning * 60 { return .warning }
        return .none
    }

    func level(_ state: ExtensionState, now: MonotonicInstant) -> AlarmLevel {
        let status = ExtensionStatus(state)
        guard !status.isIdle else { return .none }
        return level(ringing: status == .ringing, seconds: state.durationSeconds(at: now))
    }

    /// The seconds until `state`'s alarm next changes level, for the
    /// board's wake-up; nil when it never will.
    func secondsToNextLevel(_ state: ExtensionState, now: MonotonicInstant) -> Int64? {
        guard let seconds = state.durationSeconds(at: now), !ExtensionStatus(state).isIdle else { return nil }
        let marks = ExtensionStatus(state) == .ringing
            ? [ringingWarningSeconds, ringingCriticalSeconds]
            : [callWarningMinutes, callCriticalMinutes].compactMap { $0.map { $0 * 60 } }
        return marks.filter { $0 > seconds }.min().map { $0 - seconds }
    }
}

/// Alert thresholds for queues (the config's `[alerts]`; these are the
/// defaults): warning at `waiting` callers or `longestWaitSeconds`,
/// critical at `waitingCritical` or `longestWaitCriticalSeconds`.
struct QueueAlerts: Sendable, Equatable {
    var waiting = 3
    var longestWaitSeconds = 120
    var waitingCritical = 6
    var longestWaitCriticalSeconds = 300

    func level(_ queue: QueueState) -> AlarmLevel { max(waitingLevel(queue), longestWaitLevel(queue)) }

    func waitingLevel(_ queue: QueueState) -> AlarmLevel {
        queue.callersWaiting >= waitingCritical ? .critical : queue.callersWaiting >= waiting ? .warning : .none
    }

    func longestWaitLevel(_ queue: QueueState) -> AlarmLevel {
        let longest = queue.longestWaitSeconds ?? 0
        return longest >= longestWaitCriticalSeconds ? .critical : longest >= longestWaitSeconds ? .warning : .none
    }

    func isAlerting(_ queue: QueueState) -> Bool { level(queue) != .none }
}

/// A call or a queue that is critical now.
struct AlarmItem: Hashable, Sendable {
    enum Kind: String, Sendable { case call, queue }
    var kind: Kind
    /// The extension or the queue.
    var number: String
    var name: String
    /// Tells two alarms apart: a new call on the same extension is a new alarm.
    var key: String
}

/// Which calls and queues are critical now: the bell rings when one first
/// gets there (`bell = true`) and again every `bellRepeatSeconds` while one
/// is not acknowledged (`a`); `on_alarm` hears of each start and end.
struct CriticalWatch: Equatable, Sendable {
    private(set) var critical: [String: AlarmItem] = [:]
    /// What `a` acknowledged, while it stays critical.
    private(set) var acknowledged: Set<String> = []
    private var lastBell: MonotonicInstant?
    static let bellRepeatSeconds = 60.0

    struct Changes: Equatable, Sendable {
        var started: [AlarmItem] = []
        var ended: [AlarmItem] = []
        var ringsBell = false
    }

    /// What turned critical and what ended since the last look, and whether the bell rings now.
    mutating func update(_ snapshot: PresenceSnapshot, now: MonotonicInstant, calls: CallAlarms, queues: QueueAlerts) -> Changes {
        let current = Self.critical(snapshot, now: now, calls: calls, queues: queues)
        var changes = Changes()
        changes.started = current.values.filter { critical[$0.key] == nil }.sorted { $0.key < $1.key }
        changes.ended = critical.values.filter { current[$0.key] == nil }.sorted { $0.key < $1.key }
        critical = current
        acknowledged.formIntersection(current.keys)
        let waiting = current.keys.contains { !acknowledged.contains($0) }
        let due = lastBell.map { now.seconds(since: $0) >= Self.bellRepeatSeconds } ?? true
        changes.ringsBell = !changes.started.isEmpty || (waiting && due)
        if changes.ringsBell { lastBell = now }
        return changes
    }

    /// `a`: what is critical now is acknowledged; the bell stops for it (the colour stays until it ends).
    mutating func acknowledge() {
        acknowledged = Set(critical.keys)
    }

    static func critical(_ snapshot: PresenceSnapshot, now: MonotonicInstant, calls: CallAlarms, queues: QueueAlerts) -> [String: AlarmItem] {
        var current: [String: AlarmItem] = [:]
        for state in snapshot.extensions.values where calls.level(state, now: now) == .critical {
            let call = state.primaryCall?.presenceCallId ?? state.primaryCall?.startTimeMs.map(String.init) ?? ""
            let key = "call \(state.number) \(call)"
            current[key] = AlarmItem(kind: .call, number: state.number, name: TextWidth.sanitized(state.name), key: key)
        }
        for queue in snapshot.queues.values where queues.level(queue) == .critical {
            let key = "queue \(queue.number)"
            current[key] = AlarmItem(kind: .queue, number: queue.number, name: TextWidth.sanitized(queue.name), key: key)
        }
        return current
    }
}
