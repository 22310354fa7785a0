/// One request to the service. Every service is a GET (API.md); POST and
/// DELETE are only for the simulator's control API.
public struct HTTPRequest: Sendable {
    public enum Method: String, Sendable { case get = "GET", post = "POST", delete = "DELETE" }

    public var method: Method
    public var path: String
    public var query: [(String, String)]
    public var headers: [(String, String)]
    /// The whole transfer's limit; the long poll needs more than its 30 s hold.
    public var timeoutSeconds: Double
    /// A download (a 200 body streamed to a file) larger than this is
    /// refused: early by its Content-Length, else once that much arrived.
    public var maximumFileBytes: Int64?
    /// No byte for this long ends the transfer as stalled (a body that drips).
    public var stallSeconds: Double?
    /// False for a login: counted against the board's budget but never
    /// waiting for it (`BudgetedTransport`), because every thread of the
    /// session, a person's request too, may be waiting for that login.
    public var waitsForBudget = true

    public init(path: String, query: [(String, String)] = [], headers: [(String, String)] = [], timeoutSeconds: Double = 15,
                method: Method = .get) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.timeoutSeconds = timeoutSeconds
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header of that name, compared without case.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// Why a request got no HTTP answer at all.
public enum TransportError: Error, Equatable, Sendable, CustomStringConvertible {
    case cancelled
    case timedOut
    case cannotConnect(String)
    case network(String)
    case bodyTooLarge(Int)
    /// No byte arrived for this many seconds.
    case stalled(Int)

    public var description: String {
        switch self {
        case .cancelled: return "request cancelled"
        case .timedOut: return "request timed out"
        case .cannotConnect(let why): return "cannot connect: \(why)"
        case .network(let why): return "network error: \(why)"
        case .bodyTooLarge(let limit): return "response larger than \(limit) bytes"
        case .stalled(let seconds): return "the transfer stalled: no data for \(seconds) s"
        }
    }
}

/// Sends requests and blocks until the answer; used from one thread at a
/// time, except `cancel()`, which any thread may call to end a wait at once.
public protocol Transport: AnyObject, Sendable {
    func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse
    /// Streams a 200 body into the file; other answers come back in memory.
    func download(_ request: HTTPRequest, to fileDescriptor: Int32,
                  progress: @escaping (Int64, Int64?) -> Void) throws(TransportError) -> HTTPResponse
    func cancel()
}
