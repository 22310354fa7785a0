import Foundation

/// What the journal still has to read from the call history, and in what
/// order: a pure state machine (as `PollStateMachine`), told what happened
/// and asked for the next read; `JournalService` does the reading.
///
/// The history is read one extension at a time, so a fill is spread over
/// the journal's share of the request budget, merged as it goes and, kept
/// in the journal file, taken up again after a restart where it stopped.
/// Only what the missed list and today's figures need is read:
/// - a span the board did not see (before its start, an outage) is read
///   only for extensions whose live status says their last call began in
///   it or later (`lastCallTime`); without that figure, for every one;
/// - while the board watches, it sees every call but those that ring and
///   end between two answers; live status gives those away (the last call
///   moved on while the extension stayed idle), and only those extensions
///   are read, every `backfillMinutes`.
public struct HistoryFillPlan: Codable, Sendable, Equatable {
    public enum Reason: String, Codable, Sendable {
        /// The time before this start that the journal has not seen.
        case start
        /// An outage of the live status.
        case outage
        /// The calls the board saw only in passing (`unseen`).
        case periodic
    }

    /// A span of time to read, extension by extension in `order`.
    public struct Window: Codable, Sendable, Equatable {
        public var reason: Reason
        public var since: Date
        /// Only unanswered and voicemail calls (what the missed list needs).
        public var onlyMissed: Bool
        /// The last extension read; nil before the first.
        public var after: String?
    }

    /// One of the account's people, as the plan needs them.
    public struct Person: Sendable, Equatable {
        public var number: String
        /// When the last call began (epoch ms), nil when the service does not say.
        public var lastCallMs: Int64?
        /// One of the signed-in user's own extensions.
        public var isOwn: Bool

        public init(number: String, lastCallMs: Int64?, isOwn: Bool) {
            self.number = number
            self.lastCallMs = lastCallMs
            self.isOwn = isOwn
        }
    }

    public enum Step: Sendable, Equatable {
        /// Read `number`'s history from `since`.
        case read(number: String, since: Date, onlyMissed: Bool)
        /// A read failed: the next one not before this time.
        case wait(until: Date)
        /// Nothing to read now.
        case idle
    }

    /// How a read ended.
    public enum Outcome: Sendable, Equatable {
        case read
        /// The service lets this user read only their own extensions.
        case notPermitted
        /// The service did not answer (tried again later) or refused this one (skipped).
        case failed(transient: Bool)
    }

    public private(set) var windows: [Window] = []
    /// Extensions with a call the board saw only in passing, from when.
    public private(set) var unseen: [String: Date] = [:]
    /// Only the user's own extensions are read (the service refused the others).
    public private(set) var onlyOwn = false
    private var failuresInARow = 0
    private var retryAt: Date?
    /// The read handed out and not finished: its window is not merged into.
    private var reading: String?

    /// A fill starts this much before the time it covers: the history may
    /// list a call that began just before it.
    public static let lead: TimeInterval = 300
    /// Windows kept; more are merged into the last (read again from its start).
    static let maximumWindows = 4

    private enum CodingKeys: String, CodingKey { case windows, unseen, onlyOwn }

    public init() {}

    public var isEmpty: Bool { windows.isEmpty }

    /// A span to read: merged into the last window when that one has not started.
    public mutating func add(_ reason: Reason, since: Date, onlyMissed: Bool = false) {
        let window = Window(reason: reason, since: since, onlyMissed: onlyMissed)
        if let last = windows.indices.last, windows[last].after == nil, reading == nil || last > 0 {
            windows[last].since = min(windows[last].since, since)
            windows[last].onlyMissed = windows[last].onlyMissed && onlyMissed
            if reason != .periodic { windows[last].reason = reason }
            return
        }
        windows.append(window)
        if windows.count > Self.maximumWindows {
            let extra = windows.removeLast()
            let last = windows.count - 1
            windows[last].since = min(windows[last].since, extra.since)
            windows[last].onlyMissed = windows[last].onlyMissed && extra.onlyMissed
            if last > 0 || reading == nil { windows[last].after = nil }
        }
    }

    /// True when a periodic window is waiting or being read.
    public var hasPeriodic: Bool { windows.contains { $0.reason == .periodic } }

    /// Live status showed `number`'s last call move on while it stayed idle.
    public mutating func sawUnseenCall(_ number: String, at time: Date) {
        unseen[number] = min(unseen[number] ?? time, time)
    }

    /// Windows that begin before `floor` begin there (nothing older is kept).
    public mutating func clamp(to floor: Date) {
        for index in windows.indices where windows[index].since < floor { windows[index].since = floor }
        unseen = unseen.filter { $0.value >= floor }
    }

    /// The next read, given the account's people in `order` (ascending).
    public mutating func next(people: [Person], now: Date) -> Step {
        guard reading == nil else { return .idle }
        if let retryAt, now < retryAt { return .wait(until: retryAt) }
        while let window = windows.first {
            if let person = nextPerson(in: window, people: people) {
                reading = person.number
                let since = window.reason == .periodic ? min(window.since, (unseen[person.number] ?? window.since) - Self.lead) : window.since
                return .read(number: person.number, since: since, onlyMissed: window.onlyMissed)
            }
            windows.removeFirst()
        }
        return .idle
    }

    /// What became of the read `next` handed out.
    public mutating func finished(_ number: String, _ outcome: Outcome, now: Date) {
        guard reading == number else { return }
        reading = nil
        switch outcome {
        case .read, .failed(transient: false):
            failuresInARow = 0
            retryAt = nil
            if !windows.isEmpty { windows[0].after = number }
            if windows.first?.reason == .periodic || outcome == .read { unseen[number] = nil }
        case .notPermitted:
            // Read again from the start, the user's own extensions only; one of those refused is skipped.
            if onlyOwn {
                if !windows.isEmpty { windows[0].after = number }
            } else {
                onlyOwn = true
                for index in windows.indices { windows[index].after = nil }
            }
        case .failed(transient: true):
            failuresInARow += 1
            retryAt = now.addingTimeInterval(min(600, 15 * pow(2, Double(min(failuresInARow, 10) - 1))))
        }
    }

    /// Extensions still to read, each once however many windows want it
    /// (for the board's "reading the history: N to go").
    public func left(people: [Person]) -> Int {
        var wantedAt = [Bool](repeating: false, count: people.count)
        for window in windows {
            for index in startIndex(after: window.after, in: people)..<people.count where wanted(people[index], by: window) {
                wantedAt[index] = true
            }
        }
        return wantedAt.count { $0 }
    }

    /// How the history is read: shorter numbers first, then by digits.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.count != b.utf8.count ? a.utf8.count < b.utf8.count : a < b
    }

    private func nextPerson(in window: Window, people: [Person]) -> Person? {
        people[startIndex(after: window.after, in: people)...].first { wanted($0, by: window) }
    }

    /// The index of the first person after `number` in `order` (binary search).
    private func startIndex(after number: String?, in people: [Person]) -> Int {
        guard let number else { return 0 }
        var low = 0, high = people.count
        while low < high {
            let middle = (low + high) / 2
            if Self.precedes(number, people[middle].number) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    private func wanted(_ person: Person, by window: Window) -> Bool {
        if onlyOwn, !person.isOwn { return false }
        guard let last = person.lastCallMs else { return true }
        switch window.reason {
        case .start, .outage: return Double(last) / 1000 >= window.since.timeIntervalSince1970
        case .periodic: return unseen[person.number] != nil
        }
    }
}
