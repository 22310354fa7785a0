import Foundation

/// How many requests the board may make on its own: a token bucket, pure
/// (the clock comes in, like `PollStateMachine`). Tokens come back at
/// `perMinute / 60` a second up to `burst`; a request takes one. The
/// service's own "not now" (`429`/`503` with `Retry-After`) pauses it.
public struct RequestBudget: Sendable, Equatable {
    public let perMinute: Double
    public let burst: Double
    private(set) var tokens: Double
    private(set) var updatedAt: Double
    private(set) var pausedUntil: Double = 0

    /// A full bucket at `now`. The burst is a quarter of a minute's
    /// requests (30 of the default 120): a board's start fits in it.
    public init(perMinute: Int, burst: Int? = nil, now: Double) {
        self.perMinute = Double(max(1, perMinute))
        self.burst = Double(max(1, burst ?? perMinute / 4))
        tokens = self.burst
        updatedAt = now
    }

    private var perSecond: Double { perMinute / 60 }

    /// Takes a token at `now`: 0 when the request may go, else the seconds
    /// until it may (nothing is taken then).
    public mutating func take(now: Double) -> Double {
        refill(now: now)
        if now < pausedUntil { return pausedUntil - now }
        if tokens >= 1 {
            tokens -= 1
            return 0
        }
        return (1 - tokens) / perSecond
    }

    /// Takes a token at `now` whatever is left: a request that went at
    /// once is paid for by the wait of those after it.
    public mutating func charge(now: Double) {
        refill(now: now)
        tokens -= 1
    }

    /// Nothing goes before `until` (the service asked for a pause).
    public mutating func pause(until: Double) {
        pausedUntil = max(pausedUntil, until)
    }

    private mutating func refill(now: Double) {
        guard now > updatedAt else { return }
        tokens = min(burst, tokens + (now - updatedAt) * perSecond)
        updatedAt = now
    }

    /// The seconds a `Retry-After` value asks for (a number of seconds or
    /// an HTTP date), held to 10 minutes; nil when it says neither.
    public static func retryAfterSeconds(_ value: String, now: Date) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds.isFinite, seconds >= 0 { return min(600, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return min(600, max(0, date.timeIntervalSince(now)))
    }
}

/// What a background request is for: live status (served first), queue,
/// bridge and directory details, and the journal's history reads (which
/// keep to a share of their own).
public enum RequestKind: Int, Sendable, CaseIterable {
    case live, details, journal
}

/// The board's budget and the journal's share of it: which request may go
/// when (pure; `RequestGate` does the waiting).
public struct BudgetBook: Sendable, Equatable {
    /// The journal's part of the budget.
    public static let journalShare = 0.25
    private(set) var all: RequestBudget
    private(set) var journal: RequestBudget

    public init(perMinute: Int, now: Double) {
        all = RequestBudget(perMinute: perMinute, now: now)
        let share = max(1, Int((Double(perMinute) * Self.journalShare).rounded()))
        journal = RequestBudget(perMinute: share, burst: max(1, share / 4), now: now)
    }

    /// 0 when a `kind` request may go at `now` (its tokens taken), else the
    /// seconds to wait. While a more urgent request (live status) waits, it goes first.
    public mutating func take(_ kind: RequestKind, now: Double, moreUrgentWaiting: Bool) -> Double {
        if moreUrgentWaiting { return 60 / all.perMinute }
        guard kind == .journal else { return all.take(now: now) }
        var share = journal
        let shareWait = share.take(now: now)
        if shareWait > 0 { return shareWait }
        let wait = all.take(now: now)
        if wait == 0 { journal = share }
        return wait
    }

    /// A `kind` request that went without waiting, paid for all the same.
    public mutating func charge(_ kind: RequestKind, now: Double) {
        all.charge(now: now)
        if kind == .journal { journal.charge(now: now) }
    }

    public mutating func pause(until: Double) { all.pause(until: until) }
}
