import Foundation
import Synchronization

/// The logins of the clients that share one cookie jar: one at a time, and
/// only when no other client has logged in since the request that met the
/// lost session was sent.
///
/// Several threads meet a lost session at once (the long poll, the refresh
/// lanes). Each logging in would write its own cookies into the shared jar;
/// two logins at once interleave them (one login's `JSESSIONID` beside the
/// other's `AWSALB` is no session at all), and a request sent between two
/// logins is lost again. The long poll took that second loss for a refusal
/// and waited 30 s.
public final class SessionGate: Sendable {
    /// Logins that ended well; a request notes the count before it is sent.
    private let logins = Atomic<Int>(0)
    /// Held for the whole of a login, so the others wait for its cookies.
    private let loggingIn = NSLock()
    /// What the login that made the current session said of the account.
    private let accountName = Mutex<String?>(nil)

    public init() {}

    /// What a request notes before it is sent: the session it goes out on.
    public var generation: Int { logins.load(ordering: .acquiring) }

    /// Whether another login ended since `generation` was noted, after
    /// waiting for one under way: a loss met by a request sent before it is
    /// the old session's, not the new one's.
    public func renewed(since generation: Int) -> Bool {
        loggingIn.lock()
        defer { loggingIn.unlock() }
        return self.generation != generation
    }

    public struct Renewal: Sendable, Equatable {
        /// False when another client's login, ended since the request was
        /// sent, made the session this one now uses.
        public var loggedIn: Bool
        /// What the login that made the session said of the account.
        public var accountName: String?

        public init(loggedIn: Bool, accountName: String?) {
            self.loggedIn = loggedIn
            self.accountName = accountName
        }
    }

    /// Runs `login` unless a login ended since `generation` was noted.
    public func renew(since generation: Int, _ login: () throws(LoginError) -> String?) throws(LoginError) -> Renewal {
        loggingIn.lock()
        defer { loggingIn.unlock() }
        guard self.generation == generation else { return Renewal(loggedIn: false, accountName: accountName.withLock { $0 }) }
        let name = try login()
        accountName.withLock { $0 = name }
        logins.add(1, ordering: .releasing)
        return Renewal(loggedIn: true, accountName: name)
    }
}
