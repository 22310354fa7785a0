import Foundation
import PBXSimulator
import PresenceEngine

/// A plain HTTP client for the simulator's API (its own cookie jar), for
/// tests that check the wire, not the engine.
public final class SimClient: Sendable {
    public let transport: CurlTransport
    private let timeoutSeconds: Double

    /// - Parameter cookies: a jar shared with another client (one session, two timeouts).
    public init(_ sim: PBXSimulator, timeoutSeconds: Double = 15, cookies: CookieJar? = nil) {
        transport = CurlTransport(server: sim.address, cookies: cookies)
        self.timeoutSeconds = timeoutSeconds
    }

    public func get(_ path: String, query: [(String, String)] = [], headers: [(String, String)] = []) async throws -> HTTPResponse {
        let request = HTTPRequest(path: path, query: query, headers: headers, timeoutSeconds: timeoutSeconds)
        let transport = self.transport
        return try await onOwnThread { try transport.send(request) }
    }

    public func post(_ path: String, query: [(String, String)] = []) async throws -> HTTPResponse {
        let request = HTTPRequest(path: path, query: query, timeoutSeconds: timeoutSeconds, method: .post)
        let transport = self.transport
        return try await onOwnThread { try transport.send(request) }
    }

    public func delete(_ path: String) async throws -> HTTPResponse {
        let request = HTTPRequest(path: path, timeoutSeconds: timeoutSeconds, method: .delete)
        let transport = self.transport
        return try await onOwnThread { try transport.send(request) }
    }

    /// Logs in with the header form; returns the response.
    @discardableResult
    public func login(_ user: String = Account.demoLogin, _ password: String = Account.demoPassword) async throws -> HTTPResponse {
        try await get("/appserver/rest/user/null", headers: [("login", user), ("password", password)])
    }

    /// A GET whose answer must be a JSON object.
    public func object(_ path: String, query: [(String, String)] = []) async throws -> [String: Any] {
        let response = try await get(path, query: query)
        guard response.status == 200, let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
            throw UnexpectedAnswer(status: response.status, body: response.bodyText)
        }
        return object
    }

    public struct UnexpectedAnswer: Error, CustomStringConvertible {
        public let status: Int
        public let body: String
        public var description: String { "unexpected answer \(status): \(body.prefix(200))" }
    }
}

/// `Set-Cookie` values by name.
public func setCookies(_ response: HTTPResponse) -> [String: String] {
    var jar: [String: String] = [:]
    for (name, value) in response.headers where name.lowercased() == "set-cookie" {
        let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
        if pair.count == 2 { jar[String(pair[0])] = String(pair[1]) }
    }
    return jar
}
