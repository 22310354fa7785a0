import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The HTTP face of the simulator: the Vonage endpoints, on loopback.
struct SimulatorServer: Sendable {
    let account: Account
    let pbx: PBX
    let sessions: SessionRegistry
    let faults: FaultQueue
    let configuration: SimulatorConfiguration
    let clock: SimulatedClock
    let logger: Logger

    static let sessionCookie = "JSESSIONID"
    static let hdapCookie = "HDAP-ID"
    static let balancerCookie = "AWSALB"

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/appserver/rest/user/null") { request, _ in self.login(request) }
        router.get("/presence/rest/directory") { request, _ in self.directory(request) }
        router.get("/presence/dashui") { request, _ in await self.dashui(request) }
        return router
    }

    // MARK: Sessions

    /// Credentials from the headers, else from the query (both forms are real).
    private func credentials(_ request: Request) -> (String, String)? {
        if let login = request.headers[HTTPField.Name("login")!], let password = request.headers[HTTPField.Name("password")!] {
            return (login, password)
        }
        let query = request.uri.queryParameters
        if let login = query["htmlLogin"], let password = query["htmlPassword"] {
            return (String(login), String(password))
        }
        return nil
    }

    private func user(for credentials: (String, String)) -> SimUser? {
        account.users.first { $0.login == credentials.0 && $0.password == credentials.1 }
    }

    private func cookies(_ request: Request) -> [String: String] {
        var jar: [String: String] = [:]
        for field in request.headers[values: .cookie] {
            for pair in field.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                jar[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return jar
    }

    private func session(from request: Request) -> SimSession? {
        let jar = cookies(request)
        guard let id = jar[Self.sessionCookie] ?? jar[Self.hdapCookie] else { return nil }
        return sessions.session(id)
    }

    private func sessionCookies(_ session: SimSession) -> HTTPFields {
        var headers = HTTPFields()
        headers.append(HTTPField(name: .setCookie, value: "\(Self.sessionCookie)=\(session.id); Path=/; HttpOnly"))
        headers.append(HTTPField(name: .setCookie, value: "\(Self.hdapCookie)=\(session.id); Path=/; HttpOnly"))
        headers.append(HTTPField(name: .setCookie, value: "\(Self.balancerCookie)=sim-node-1; Path=/"))
        return headers
    }

    /// A session from cookies, else from credentials on this very request
    /// (every `/presence/rest/` service accepts them).
    private func restSession(_ request: Request) -> (SimSession, HTTPFields)? {
        if let session = session(from: request) { return (session, HTTPFields()) }
        guard let credentials = credentials(request), let user = user(for: credentials) else { return nil }
        let session = sessions.create(for: user)
        return (session, sessionCookies(session))
    }

    private func login(_ request: Request) -> Response {
        guard let credentials = credentials(request), let user = user(for: credentials) else {
            logger.info("login refused")
            return text(.forbidden, "USER NOT LOGGED IN")
        }
        let session = sessions.create(for: user)
        var json = JSONWriter()
        json.beginObject()
        json.field("loginName", user.login)
        json.field("accountName", account.companyName)
        json.field("defaultExtension", user.defaultExtension)
        json.endObject()
        return Response(status: .ok, headers: jsonHeaders(plus: sessionCookies(session)), body: body(json.bytes))
    }

    // MARK: Services

    private func directory(_ request: Request) -> Response {
        guard let (_, cookies) = restSession(request) else { return text(.forbidden, "USER NOT LOGGED IN") }
        let bytes = DashuiEncoder.directory(account, state: pbx.snapshot)
        return Response(status: .ok, headers: jsonHeaders(plus: cookies), body: body(bytes))
    }

    private func dashui(_ request: Request) async -> Response {
        // dashui never authenticates by itself: cookies only.
        guard let session = session(from: request) else { return text(.forbidden, "USER NOT LOGGED IN") }
        if let fault = faults.next() { return serve(fault) }
        let query = request.uri.queryParameters
        let filter = Set((query["filterExtension"].map(String.init) ?? "").split(separator: ",").map(String.init))
        if query["firstRequest"].map({ $0.lowercased() == "true" }) ?? false {
            let state = pbx.snapshot
            sessions.setCursor(session.id, to: state.version)
            let lines = state.lines.filter { filter.isEmpty || filter.contains($0.person.number) }
            return Response(status: .ok, headers: jsonHeaders(), body: body(DashuiEncoder.encode(lines, nowMs: clock.nowMs())))
        }
        guard sessions.beginPoll(session.id) else { return text(.conflict, "CONFLICT") }
        defer { sessions.endPoll(session.id) }
        let deadline = Date(timeIntervalSinceNow: configuration.pollBlockSeconds)
        while !Task.isCancelled {
            let state = pbx.snapshot
            let changed = state.lines(changedAfter: sessions.cursor(session.id), filter: filter)
            if !changed.isEmpty {
                sessions.setCursor(session.id, to: state.version)
                return Response(status: .ok, headers: jsonHeaders(), body: body(DashuiEncoder.encode(changed, nowMs: clock.nowMs())))
            }
            // Changes outside the filter move the cursor on without an answer.
            sessions.setCursor(session.id, to: state.version)
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { break }
            await pbx.waitForChange(after: state.version, seconds: remaining)
        }
        return Response(status: .notModified)
    }

    private func serve(_ fault: DashuiFault) -> Response {
        switch fault {
        case .conflict: return text(.conflict, "CONFLICT")
        case .status(let code): return text(HTTPResponse.Status(code: code), "ERROR")
        case .malformedJSON:
            return Response(status: .ok, headers: jsonHeaders(), body: body(Array(#"{"extensions": [{"extension": "2"#.utf8)))
        }
    }

    // MARK: Helpers

    private func jsonHeaders(plus extra: HTTPFields = HTTPFields()) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        headers.append(contentsOf: extra)
        return headers
    }

    private func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: body(Array(message.utf8)))
    }

    private func body(_ bytes: [UInt8]) -> ResponseBody {
        ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
    }
}
