import Foundation

/// Which queue and bridge details to ask for, and when: a pure state
/// machine like `PollStateMachine` (the clock comes in; the service thread
/// does the requests).
///
/// The design: each queue and bridge has its own interval. Asked and found
/// changed, or hinted at by the long poll (a queue call on an extension for
/// the queues, an extension on a call to a bridge's number for that bridge)
/// or by the directory (its `calls` count above zero, once a minute),
/// it is asked again after `baseSeconds` (the config's `refresh_seconds`);
/// asked and found the same, its interval doubles up to `quietSeconds`. A
/// busy queue is asked every few seconds, one nobody calls twice a minute.
/// The trade-off: a queue whose callers ring no agent (nobody logged in)
/// and that nothing hints at can be up to `quietSeconds` old; nothing is
/// ever older than that without its pane marked stale, since a figure not
/// answered within a round marks the services failing.
public struct RefreshScheduler: Sendable, Equatable {
    public struct Policy: Sendable, Equatable {
        public var baseSeconds = 5.0
        public var quietSeconds = 30.0
        /// A hint never makes an item due sooner than this after its last request.
        public var hintFloorSeconds = 1.0
        /// The longest an item nobody can see goes unasked (when the board
        /// says what is on screen): the budget goes where people look.
        public var unseenQuietSeconds = 120.0
        public init(baseSeconds: Double = 5, quietSeconds: Double = 30) {
            self.baseSeconds = baseSeconds
            self.quietSeconds = max(baseSeconds, quietSeconds)
            unseenQuietSeconds = max(self.quietSeconds, unseenQuietSeconds)
        }
    }

    /// A queue or a bridge, by its number.
    public enum Item: Hashable, Sendable, Comparable {
        case queue(String)
        case bridge(String)

        public static func < (left: Item, right: Item) -> Bool {
            switch (left, right) {
            case (.queue(let a), .queue(let b)), (.bridge(let a), .bridge(let b)): return a < b
            case (.queue, .bridge): return true
            case (.bridge, .queue): return false
            }
        }
    }

    struct Entry: Sendable, Equatable {
        var interval: Double
        var due: Date
        var lastAsked: Date?
    }

    public let policy: Policy
    private(set) var entries: [Item: Entry] = [:]
    /// What is on screen now; nil when everything counts as seen (a
    /// command, or a board that has not said).
    private(set) var seen: Set<Item>?

    public init(policy: Policy = Policy()) { self.policy = policy }

    /// The directory's queues and bridges: new ones are due at once, gone ones forgotten.
    public mutating func setItems(queues: some Sequence<String>, bridges: some Sequence<String>, now: Date) {
        let items = Set(queues.map(Item.queue) + bridges.map(Item.bridge))
        entries = entries.filter { items.contains($0.key) }
        for item in items where entries[item] == nil {
            entries[item] = Entry(interval: policy.baseSeconds, due: now, lastAsked: nil)
        }
    }

    /// What is due at `now`, in a stable order.
    public func due(now: Date) -> [Item] {
        entries.filter { $0.value.due <= now }.keys.sorted()
    }

    /// The item due longest ago (ties in the stable order): a probe of
    /// failing services asks each item in turn, not the same one again.
    public func longestDue(now: Date) -> Item? {
        entries.filter { $0.value.due <= now }.min { ($0.value.due, $0.key) < ($1.value.due, $1.key) }?.key
    }

    /// When `item` is next due.
    public func dueDate(of item: Item) -> Date? { entries[item]?.due }

    /// How many queues and bridges it keeps.
    public var count: Int { entries.count }

    /// When the next item falls due; nil with nothing to ask.
    public var nextDue: Date? { entries.values.map(\.due).min() }

