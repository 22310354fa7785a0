import Foundation

/// The dashui long-poll protocol as a pure state machine: given what the
/// last step produced, it says what to do next. The thread that drives it
/// (`PresenceEngine.runPoll`) does the I/O; tests drive it with no network and no clock.
public struct PollStateMachine: Sendable {
    /// What the last step produced.
    public enum Outcome: Sendable {
        case started
        case loggedIn
        case loginRefused(reason: String)
        case loginUnreachable(reason: String)
        /// 200: a first answer or the extensions that changed.
        case changed(DashuiAnswer)
        /// 304: nothing changed during the block time.
        case unchanged
        /// 409: another poll holds this session.
        case conflict
        /// 403 or another 4xx: the session is gone.
        case sessionLost(status: Int)
        /// Another client of the session logged in since this poll's
        /// session began (`SessionGate`): a new session starts with a first
        /// request. No failure: that login was this loss's cure.
        case sessionRenewed
        case serverError(status: Int)
        case malformed(DecodeError)
        case networkFailed(TransportError)
    }

    /// What the driver must do, in order.
    public enum Step: Sendable, Equatable {
        case login
        case poll(firstRequest: Bool)
        case backoff(seconds: Double)
        case fold(DashuiAnswer, complete: Bool)
        /// A 304 confirms the data without changing it.
        case confirmCurrent
        /// A pause before the next long poll, so a busy account's changes
        /// come together in one answer instead of one request each.
        case gather(seconds: Double)
    }

    public struct Policy: Sendable {
        public var backoffBaseSeconds = 0.5
        public var backoffCapSeconds = 30.0
        public var conflictBackoffSeconds = 1.0
        /// Consecutive 409s after which the session is abandoned for a new one.
        public var conflictsBeforeRelogin = 3
        /// Retry pace after the service refused the credentials; slow, so a
        /// wrong password does not lock the account.
        public var loginRefusedRetrySeconds = 60.0
        /// Failed attempts after which "reconnecting" becomes "stale".
        public var attemptsBeforeStale = 6
        /// Retry pace once live status is refused right after a good login
        /// (a session valid for login but not for live status): no quick
        /// fix is coming, so slow, like a refused login.
        public var refusedRetrySeconds = 30.0
        /// Long polls start at least this far apart after a change: a quiet
        /// account's poll is held by the server longer than this and goes
        /// again at once; a busy one's asks about once a second.
        public var minimumPollGapSeconds = 1.0
        public init() {}
    }

    public private(set) var health: ConnectionHealth = .connecting
    public private(set) var lastGood: Date?
    private var nextPollIsFirst = true
    private var consecutiveFailures = 0
    private var consecutiveConflicts = 0
    /// Fresh sessions started because of 409s since a long poll went through.
    private var conflictRelogins = 0
    /// A first request was answered and no long poll has gone through since.
    private var firstAnsweredAwaitingLongPoll = false
    /// Long polls failed right after an answered first request: a service
    /// that answers first requests and nothing after them is not "live".
    private var longPollsFailedAfterFirstAnswer = 0
    /// Sessions lost since a long poll last went through: one is an expired
    /// session (log in again at once), a second in a row is a refusal.
    private var consecutiveSessionLosses = 0
    private var failingSince: Date?
    /// When the last poll was asked for.
    private var pollAskedAt: Date?
    private let policy: Policy

    public init(policy: Policy = Policy()) { self.policy = policy }

    /// - Parameters:
    ///   - now: the wall-clock time, for the health shown to people.
    ///   - jitter: a random value in 0..<1 that spreads retries out.
    public mutating func next(after outcome: Outcome, now: Date, jitter: Double) -> [Step] {
        let steps = steps(after: outcome, now: now, jitter: jitter)
        // When the poll will be asked for: after the waits before it.
        var waited = 0.0
        for step in steps {
            switch step {
            case .backoff(let seconds), .gather(let seconds): waited += seconds
            case .poll: pollAskedAt = now.addingTimeInterval(waited)
            default: break
            }
        }
        return steps
    }

    private mutating func steps(after outcome: Outcome, now: Date, jitter: Double) -> [Step] {
        // A long poll failing right after an answered first request.
        if outcome.isFailedPoll, !nextPollIsFirst, firstAnsweredAwaitingLongPoll {
            longPollsFailedAfterFirstAnswer += 1
            firstAnsweredAwaitingLongPoll = false
        }
        switch outcome {
        case .started:
            return [.login]

        case .loggedIn:
            nextPollIsFirst = true
            return [.poll(firstRequest: true)]

        case .loginRefused(let reason):
            health = .loginFailed(reason: reason)
            return [.backoff(seconds: policy.loginRefusedRetrySeconds * (0.75 + 0.5 * jitter)), .login]

        case .loginUnreachable:
            return [.backoff(seconds: failed(now: now, jitter: jitter)), .login]

        case .changed(let answer):
            let complete = nextPollIsFirst
            if complete { answeredFirstRequest(now: now) } else { longPollWentThrough(now: now) }
            // The wall clock may step: the gap is held to 0...minimum.
            let since = pollAskedAt.map { now.timeIntervalSince($0) } ?? .infinity
            let gap = complete ? 0 : min(policy.minimumPollGapSeconds, max(0, policy.minimumPollGapSeconds - since))
            return gap > 0 ? [.fold(answer, complete: complete), .gather(seconds: gap), .poll(firstRequest: false)]
                : [.fold(answer, complete: complete), .poll(firstRequest: false)]

        case .unchanged:
            longPollWentThrough(now: now)
            return [.confirmCurrent, .poll(firstRequest: false)]

        case .conflict:
            return conflicted(now: now, jitter: jitter)

        case .sessionLost(let status):
            return sessionLost(status: status, now: now, jitter: jitter)

        case .sessionRenewed:
            nextPollIsFirst = true
            return [.poll(firstRequest: true)]

        case .serverError, .networkFailed:
            // The server may have sent (and counted as delivered) a diff that
            // never arrived whole: only a complete state is safe now.
            nextPollIsFirst = true
            return [.backoff(seconds: failed(now: now, jitter: jitter)), .poll(firstRequest: true)]

        case .malformed:
            // A lost diff cannot be recovered: restart from a complete state.
            nextPollIsFirst = true
            return [.backoff(seconds: failed(now: now, jitter: jitter)), .poll(firstRequest: true)]
        }
    }

