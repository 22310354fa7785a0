import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// A request context that keeps the connection, so a fault can drop it.
struct SimRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// An answer before it becomes an HTTP response, so faults can bend it.
struct SimAnswer {
    var status: HTTPResponse.Status
    var headers = HTTPFields()
    var body: [UInt8] = []
    var contentType = "application/json; charset=utf-8"

    static func text(_ status: HTTPResponse.Status, _ message: String) -> SimAnswer {
        SimAnswer(status: status, body: Array(message.utf8), contentType: "text/plain; charset=utf-8")
    }

    static func json(_ bytes: [UInt8], cookies: HTTPFields = HTTPFields()) -> SimAnswer {
        SimAnswer(status: .ok, headers: cookies, body: bytes)
    }

    static let notLoggedIn = text(.forbidden, "USER NOT LOGGED IN")
}

/// The HTTP face of the simulator: the Vonage endpoints and the control
/// API, on loopback.
struct SimulatorServer: Sendable {
    let account: Account
    let pbx: PBX
    let sessions: SessionRegistry
    let faults: FaultPlan
    let requestLog: RequestLog
    let configuration: SimulatorConfiguration
    let clock: SimulatedClock
    let logger: Logger
    let timeZone: TimeZone
    let baseURL: @Sendable () -> String
    let control: SimulatorControls
    let stopping: StopFlag
    let link: WideAreaLink
    let canned: CannedAnswers

    static let sessionCookie = "JSESSIONID"
    static let hdapCookie = "HDAP-ID"
    static let balancerCookie = "AWSALB"

    func router() -> Router<SimRequestContext> {
        let router = Router(context: SimRequestContext.self)
        router.get("/appserver/rest/user/null") { request, context in
            await self.serve(request, context, .login) { self.login(request) }
        }
        router.get("/presence/dashui") { request, context in
            let first = request.uri.queryParameters["firstRequest"].map { $0.lowercased() == "true" } ?? false
            return await self.serve(request, context, first ? .dashui : .longPoll) { await self.dashui(request) }
        }
        let rest: [(String, @Sendable (Request, SimSession, HTTPFields, String) -> SimAnswer)] = [
            ("directory", { _, _, cookies, _ in self.directory(cookies: cookies) }),
            ("extension/:n", { _, _, cookies, n in self.extensionDetails(n, cookies: cookies) }),
            ("clicktocall/:n", { _, session, cookies, n in self.clickToCall(n, session: session, cookies: cookies) }),
            ("clicktocall", { _, session, cookies, _ in self.clickToCall("", session: session, cookies: cookies) }),
            ("callhistory/:n", { request, session, cookies, n in self.history(n, request: request, session: session, cookies: cookies) }),
            ("callrecording/:n", { _, session, cookies, n in self.recording(n, session: session, cookies: cookies) }),
            ("callrecording", { _, session, cookies, _ in self.recording("", session: session, cookies: cookies) }),
            ("conference/:n", { _, _, cookies, n in self.conference(n, cookies: cookies) }),
            ("queue/:n", { _, _, cookies, n in self.queue(n, cookies: cookies) }),
        ]
        for (path, handler) in rest {
            router.get(RouterPath("/presence/rest/\(path)")) { request, context in
                let parameter = context.parameters.get("n").map { $0.removingPercentEncoding ?? $0 } ?? ""
                return await self.serve(request, context, .rest) {
                    guard let (session, cookies) = self.restSession(request) else { return .notLoggedIn }
                    if let body = self.canned.body(for: request.uri.path) { return .json(body, cookies: cookies) }
                    return handler(request, session, cookies, parameter)
                }
            }
        }
        addControlRoutes(to: router)
        return router
    }

    // MARK: Serving, with faults

    /// Logs the request, applies any fault due, and turns the answer into a response.
    func serve(_ request: Request, _ context: SimRequestContext, _ endpoint: FaultTarget,
               _ answer: () async -> SimAnswer) async -> Response {
        await link.arrive(on: context.channel)
        let response = await serveArrived(request, context, endpoint, answer)
        await link.depart()
        return response
    }

