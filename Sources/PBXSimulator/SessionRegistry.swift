import Synchronization

/// A logged-in session of the simulated service.
struct SimSession: Sendable {
    var id: String
    var user: SimUser
    /// The PBX version this session's dashui answers have covered.
    var cursor = 0
    var pollPending = false
}

/// Sessions by `JSESSIONID`, shared by the request handlers.
final class SessionRegistry: Sendable {
    private let sessions = Mutex<[String: SimSession]>([:])

    func create(for user: SimUser) -> SimSession {
        var generator = SystemRandomNumberGenerator()
        let id = (0..<4).map { _ in String(generator.next(), radix: 16) }.joined().uppercased()
        let session = SimSession(id: id, user: user)
        sessions.withLock { $0[id] = session }
        return session
    }

    func session(_ id: String) -> SimSession? {
        sessions.withLock { $0[id] }
    }

    var count: Int { sessions.withLock { $0.count } }

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
        sessions.withLock { $0[id]?.pollPending = false }
    }

    func setCursor(_ id: String, to version: Int) {
        sessions.withLock { $0[id]?.cursor = version }
    }

    func cursor(_ id: String) -> Int {
        sessions.withLock { $0[id]?.cursor ?? 0 }
    }

    /// Ends every session, as a server restart would.
    func expireAll() {
        sessions.withLock { $0.removeAll() }
    }
}