    /// 409: back off on the session; every few, a fresh one. Each fresh
    /// session that meets 409s again waits longer (the counts go back to
    /// zero only when a long poll goes through).
    private mutating func conflicted(now: Date, jitter: Double) -> [Step] {
        consecutiveConflicts += 1
        let conflicts = consecutiveConflicts + conflictRelogins * policy.conflictsBeforeRelogin
        markFailing(now: now, attempt: conflicts)
        let wait = min(policy.backoffCapSeconds, policy.conflictBackoffSeconds * Double(conflicts)) * (0.5 + jitter)
        guard consecutiveConflicts >= policy.conflictsBeforeRelogin else { return [.backoff(seconds: wait), .poll(firstRequest: nextPollIsFirst)] }
        consecutiveConflicts = 0
        conflictRelogins += 1
        nextPollIsFirst = true
        return [.backoff(seconds: conflictRelogins == 1 ? policy.conflictBackoffSeconds * (0.5 + jitter) : wait), .login]
    }

    /// The session is gone: log in again at once the first time. A fresh
    /// login whose live status is refused again (whatever a first request
    /// answered in between) is a refusal, not an expired session: said as
    /// one, and retried slowly.
    private mutating func sessionLost(status: Int, now: Date, jitter: Double) -> [Step] {
        consecutiveSessionLosses += 1
        nextPollIsFirst = true
        guard consecutiveSessionLosses > 1 else { return [.login] }
        consecutiveFailures += 1
        if failingSince == nil { failingSince = now }
        health = .refused(service: "live status", reason: Self.reason(status: status))
        return [.backoff(seconds: policy.refusedRetrySeconds * (0.75 + 0.5 * jitter)), .login]
    }

    /// A first request answered: the data is current, but the session has
    /// not yet held a long poll, so no count of failures is forgotten (a
    /// server that answers first requests and refuses every long poll must
    /// not reset the back-off each time round: that was a storm).
    private mutating func answeredFirstRequest(now: Date) {
        nextPollIsFirst = false
        lastGood = now
        firstAnsweredAwaitingLongPoll = true
        if case .refused = health { return }  // still refused until a long poll goes through
        // First requests answer but the long polls right after them fail,
        // twice and more: not live (once may be an outage starting).
        if longPollsFailedAfterFirstAnswer >= 2 { return }
        health = .live
    }

    /// A long poll went through: the session works; every count starts again.
    private mutating func longPollWentThrough(now: Date) {
        nextPollIsFirst = false
        consecutiveFailures = 0
        consecutiveConflicts = 0
        consecutiveSessionLosses = 0
        conflictRelogins = 0
        firstAnsweredAwaitingLongPoll = false
        longPollsFailedAfterFirstAnswer = 0
        failingSince = nil
        lastGood = now
        health = .live
    }

    /// What a refused live status answered, in words.
    public static func reason(status: Int) -> String {
        switch status {
        case 300..<400: return "HTTP \(status), a redirect"
        case 401, 403: return "HTTP \(status), not permitted"
        case 404: return "HTTP 404, not found"
        default: return "HTTP \(status)"
        }
    }

    /// Counts a failure and returns the back-off: exponential, capped, jittered.
    private mutating func failed(now: Date, jitter: Double) -> Double {
        consecutiveFailures += 1
        markFailing(now: now, attempt: consecutiveFailures)
        return Backoff.delay(attempt: consecutiveFailures, baseSeconds: policy.backoffBaseSeconds, capSeconds: policy.backoffCapSeconds,
                             jitter: jitter)
    }

    private mutating func markFailing(now: Date, attempt: Int) {
        if failingSince == nil { failingSince = now }
        if case .loginFailed = health { return }  // keep the reason on screen until a login works
        if case .refused = health { return }  // and a refusal until a long poll goes through
        health = attempt >= policy.attemptsBeforeStale
            ? .stale(lastGood: lastGood)
            : .reconnecting(attempt: attempt, since: failingSince ?? now)
    }
}

extension PollStateMachine.Outcome {
    /// A poll that did not go through.
    var isFailedPoll: Bool {
        switch self {
        case .conflict, .sessionLost, .serverError, .malformed, .networkFailed: return true
        case .started, .loggedIn, .loginRefused, .loginUnreachable, .changed, .unchanged, .sessionRenewed: return false
        }
    }
}
