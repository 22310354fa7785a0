import Foundation
import Synchronization

/// The logins of the clients that share one cookie jar: one at a time, and
/// only when no other client has tried one since the request that met the
/// lost session went out.
///
/// Several threads meet a lost session at once (the long poll, the refresh
/// lanes, a person's call). Each logging in would write its own cookies
/// into the shared jar while the others' requests are out; two logins at
/// once interleave them (one login's `JSESSIONID` beside the other's
/// `AWSALB` is no session at all). One lost session cost up to four logins.
public final class SessionGate: Sendable {
    /// What a request notes before it goes out.
    public struct Note: Sendable, Equatable {
        /// Logins that made a session: the session the request goes out on.
        public var generation: Int
        /// Logins tried, whether they made a session or not.
        public var attempts: Int
    }

    private let logins = Atomic<Int>(0)
    private let attempts = Atomic<Int>(0)
    /// Held for the whole of a login, so the others wait for its cookies.
    private let loggingIn = NSLock()
    /// Why the last login tried did not make a session (nil: it did).
    private let lastFailure = Mutex<LoginError?>(nil)
    /// What the login that made the current session said of the account.
    private let accountName = Mutex<String?>(nil)

    public init() {}

    public var note: Note {
        Note(generation: logins.load(ordering: .acquiring), attempts: attempts.load(ordering: .acquiring))
    }

    /// Whether another login made a session since `note` was taken, after
    /// waiting for one under way: a loss met by a request that went out
    /// before it is the old session's, not the new one's.
    public func renewed(since note: Note) -> Bool {
        loggingIn.lock()
        defer { loggingIn.unlock() }
        return self.note.generation != note.generation
    }

    public struct Renewal: Sendable, Equatable {
        /// False when another client's login, ended since the request went
        /// out, made the session this one now uses.
        public var loggedIn: Bool
        /// What the login that made the session said of the account.
        public var accountName: String?

        public init(loggedIn: Bool, accountName: String?) {
            self.loggedIn = loggedIn
            self.accountName = accountName
        }
    }

    /// Runs `login` unless a login ended since `note` was taken: one that
    /// made a session is used, one that failed is this one's answer too (a
    /// wrong password is tried once, not once per thread).
    public func renew(since note: Note, _ login: () throws(LoginError) -> String?) throws(LoginError) -> Renewal {
        loggingIn.lock()
        defer { loggingIn.unlock() }
        let now = self.note
        if now.generation != note.generation { return Renewal(loggedIn: false, accountName: accountName.withLock { $0 }) }
        if now.attempts != note.attempts, let failure = lastFailure.withLock({ $0 }) { throw failure }
        do {
            let name = try login()
            accountName.withLock { $0 = name }
            lastFailure.withLock { $0 = nil }
            logins.add(1, ordering: .releasing)
            attempts.add(1, ordering: .releasing)
            return Renewal(loggedIn: true, accountName: name)
        } catch {
            lastFailure.withLock { $0 = error }
            attempts.add(1, ordering: .releasing)
            throw error
        }
    }
}