    /// An answer: changed ones, and queues with callers waiting, are asked
    /// again soon; unchanged ones later and later, up to `quietSeconds`
    /// when on screen and `unseenQuietSeconds` when not.
    public mutating func answered(_ item: Item, changed: Bool, waiting: Bool = false, now: Date) {
        guard var entry = entries[item] else { return }
        let quiet = seen.map { $0.contains(item) } ?? true ? policy.quietSeconds : policy.unseenQuietSeconds
        entry.interval = changed || waiting ? policy.baseSeconds : min(quiet, entry.interval * 2)
        entry.lastAsked = now
        entry.due = now.addingTimeInterval(entry.interval)
        entries[item] = entry
    }

    /// What the board shows now (nil: everything counts as seen). What
    /// comes into view and was not asked within `quietSeconds` is due at once.
    public mutating func setSeen(_ items: Set<Item>?, now: Date) {
        let before = seen
        seen = items
        for (item, var entry) in entries where before.map({ !$0.contains(item) }) ?? false && (items?.contains(item) ?? true) {
            let fresh = entry.lastAsked.map { now.timeIntervalSince($0) < policy.quietSeconds } ?? false
            if !fresh { entry.due = min(entry.due, now) }
            entry.interval = min(entry.interval, policy.quietSeconds)
            entries[item] = entry
        }
    }

    /// No answer: asked again after the base interval.
    public mutating func failed(_ item: Item, now: Date) {
        guard var entry = entries[item] else { return }
        entry.lastAsked = now
        entry.due = now.addingTimeInterval(policy.baseSeconds)
        entries[item] = entry
    }

    /// The long poll saw something move there: ask soon (not sooner than
    /// the floor after the last request), and at the base interval again.
    public mutating func hint(_ items: some Sequence<Item>, now: Date) {
        for item in items {
            guard var entry = entries[item] else { continue }
            entry.interval = policy.baseSeconds
            let soonest = entry.lastAsked.map { $0.addingTimeInterval(policy.hintFloorSeconds) } ?? now
            entry.due = min(entry.due, max(now, soonest))
            entries[item] = entry
        }
    }

    /// A queue call was seen (dashui does not say in which queue): the
    /// queues that had callers or calls at their last answer are asked
    /// soon; with none, only the queue asked longest ago. A hint never
    /// brings every queue forward at once: on a busy account that was a
    /// whole round after nearly every answer.
    public mutating func hintQueueCall(active: Set<String>, now: Date) {
        let known = active.filter { entries[.queue($0)] != nil }
        if !known.isEmpty {
            hint(known.map(Item.queue), now: now)
            return
        }
        let oldest = entries.filter { if case .queue = $0.key { return true } else { return false } }
            .min { ($0.value.lastAsked ?? .distantPast, $0.key) < ($1.value.lastAsked ?? .distantPast, $1.key) }?.key
        if let oldest { hint([oldest], now: now) }
    }

    /// What an answer of the long poll hints at, from each extension's
    /// state before and after it: a queue call somewhere when one is or was
    /// on a queue call, and a bridge when one is or was on a call to that
    /// bridge's number.
    public struct Hints: Sendable, Equatable {
        public var queueCall = false
        public var bridges: Set<Item> = []
        public var isEmpty: Bool { !queueCall && bridges.isEmpty }
        public init(queueCall: Bool = false, bridges: Set<Item> = []) {
            self.queueCall = queueCall
            self.bridges = bridges
        }
        public mutating func formUnion(_ other: Hints) {
            queueCall = queueCall || other.queueCall
            bridges.formUnion(other.bridges)
        }
    }

    public static func hints(_ states: some Sequence<ExtensionState>, before: (String) -> ExtensionState?, bridges: Set<String>) -> Hints {
        var hints = Hints()
        for state in states {
            let old = before(state.number)
            if state.direction == .queueCall || old?.direction == .queueCall { hints.queueCall = true }
            for number in [state.onCallWith, old?.onCallWith ?? ""] where bridges.contains(number) { hints.bridges.insert(.bridge(number)) }
        }
        return hints
    }
}
