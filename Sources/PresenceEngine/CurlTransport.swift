import CCurl
import Foundation
import Synchronization

/// HTTP over libcurl's multi interface, for one worker thread.
///
/// One easy handle is reused for every request: it keeps the connection
/// alive and holds the whole cookie jar in memory (the engine never writes
/// cookies to disk). The multi interface lets `cancel()` interrupt a 30 s
/// long poll from another thread through `curl_multi_wakeup`.
public final class CurlTransport: Transport, @unchecked Sendable {
    // The handles are touched only by the thread that calls `send`;
    // `cancel` uses only the atomic flag and the thread-safe wakeup.
    private let multi: UnsafeMutableRawPointer
    private let easy: UnsafeMutableRawPointer
    private let server: ServerAddress
    private let cancelled = Atomic<Bool>(false)
    private let connectTimeoutSeconds: Double
    /// Larger answers are refused rather than buffered without end.
    public static let maximumBodyBytes = 64 << 20

    private let cookies: CookieJar?
    /// Touched only by the thread that calls `send`.
    private var cookieEngineStarted = false

    /// - Parameter cookies: a jar shared with other transports (one session
    ///   for the long poll and the service calls); nil for a jar of its own.
    public init(server: ServerAddress, cookies: CookieJar? = nil, connectTimeoutSeconds: Double = 10) {
        CurlTransport.globalInit
        self.server = server
        self.cookies = cookies
        self.multi = curl_multi_init()
        self.easy = curl_easy_init()
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_multi_cleanup(multi)
    }

