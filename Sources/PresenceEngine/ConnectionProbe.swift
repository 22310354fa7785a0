import CCurl
import Foundation

/// The steps of reaching a server, one at a time, for `switchboard doctor`:
/// the name resolves, a TCP connection opens, TLS verifies (and which
/// certificate). Blocking; a command's thread.
public enum ConnectionProbe {
    /// The addresses `host` resolves to.
    public static func resolve(_ host: String) -> Result<[String], TransportError> {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), nil, &hints, &list)
        guard status == 0, let first = list else { return .failure(.cannotConnect(String(cString: gai_strerror(status)))) }
        defer { freeaddrinfo(list) }
        var addresses: [String] = []
        var item: UnsafeMutablePointer<addrinfo>? = first
        while let current = item {
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(current.pointee.ai_addr, current.pointee.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 {
                let address = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !addresses.contains(address) { addresses.append(address) }
            }
            item = current.pointee.ai_next
        }
        return .success(addresses)
    }

    /// A TCP connection to the server's host and port (no TLS, no request).
    public static func connect(_ server: ServerAddress, timeoutSeconds: Double = 5) -> Result<Void, TransportError> {
        let port = server.port ?? (server.scheme == "https" ? 443 : 80)
        let host = server.host.contains(":") && !server.host.hasPrefix("[") ? "[\(server.host)]" : server.host
        return transfer("http://\(host):\(port)/", timeoutSeconds: timeoutSeconds) { easy in
            ccurl_setopt_long(easy, CURLOPT_CONNECT_ONLY, 1)
        }.map { _ in () }
    }

    /// The TLS handshake with verification on, as the board makes it; the
    /// server's certificate subject and expiry.
    public static func tls(_ server: ServerAddress, timeoutSeconds: Double = 10) -> Result<(subject: String, expiry: String), TransportError> {
        transfer(server.url(path: "/"), timeoutSeconds: timeoutSeconds) { easy in
            ccurl_setopt_long(easy, CURLOPT_CONNECT_ONLY, 1)
            ccurl_setopt_long(easy, CURLOPT_CERTINFO, 1)
            ccurl_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1)
            ccurl_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2)
        }
    }

    private static func transfer(_ url: String, timeoutSeconds: Double, configure: (UnsafeMutableRawPointer) -> Void)
        -> Result<(subject: String, expiry: String), TransportError> {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        guard let easy = curl_easy_init() else { return .failure(.network("libcurl did not start")) }
        defer { curl_easy_cleanup(easy) }
        ccurl_setopt_str(easy, CURLOPT_URL, url)
        ccurl_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        ccurl_setopt_str(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        ccurl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Int(timeoutSeconds * 1000))
        configure(easy)
        let result = curl_easy_perform(easy)
        guard result == CURLE_OK else {
            let text = String(cString: curl_easy_strerror(result))
            return .failure(result == CURLE_OPERATION_TIMEDOUT ? .timedOut : .cannotConnect(text))
        }
        var subject = [CChar](repeating: 0, count: 1024), expiry = [CChar](repeating: 0, count: 128)
        _ = ccurl_leaf_certificate(easy, &subject, subject.count, &expiry, expiry.count)
        func text(_ characters: [CChar]) -> String {
            String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return .success((text(subject), text(expiry)))
    }
}
