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

/// Which calls and queues are critical now, so the bell rings once when
/// one first gets there (`bell = true`), not on every tick.
struct CriticalWatch: Equatable, Sendable {
    private(set) var critical: Set<String> = []

    /// Returns true when something is critical now that was not before.
    mutating func update(_ snapshot: PresenceSnapshot, now: MonotonicInstant, calls: CallAlarms, queues: QueueAlerts) -> Bool {
        var current: Set<String> = []
        for state in snapshot.extensions.values where calls.level(state, now: now) == .critical {
            // A new call on the same extension is a new alarm.
            current.insert("call \(state.number) \(state.primaryCall?.presenceCallId ?? state.primaryCall?.startTimeMs.map(String.init) ?? "")")
        }
        for queue in snapshot.queues.values where queues.level(queue) == .critical { current.insert("queue \(queue.number)") }
        let rang = !current.subtracting(critical).isEmpty
        critical = current
        return rang
    }
}
