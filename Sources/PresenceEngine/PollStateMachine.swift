import Foundation

/// The dashui long-poll protocol as a pure state machine: given what the
/// last step produced, it says what to do next. The thread that drives it
/// (`PollLoop`) does the I/O; tests drive it with no network and no clock.
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
        public init() {}
    }

    public private(set) var health: ConnectionHealth = .connecting
    public private(set) var lastGood: Date?
    private var nextPollIsFirst = true
    private var consecutiveFailures = 0
    private var consecutiveConflicts = 0
    private var consecutiveSessionLosses = 0
    private var failingSince: Date?
    private let policy: Policy

    public init(policy: Policy = Policy()) { self.policy = policy }

    /// - Parameters:
    ///   - now: the wall-clock time, for the health shown to people.
    ///   - jitter: a random value in 0..<1 that spreads retries out.
    public mutating func next(after outcome: Outcome, now: Date, jitter: Double) -> [Step] {
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
            succeeded(now: now)
            return [.fold(answer, complete: complete), .poll(firstRequest: false)]

        case .unchanged:
            succeeded(now: now)
            return [.confirmCurrent, .poll(firstRequest: false)]

        case .conflict:
            consecutiveConflicts += 1
            markFailing(now: now, attempt: consecutiveConflicts)
            if consecutiveConflicts >= policy.conflictsBeforeRelogin {
                consecutiveConflicts = 0
                nextPollIsFirst = true
                return [.backoff(seconds: policy.conflictBackoffSeconds * (0.5 + jitter)), .login]
            }
            return [.backoff(seconds: policy.conflictBackoffSeconds * Double(consecutiveConflicts) * (0.5 + jitter)),
                    .poll(firstRequest: nextPollIsFirst)]

        case .sessionLost:
            consecutiveSessionLosses += 1
            nextPollIsFirst = true
            // A fresh login that loses its session again at once is a
            // failing server: back off instead of hammering it.
            if consecutiveSessionLosses > 1 {
                return [.backoff(seconds: failed(now: now, jitter: jitter)), .login]
            }
            return [.login]

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

    private mutating func succeeded(now: Date) {
        nextPollIsFirst = false
        consecutiveFailures = 0
        consecutiveConflicts = 0
        consecutiveSessionLosses = 0
        failingSince = nil
        lastGood = now
        health = .live
    }

    /// Counts a failure and returns the back-off: exponential, capped, jittered.
    private mutating func failed(now: Date, jitter: Double) -> Double {
        consecutiveFailures += 1
        markFailing(now: now, attempt: consecutiveFailures)
        let exponential = policy.backoffBaseSeconds * pow(2, Double(min(consecutiveFailures - 1, 16)))
        return min(policy.backoffCapSeconds, exponential) * (0.5 + 0.5 * jitter)
    }

    private mutating func markFailing(now: Date, attempt: Int) {
        if failingSince == nil { failingSince = now }
        if case .loginFailed = health { return }  // keep the reason on screen until a login works
        health = attempt >= policy.attemptsBeforeStale
            ? .stale(lastGood: lastGood)
            : .reconnecting(attempt: attempt, since: failingSince ?? now)
    }
}
