import Foundation

/// The extensions carried by one dashui answer.
public struct DashuiAnswer: Sendable, Equatable {
    public var extensions: [ExtensionState]
    /// The bytes were not all UTF-8 and were read with U+FFFD in their place.
    public var repairedInvalidUTF8 = false
    /// Number fields there but not readable (a duration past 64 bits): read
    /// as unknown, counted for the log. Not compared: the decoders may count apart.
    public var unreadableFields = 0
    public init(extensions: [ExtensionState]) { self.extensions = extensions }

    public static func == (lhs: DashuiAnswer, rhs: DashuiAnswer) -> Bool {
        lhs.extensions == rhs.extensions && lhs.repairedInvalidUTF8 == rhs.repairedInvalidUTF8
    }
}

/// Why bytes from the network were not understood. The store keeps its last
/// good state; the engine counts and logs these.
public enum DecodeError: Error, Equatable, Sendable, CustomStringConvertible {
    case notJSON(String)
    case unexpectedShape(String)

    public var description: String {
        switch self {
        case .notJSON(let why): return "answer is not JSON: \(why)"
        case .unexpectedShape(let why): return "unexpected answer: \(why)"
        }
    }
}

/// Decodes dashui answers, tolerating every irregularity API.md records:
/// numbers as strings and strings as numbers, `statusItems` as an object,
/// an array, `{}` or absent, `callStatus` in any case, `StartTime` in
/// seconds or milliseconds, `"null"` as a name, envelope fields.
public enum DashuiDecoder {
    public static func decode(_ bytes: [UInt8], receivedAt: MonotonicInstant) throws(DecodeError) -> DashuiAnswer {
        try DashuiScanner.decode(bytes, receivedAt: receivedAt)
    }
}