    private func serveArrived(_ request: Request, _ context: SimRequestContext, _ endpoint: FaultTarget,
                              _ answer: () async -> SimAnswer) async -> Response {
        let drawn = faults.next(for: endpoint)
        var fault = drawn?.fault
        var result: SimAnswer
        switch fault {
        case .status(let code):
            result = .text(HTTPResponse.Status(code: code), "ERROR")
        case .conflict:
            result = .text(.conflict, "CONFLICT")
        case .expireSession:
            if let id = cookies(request)[Self.sessionCookie] { sessions.expire(id) }
            result = .notLoggedIn
        case .dropBeforeResponse:
            log(request, status: 0, fault: fault)
            context.channel.close(promise: nil)
            return Response(status: .internalServerError)
        case .hang(let seconds):
            let until = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
            while ContinuousClock.now < until && !stopping.isSet && !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(50))
            }
            result = await answer()
        default:
            result = await answer()
        }
        // An injected fault that spoils a body waits for an answer that has
        // one (a held poll with nothing new answers 304 with none); a chaos
        // draw is just spent, so a seed gives the same faults every run.
        if let drawn, drawn.queued, drawn.fault.spoilsABody, result.status == .notModified || result.body.isEmpty {
            faults.returnUnused(drawn.fault, for: endpoint)
            fault = nil
        }
        // Bad bytes come as a 200, whatever the real answer would have been.
        switch fault {
        case .malformedJSON:
            result = .json(Array(#"{"extensions": [{"extension": "20"#.utf8), cookies: result.headers)
        case .invalidUTF8:
            // As a server that mixes encodings sends it: the real answer with
            // bytes that are not UTF-8 in its first name; else a made-up one.
            if result.status == .ok, let spoiled = Self.spoilingFirstName(result.body) {
                result = .json(spoiled, cookies: result.headers)
            } else {
                result = .json(Array(#"{"extensions": [{"extension": "201", "name": "Bad "#.utf8) + [0xFE, 0xFF, 0xC3, 0x28]
                    + Array(#" bytes"}]}"#.utf8), cookies: result.headers)
            }
        default: break
        }
        log(request, status: Int(result.status.code), fault: fault)
        return response(result, fault: fault, channel: context.channel)
    }

    /// `body` with a Latin-1 `é` and a stray `0xFE` at the start of the first
    /// extension's `"name"` value, or nil when there is none.
    static func spoilingFirstName(_ body: [UInt8]) -> [UInt8]? {
        func find(_ text: String, from start: Int) -> Int? {
            let key = Array(text.utf8)
            guard body.count - key.count >= start else { return nil }
            return (start...(body.count - key.count)).first { body[$0..<($0 + key.count)].elementsEqual(key) }.map { $0 + key.count }
        }
        guard let list = find(#""extensions""#, from: 0), let name = find(#""name""#, from: list),
              let quote = body[name...].firstIndex(of: UInt8(ascii: "\""))
        else { return nil }
        var spoiled = body
        spoiled.insert(contentsOf: [0xE9, 0xFE], at: quote + 1)
        return spoiled
    }

    private func response(_ answer: SimAnswer, fault: Fault?, channel: any Channel) -> Response {
        var headers = answer.headers
        headers[.contentType] = answer.contentType
        if answer.status == .notModified { return Response(status: .notModified, headers: headers) }
        let bytes = answer.body
        switch fault {
        case .dropMidBody:
            return Response(status: answer.status, headers: headers, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(bytes: bytes.prefix(max(1, bytes.count / 2))))
                channel.close(promise: nil)
                throw CancellationError()
            })
        case .truncatedBody:
            return Response(status: answer.status, headers: headers, body: ResponseBody(contentLength: bytes.count + 512) { writer in
                try await writer.write(ByteBuffer(bytes: bytes.prefix(max(1, bytes.count / 2))))
                channel.close(promise: nil)
                throw CancellationError()
            })
        case .trickle(let rate):
            return Response(status: answer.status, headers: headers, body: ResponseBody(contentLength: bytes.count) { writer in
                let chunk = max(1, rate / 10)
                var offset = 0
                while offset < bytes.count {
                    let end = min(bytes.count, offset + chunk)
                    try await writer.write(ByteBuffer(bytes: bytes[offset..<end]))
                    offset = end
                    if !stopping.isSet { try await Task.sleep(for: .milliseconds(100)) }
                }
                try await writer.finish(nil)
            })
        case .hugeBody(let size) where answer.status == .ok:
            // Streamed, never held in memory. JSON gets a padding field in
            // front (still a valid answer); audio, or any other body, zeros after it.
            let isJSON = bytes.first == UInt8(ascii: "{")
            let head = isJSON ? Array(#"{"padding":""#.utf8) : bytes
            let tail = isJSON ? Array("\",".utf8) + bytes.dropFirst() : []
            return Response(status: answer.status, headers: headers,
                            body: Self.padded(head: head, fill: isJSON ? UInt8(ascii: " ") : 0, tail: tail, size: size))
        default:
            return Response(status: answer.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    /// `head`, then `fill` bytes, then `tail`: `size` bytes in all, written 64 KiB at a time.
    private static func padded(head: [UInt8], fill: UInt8, tail: [UInt8], size: Int) -> ResponseBody {
        let padding = max(0, size - head.count - tail.count)
        return ResponseBody(contentLength: head.count + padding + tail.count) { writer in
            try await writer.write(ByteBuffer(bytes: head))
            let block = ByteBuffer(repeating: fill, count: 64 * 1024)
            var left = padding
            while left > 0 {
                let count = min(left, block.readableBytes)
                try await writer.write(block.getSlice(at: 0, length: count)!)
                left -= count
            }
            if !tail.isEmpty { try await writer.write(ByteBuffer(bytes: tail)) }
            try await writer.finish(nil)
        }
    }

    private func log(_ request: Request, status: Int, fault: Fault?) {
        let target = RequestLog.masked(request.uri.description)
        let entry = RequestLog.Entry(time: Date(), method: request.method.rawValue, target: target, status: status,
                                     fault: fault.map { "\($0)" })
        requestLog.append(entry)
        if configuration.verbose {
            logger.notice("\(entry.method) \(target) -> \(status == 0 ? "dropped" : String(status))\(fault.map { " [fault \($0)]" } ?? "")")
        }
    }

    // MARK: Sessions

    /// Credentials from the headers, else from the query (both forms are real).
    func credentials(_ request: Request) -> (String, String)? {
        if let login = request.headers[HTTPField.Name("login")!], let password = request.headers[HTTPField.Name("password")!] {
            return (login, password)
        }
        let query = request.uri.queryParameters
        if let login = query["htmlLogin"], let password = query["htmlPassword"] {
            return (String(login), String(password))
        }
        // One public client sends `login` and `password` as query parameters.
        if let login = query["login"], let password = query["password"] {
            return (String(login), String(password))
        }
        return nil
    }

    /// The query as plain strings, keys as sent.
    func query(_ request: Request) -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { values[String(key)] = String(value) }
        return values
    }

    func cookies(_ request: Request) -> [String: String] {
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

    /// The session named by the cookies; it needs the balancer cookie too.
    func session(from request: Request) -> SimSession? {
        let jar = cookies(request)
        guard let id = jar[Self.sessionCookie] ?? jar[Self.hdapCookie] else { return nil }
        return sessions.use(id: id, balancer: jar[Self.balancerCookie])
    }

    func sessionCookies(_ session: SimSession) -> HTTPFields {
        var headers = HTTPFields()
        headers.append(HTTPField(name: .setCookie, value: "\(Self.sessionCookie)=\(session.id); Path=/; HttpOnly"))
        headers.append(HTTPField(name: .setCookie, value: "\(Self.hdapCookie)=\(session.id); Path=/; HttpOnly"))
        headers.append(HTTPField(name: .setCookie, value: "\(Self.balancerCookie)=\(session.balancer); Path=/"))
        return headers
    }

    /// A session from cookies, else from credentials on this very request
    /// (every `/presence/rest/` service accepts them).
    func restSession(_ request: Request) -> (SimSession, HTTPFields)? {
        if let session = session(from: request) { return (session, HTTPFields()) }
        guard let credentials = credentials(request), let user = account.user(login: credentials.0, password: credentials.1) else {
            return nil
        }
        let session = sessions.create(for: user)
        return (session, sessionCookies(session))
    }

    func login(_ request: Request) -> SimAnswer {
        guard let credentials = credentials(request), let user = account.user(login: credentials.0, password: credentials.1) else {
            return .notLoggedIn
        }
        let session = sessions.create(for: user)
        var json = JSONWriter()
        json.beginObject()
        json.field("loginName", user.login)
        json.field("accountName", account.companyName)
        json.field("defaultExtension", user.extensions.first ?? "")
        json.endObject()
        return .json(json.bytes, cookies: sessionCookies(session))
    }

    // MARK: Live status

    func dashui(_ request: Request) async -> SimAnswer {
        // dashui never authenticates by itself: cookies only.
        guard let session = session(from: request) else { return .notLoggedIn }
        let query = request.uri.queryParameters
        let filter = Set((query["filterExtension"].map(String.init) ?? "").split(separator: ",").map { CallRules.digits(String($0)) })
        // `availability` counts the user's own extensions (the guide), read afresh with each answer.
        let own = session.user.extensions
        let user = pbx.read { state in
            let lines = own.compactMap { state.line($0) }
            return DashuiEncoder.UserLines(count: lines.count, onDoNotDisturb: lines.filter(\.doNotDisturb).count)
        }
        if query["firstRequest"].map({ $0.lowercased() == "true" }) ?? false {
            if let body = canned.body(for: request.uri.path) { return .json(body) }
            let (lines, version) = pbx.read { state in
                (state.lines.filter { filter.isEmpty || filter.contains($0.person.number) }, state.version)
            }
            sessions.setCursor(session.id, to: version)
            return .json(DashuiEncoder.encode(lines, nowMs: clock.nowMs(), shape: configuration.shape, user: user))
        }
        guard sessions.beginPoll(session.id) else { return .text(.conflict, "CONFLICT") }
        defer { sessions.endPoll(session.id) }
        let deadline = Date(timeIntervalSinceNow: configuration.pollBlockSeconds)
        while !Task.isCancelled && !stopping.isSet {
            let cursor = sessions.cursor(session.id)
            let (changed, version) = pbx.read { ($0.lines(changedAfter: cursor, filter: filter), $0.version) }
            // Changes outside the filter move the cursor on without an answer.
            sessions.setCursor(session.id, to: version)
            if !changed.isEmpty {
                return .json(DashuiEncoder.encode(changed, nowMs: clock.nowMs(), shape: configuration.shape, user: user))
            }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { break }
            await pbx.waitForChange(after: version, seconds: remaining)
        }
        return SimAnswer(status: .notModified)
    }
}