    private static let globalInit: Void = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    }()

    public func cancel() {
        cancelled.store(true, ordering: .sequentiallyConsistent)
        curl_multi_wakeup(multi)
    }

    public func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        try perform(request, sink: ResponseSink())
    }

    /// Streams a 200 answer's body into `fileDescriptor` as it arrives,
    /// calling `progress(received, expected)`; any other answer's body is
    /// returned in memory (the API's error text).
    public func download(_ request: HTTPRequest, to fileDescriptor: Int32,
                         progress: @escaping (Int64, Int64?) -> Void) throws(TransportError) -> HTTPResponse {
        let sink = ResponseSink()
        sink.fileDescriptor = fileDescriptor
        sink.maximumFileBytes = request.maximumFileBytes
        sink.progress = progress
        let response = try perform(request, sink: sink)
        if sink.writeFailed { throw .network("cannot write the file: errno \(sink.writeErrno)") }
        return response
    }

    private func perform(_ request: HTTPRequest, sink: ResponseSink) throws(TransportError) -> HTTPResponse {
        if cancelled.load(ordering: .sequentiallyConsistent) { throw .cancelled }
        let sinkPointer = Unmanaged.passRetained(sink).toOpaque()
        defer { Unmanaged<ResponseSink>.fromOpaque(sinkPointer).release() }

        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        for (name, value) in request.headers {
            headerList = curl_slist_append(headerList, "\(name): \(value)")
        }
        defer { curl_slist_free_all(headerList) }

        setOptions(for: request, headers: headerList, sink: sinkPointer)

        curl_multi_add_handle(multi, easy)
        defer { curl_multi_remove_handle(multi, easy) }

        var result = CURLE_OK
        let started = MonotonicInstant.now()
        while true {
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var doneResult = CURLE_OK
            if ccurl_multi_next_done(multi, &doneResult) != nil {
                result = doneResult
                break
            }
            if cancelled.load(ordering: .sequentiallyConsistent) { throw .cancelled }
            // Sleeps in the kernel until the socket is ready, the wakeup
            // fires, or curl's own timers need attention (curl shortens the
            // wait itself): a held long poll costs no wake-ups.
            curl_multi_poll(multi, nil, 0, Int32(min(3_600_000, request.timeoutSeconds * 1000 + 1000)), nil)
            if cancelled.load(ordering: .sequentiallyConsistent) { throw .cancelled }
        }

        return try outcome(result, sink: sink, request: request, elapsed: MonotonicInstant.now().seconds(since: started))
    }

    /// The easy handle set up for `request`, its answer going to `sink`.
    private func setOptions(for request: HTTPRequest, headers headerList: UnsafeMutablePointer<curl_slist>?, sink sinkPointer: UnsafeMutableRawPointer) {
        // Reset keeps live connections and cookies, and clears the last request's options.
        curl_easy_reset(easy)
        ccurl_setopt_str(easy, CURLOPT_URL, server.url(path: request.path, query: request.query))
        ccurl_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        // The in-memory cookie engine, started once: it outlives the reset,
        // and each CURLOPT_COOKIEFILE adds to a list the reset never frees
        // (about 70 bytes a request, found by heaptrack in the soak).
        if !cookieEngineStarted {
            ccurl_setopt_str(easy, CURLOPT_COOKIEFILE, "")
            cookieEngineStarted = true
        }
        if let cookies { ccurl_setopt_share(easy, cookies.handle) }
        ccurl_setopt_str(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        ccurl_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1)
        ccurl_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2)
        ccurl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeoutSeconds * 1000))
        ccurl_setopt_long(easy, CURLOPT_TIMEOUT_MS, Int(request.timeoutSeconds * 1000))
        if let stall = request.stallSeconds {
            // Below one byte a second for that long: a body that drips ends.
            ccurl_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, 1)
            ccurl_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, max(1, Int(stall)))
        }
        ccurl_setopt_str(easy, CURLOPT_USERAGENT, "switchboard/0.1")
        ccurl_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList)
        if request.method == .delete { ccurl_setopt_str(easy, CURLOPT_CUSTOMREQUEST, "DELETE") }
        if request.method == .post {
            ccurl_setopt_long(easy, CURLOPT_POST, 1)
            ccurl_setopt_long(easy, CURLOPT_POSTFIELDSIZE, 0)
            ccurl_setopt_str(easy, CURLOPT_POSTFIELDS, "")
        }
        ccurl_setopt_writefunction(easy, CurlTransport.bodyCallback)
        ccurl_setopt_ptr(easy, CURLOPT_WRITEDATA, sinkPointer)
        ccurl_setopt_headerfunction(easy, CurlTransport.headerCallback)
        ccurl_setopt_ptr(easy, CURLOPT_HEADERDATA, sinkPointer)
    }

    /// What a finished transfer comes to: the answer, or why there is none.
    private func outcome(_ result: CURLcode, sink: ResponseSink, request: HTTPRequest, elapsed: Double) throws(TransportError) -> HTTPResponse {
        if sink.overflowed { throw .bodyTooLarge(sink.maximumFileBytes.map { Int(clamping: $0) } ?? CurlTransport.maximumBodyBytes) }
        switch result {
        case CURLE_OK:
            var status = 0
            ccurl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
            return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
        case CURLE_OPERATION_TIMEDOUT:
            // curl says the same for the whole-transfer limit and a stall.
            if let stall = request.stallSeconds, elapsed < request.timeoutSeconds - 0.5 {
                throw .stalled(Int(stall))
            }
            throw .timedOut
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            throw .cannotConnect(String(cString: curl_easy_strerror(result)))
        default:
            throw .network(String(cString: curl_easy_strerror(result)))
        }
    }

    /// Collects one response; reset by every status line (a 100-continue or a
    /// redirect would start a new header block).
    private final class ResponseSink {
        var body: [UInt8] = []
        var headers: [(String, String)] = []
        var overflowed = false
        var status = 0
        /// Where a 200 body goes when downloading; -1 keeps it in memory.
        var fileDescriptor: Int32 = -1
        var maximumFileBytes: Int64?
        var progress: ((Int64, Int64?) -> Void)?
        var received: Int64 = 0
        var writeFailed = false
        var writeErrno: Int32 = 0

        var expectedLength: Int64? {
            headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int64($0.1) }
        }
    }

    private static let bodyCallback: ccurl_data_callback = { data, size, count, context in
        guard let data, let context else { return 0 }
        let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        if sink.fileDescriptor >= 0 && sink.status == 200 {
            if let maximum = sink.maximumFileBytes, sink.received + Int64(length) > maximum || (sink.expectedLength ?? 0) > maximum {
                sink.overflowed = true
                return 0  // aborts the transfer
            }
            var offset = 0
            while offset < length {
                let written = write(sink.fileDescriptor, data + offset, length - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    sink.writeFailed = true
                    sink.writeErrno = errno
                    return 0
                }
                offset += written
            }
            sink.received += Int64(length)
            sink.progress?(sink.received, sink.expectedLength)
            return length
        }
        if sink.body.count + length > CurlTransport.maximumBodyBytes {
            sink.overflowed = true
            return 0  // tells curl to abort the transfer
        }
        sink.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
        return length
    }

    private static let headerCallback: ccurl_data_callback = { data, size, count, context in
        guard let data, let context else { return 0 }
        let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            sink.headers.removeAll()
            sink.status = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            sink.headers.append((name, value))
            // A download announced past its limit is refused before its first byte.
            if sink.fileDescriptor >= 0, sink.status == 200, let maximum = sink.maximumFileBytes,
               name.lowercased() == "content-length", let announced = Int64(value), announced > maximum {
                sink.overflowed = true
                return 0
            }
        }
        return length
    }
}
