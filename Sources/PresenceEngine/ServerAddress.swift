import Foundation

/// The base URL of the Vonage service, checked once: `https://` for any host,
/// `http://` only for loopback (the simulator), so a password never crosses
/// a network in clear text.
public struct ServerAddress: Sendable, Equatable, CustomStringConvertible {
    public let scheme: String
    public let host: String
    public let port: Int?

    public enum Problem: Error, CustomStringConvertible, Equatable {
        case notAURL(String)
        case unsupportedScheme(String)
        case plainHTTPToRemoteHost(String)

        public var description: String {
            switch self {
            case .notAURL(let text):
                return "'\(text)' is not a server URL (expected https://HOST[:PORT])"
            case .unsupportedScheme(let scheme):
                return "unsupported scheme '\(scheme)': use https://"
            case .plainHTTPToRemoteHost(let host):
                return "http:// is only allowed for loopback hosts; use https://\(host)"
            }
        }
    }

    public init(_ text: String) throws {
        guard let (scheme, host, port) = Self.parts(of: text) else { throw Problem.notAURL(text) }
        guard scheme == "https" || scheme == "http" else { throw Problem.unsupportedScheme(scheme) }
        if scheme == "http" && !ServerAddress.isLoopback(host) {
            throw Problem.plainHTTPToRemoteHost(host)
        }
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// `SCHEME://[USER@]HOST[:PORT][/…]`, read by hand: Foundation's URL
    /// parser loads ICU's IDNA tables (a megabyte and more of a board's
    /// memory) to read an ASCII host name. Nil when it is not of that form.
    static func parts(of text: String) -> (scheme: String, host: String, port: Int?)? {
        guard let separator = text.range(of: "://") else { return nil }
        let scheme = text[..<separator.lowerBound].lowercased()
        guard let first = scheme.first, first.isLetter, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else { return nil }
        var authority = text[separator.upperBound...].prefix { !"/?#".contains($0) }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            guard host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
            let rest = authority[authority.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                portText = rest.dropFirst()
            }
        } else {
            if let colon = authority.lastIndex(of: ":") {
                host = authority[..<colon]
                portText = authority[authority.index(after: colon)...]
            } else {
                host = authority
            }
            guard host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._~%".contains($0)) }) else { return nil }
        }
        guard !host.isEmpty else { return nil }
        var port: Int?
        if let portText, !portText.isEmpty {
            guard portText.allSatisfy(\.isASCII), let number = Int(portText), (0...65_535).contains(number) else { return nil }
            port = number
        }
        return (scheme, String(host), port)
    }

    public static func loopback(port: Int) -> ServerAddress {
        // Force-try is safe: the literal is a valid loopback URL.
        try! ServerAddress("http://127.0.0.1:\(port)")
    }

    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }

    public var isLoopback: Bool { ServerAddress.isLoopback(host) }

    public var description: String {
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost)" + (port.map { ":\($0)" } ?? "")
    }

    /// The full URL of `path` with `query` percent-encoded.
    public func url(path: String, query: [(String, String)] = []) -> String {
        var text = description + path
        if !query.isEmpty {
            text += "?" + query.map { "\(ServerAddress.encode($0.0))=\(ServerAddress.encode($0.1))" }.joined(separator: "&")
        }
        return text
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~,")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
