import Foundation
import PresenceEngine
import Synchronization
import Testing

/// One login at a time among the clients of one cookie jar.
@Suite struct SessionGateTests {
    static let lost = HTTPResponse(status: 403, body: Array("USER NOT LOGGED IN".utf8))

    /// A service whose session is one number: a request carries the number
    /// the shared jar holds when it is sent, and a login makes a new one.
    /// While `held` is above zero, requests on an old session are answered
    /// only once that many have come: the threads all meet the loss before
    /// any of them logs in.
    final class OneSessionService: @unchecked Sendable {
        let condition = NSCondition()
        var valid = 1
        var jar = 1
        var logins = 0
        var loginsTried = 0
        var loginsRefused = 0
        var held = 0
        var arrived = 0

        func send(_ request: HTTPRequest) -> HTTPResponse {
            condition.lock()
            defer { condition.unlock() }
            if request.path == VonageClient.loginPath {
                loginsTried += 1
                if loginsRefused > 0 {
                    loginsRefused -= 1
                    return HTTPResponse(status: 401, body: Array("BAD PASSWORD".utf8))
                }
                logins += 1
                valid += 1
                jar = valid
                return HTTPResponse(status: 200, body: Array(#"{"accountName":"Acme"}"#.utf8))
            }
            let carried = jar
            guard carried != valid else { return HTTPResponse(status: 200) }
            arrived += 1
            condition.broadcast()
            let deadline = Date(timeIntervalSinceNow: 30)
            while arrived < held && condition.wait(until: deadline) {}
            return SessionGateTests.lost
        }

        func expire(meetingTheLossTogether threads: Int) {
            condition.lock()
            valid += 1
            held = threads
            condition.unlock()
        }
    }

    final class Client: Transport, @unchecked Sendable {
        let service: OneSessionService
        init(_ service: OneSessionService) { self.service = service }
        func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse { service.send(request) }
        func download(_ request: HTTPRequest, to fileDescriptor: Int32,
                      progress: @escaping (Int64, Int64?) -> Void) throws(TransportError) -> HTTPResponse { service.send(request) }
        func cancel() {}
    }

    static func clients(_ count: Int, of service: OneSessionService, session: SessionGate) -> [VonageClient] {
        (0..<count).map { _ in
            VonageClient(transport: Client(service), credentials: FixedCredentials(Credentials(user: "u", password: Secret("p"))), session: session)
        }
    }

    /// Runs `body` on `count` threads at once; waits for them all.
    static func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread { body(index); group.leave() }.start()
        }
        #expect(group.wait(timeout: .now() + 60) == .success)
    }

    @Test func threadsMeetingALostSessionTogetherLogInOnceAndAllGoOn() {
        let service = OneSessionService()
        let clients = Self.clients(4, of: service, session: SessionGate())
        service.expire(meetingTheLossTogether: 4)
        let statuses = Mutex<[Int]>([])
        Self.onThreads(4) { index in
            let client = clients[index]
            let status = (try? client.authorized { () throws(TransportError) in try client.get("/presence/rest/queue/500") })?.status ?? -1
            statuses.withLock { $0.append(status) }
        }
        #expect(service.logins == 1)
        #expect(statuses.withLock { $0 } == [200, 200, 200, 200])
    }

    @Test func aLossMetAfterTheLastLoginLogsInAgain() throws {
        let service = OneSessionService()
        let client = Self.clients(1, of: service, session: SessionGate())[0]
        let before = client.session.note
        #expect(try client.renewSession(since: before) == SessionGate.Renewal(loggedIn: true, accountName: "Acme"))
        // Noted before that login: the session is already new.
        #expect(try client.renewSession(since: before) == SessionGate.Renewal(loggedIn: false, accountName: "Acme"))
        #expect(client.session.renewed(since: before))
        #expect(!client.session.renewed(since: client.session.note))
        service.expire(meetingTheLossTogether: 0)
        #expect(try client.authorized { () throws(TransportError) in try client.get("/presence/rest/queue/500") }.status == 200)
        #expect(service.logins == 2)
    }

    /// A login that fails is the answer of every thread whose request went
    /// out before it: a wrong password is tried once, not once per thread.
    @Test func threadsMeetingALostSessionTogetherShareTheLoginsRefusal() {
        let service = OneSessionService()
        let clients = Self.clients(4, of: service, session: SessionGate())
        service.loginsRefused = 4
        service.expire(meetingTheLossTogether: 4)
        let errors = Mutex<[ServiceError?]>([])
        Self.onThreads(4) { index in
            let client = clients[index]
            var failure: ServiceError?
            do { _ = try client.authorized { () throws(TransportError) in try client.get("/presence/rest/queue/500") } } catch { failure = error as? ServiceError }
            errors.withLock { $0.append(failure) }
        }
        #expect(service.loginsTried == 1)
        #expect(errors.withLock { $0 }.allSatisfy { $0 == .login(.refused(reason: "BAD PASSWORD")) }, "\(errors.withLock { $0 })")
        // A loss met after that refusal tries again.
        service.loginsRefused = 0
        service.expire(meetingTheLossTogether: 0)
        #expect((try? clients[0].authorized { () throws(TransportError) in try clients[0].get("/presence/rest/queue/500") })?.status == 200)
        #expect(service.loginsTried == 2)
    }

    /// A refusal ended before the other thread's request went out is no
    /// answer for it: it tries its own login.
    @Test func aRefusedLoginMakesNoSessionSoTheNextThreadTriesItsOwn() throws {
        let service = OneSessionService()
        let clients = Self.clients(2, of: service, session: SessionGate())
        let noted = clients[0].session.note
        service.loginsRefused = 1
        #expect(throws: LoginError.refused(reason: "BAD PASSWORD")) { try clients[0].renewSession(since: noted) }
        #expect(!clients[1].session.renewed(since: noted))
        #expect(try clients[1].renewSession(since: clients[1].session.note).loggedIn)
        #expect(service.logins == 1)
    }
}
