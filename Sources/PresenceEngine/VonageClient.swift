import Foundation

/// Why a login did not give a session.
public enum LoginError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The service answered and said no; `reason` is its text.
    case refused(reason: String)
    case unreachable(TransportError)
    case serverError(status: Int)
    case noCredentials(String)

    public var description: String {
        switch self {
        case .refused(let reason): return "login refused: \(reason)"
        case .unreachable(let error): return "login failed: \(error)"
        case .serverError(let status): return "login failed: server answered \(status)"
        case .noCredentials(let why): return "no credentials: \(why)"
        }
    }
}

/// The service's endpoints over one transport. Credentials travel in the
/// `login`/`password` headers (query strings end up in proxy logs), and
/// the session lives in the transport's cookie jar.
public final class VonageClient: Sendable {
    public let transport: any Transport
    /// One login at a time among the clients that share this one's cookie jar.
    public let session: SessionGate
    private let credentials: any CredentialsProvider
    public let requestTimeoutSeconds: Double
    /// The server holds a poll up to 30 s; the client waits longer so it never
    /// abandons a poll the server still holds (which would meet a 409).
    public let pollTimeoutSeconds: Double

    public static let loginPath = "/appserver/rest/user/null"
    public static let dashuiPath = "/presence/dashui"

    /// Clients sharing a cookie jar must share `session` too.
    public init(transport: any Transport, credentials: any CredentialsProvider, session: SessionGate = SessionGate(),
                requestTimeoutSeconds: Double = 15, pollTimeoutSeconds: Double = 45) {
        self.transport = transport
        self.session = session
        self.credentials = credentials
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.pollTimeoutSeconds = pollTimeoutSeconds
    }

    /// Logs in through the session's gate, unless another client of the
    /// session tried since `note` (`session.note`, taken before the request
    /// that met the lost session) was taken.
    public func renewSession(since note: SessionGate.Note) throws(LoginError) -> SessionGate.Renewal {
        try session.renew(since: note) { () throws(LoginError) -> String? in try login() }
    }

    /// Logs in, whatever the other clients of the session do (a client of
    /// its own); returns the account's name when the answer carries one.
    @discardableResult
    public func login() throws(LoginError) -> String? {
        let current: Credentials
        do {
            current = try credentials.credentials()
        } catch {
            throw .noCredentials("\(error)")
        }
        var request = HTTPRequest(
            path: VonageClient.loginPath,
            headers: [("login", current.user), ("password", current.password.reveal())],
            timeoutSeconds: requestTimeoutSeconds)
        request.waitsForBudget = false
        let response: HTTPResponse
        do {
            response = try transport.send(request)
        } catch {
            throw .unreachable(error)
        }
        switch response.status {
        case 200..<300:
            // Not documented; the name is shown when the service sends it.
            var reader = FieldReader()
            let object = try? AnswerJSON.object(response.body)
            return reader.text(object?["accountName"], at: "accountName").map { TextSafety.printable($0) }.flatMap { $0.isEmpty ? nil : $0 }
        case 400..<500:
            let text = response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .refused(reason: text.isEmpty || text.count > 80 ? "HTTP \(response.status)" : text)
        default:
            throw .serverError(status: response.status)
        }
    }

    /// One dashui request: the current state at once when `firstRequest`,
    /// else blocks up to the server's hold time for a change.
    public func dashui(firstRequest: Bool, extensions: [String]) throws(TransportError) -> HTTPResponse {
        var query: [(String, String)] = []
        if !extensions.isEmpty { query.append(("filterExtension", extensions.joined(separator: ","))) }
        if firstRequest { query.append(("firstRequest", "true")) }
        return try transport.send(HTTPRequest(
            path: VonageClient.dashuiPath, query: query,
            timeoutSeconds: firstRequest ? requestTimeoutSeconds : pollTimeoutSeconds))
    }

    /// A `/presence/rest/...` service request with the session cookies.
    public func get(_ path: String, query: [(String, String)] = []) throws(TransportError) -> HTTPResponse {
        try transport.send(HTTPRequest(path: path, query: query, timeoutSeconds: requestTimeoutSeconds))
    }

    /// A service request that survives an expired session: on a 403 that
    /// says the user is not logged in, it logs in again and retries once.
    /// The login goes through the session's gate: when another thread has
    /// logged in since the request was asked for, it only retries.
    public func authorized(_ send: () throws(TransportError) -> HTTPResponse) throws(ServiceError) -> HTTPResponse {
        var response: HTTPResponse
        let note = session.note
        do { response = try send() } catch { throw .transport(error) }
        guard VonageClient.isSessionLost(response) else { return response }
        do { _ = try renewSession(since: note) } catch { throw .login(error) }
        do { response = try send() } catch { throw .transport(error) }
        return response
    }

    /// A 403 from a lost session, as opposed to a refusal such as `INTERNATIONAL BLOCKED`.
    static func isSessionLost(_ response: HTTPResponse) -> Bool {
        guard response.status == 403 else { return false }
        let text = response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty || text.uppercased().contains("NOT LOGGED IN")
    }
}
