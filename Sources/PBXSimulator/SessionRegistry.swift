import Foundation
import Synchronization

/// A logged-in session of the simulated service.
struct SimSession: Sendable {
    var id: String
    /// The load balancer's cookie value: requests without it land on a
    /// node that does not know the session.
    var balancer: String
    var user: SimUser
    /// The PBX version this session's dashui answers have covered.
    var cursor = 0
    var pollPending = false
    /// Monotonic seconds of the last request.
    var lastUsed: Double
}

/// Sessions by `JSESSIONID`, shared by the request handlers. Sessions left
/// unused past the idle limit are gone, as on the real service.
final class SessionRegistry: Sendable {
    private let sessions = Mutex<[String: SimSession]>([:])
    private let idleSeconds: Double

    init(idleSeconds: Double) { self.idleSeconds = idleSeconds }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    func create(for user: SimUser) -> SimSession {
        var generator = SystemRandomNumberGenerator()
        let id = (0..<4).map { _ in String(generator.next(), radix: 16) }.joined().uppercased()
        let balancer = String(generator.next(), radix: 36)
        let session = SimSession(id: id, balancer: balancer, user: user, lastUsed: SessionRegistry.now())
        let now = SessionRegistry.now()
        sessions.withLock { sessions in
            // Forget idle sessions as new ones come, so memory stays flat.
            if sessions.count > 64 { sessions = sessions.filter { now - $0.value.lastUsed <= idleSeconds } }
            sessions[id] = session
        }
        return session
    }

    /// The live session for these cookies, marked as used; nil when unknown,
    /// idle too long, or the balancer cookie is missing or wrong.
    func use(id: String, balancer: String?) -> SimSession? {
        let now = SessionRegistry.now()
        return sessions.withLock { sessions in
            guard var session = sessions[id] else { return nil }
            if now - session.lastUsed > idleSeconds {
                sessions[id] = nil
                return nil
            }
            guard balancer == session.balancer else { return nil }
            session.lastUsed = now
            sessions[id] = session
            return session
        }
    }

    var count: Int { sessions.withLock { $0.count } }

    /// Seconds since the session was last used, without using it.
    func idleSeconds(_ id: String) -> Double? {
        sessions.withLock { $0[id].map { SessionRegistry.now() - $0.lastUsed } }
    }

    /// Number of sessions with a long poll waiting right now.
    var pendingPolls: Int { sessions.withLock { $0.values.filter(\.pollPending).count } }

    /// Marks a poll as pending; false when one already is (the 409 case).
    func beginPoll(_ id: String) -> Bool {
        sessions.withLock { sessions in
            guard var session = sessions[id], !session.pollPending else { return false }
            session.pollPending = true
            sessions[id] = session
            return true
        }
    }

    func endPoll(_ id: String) {
        sessions.withLock { sessions in
            sessions[id]?.pollPending = false
            sessions[id]?.lastUsed = SessionRegistry.now()
        }
    }

    func setCursor(_ id: String, to version: Int) {
        sessions.withLock { $0[id]?.cursor = version }
    }

    func cursor(_ id: String) -> Int {
        sessions.withLock { $0[id]?.cursor ?? 0 }
    }

    func expire(_ id: String) {
        sessions.withLock { $0[id] = nil }
    }

    /// Gives every session a new balancer value, as a load balancer that
    /// lost its stickiness would: clients holding the old cookie get a 403.
    func rotateBalancers() {
        var generator = SystemRandomNumberGenerator()
        sessions.withLock { sessions in
            for id in sessions.keys { sessions[id]?.balancer = String(generator.next(), radix: 36) }
        }
    }

    /// Ends every session, as a server restart would.
    func expireAll() {
        sessions.withLock { $0.removeAll() }
    }
}
