import Foundation

/// Parses bytes from the network into plain JSON values, never trapping:
/// UTF-8 is checked first, then the strict parser is tried, then (only for
/// valid UTF-8) the JSON5 one, which accepts the guide's unquoted keys and
/// trailing commas.
enum LenientJSON {
    static func parse(_ bytes: [UInt8]) throws(DecodeError) -> Any {
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .invalidUTF8 }
        let data = Data(bytes)
        if let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) { return value }
        do {
            // JSON5 traps on invalid UTF-8 (TECH-NOTES.md): safe only after the check above.
            let decoder = JSONDecoder()
            decoder.allowsJSON5 = true
            return try decoder.decode(JSONValue.self, from: data).plain
        } catch {
            throw .notJSON("\(error)".prefix(200).description)
        }
    }

    static func object(_ bytes: [UInt8]) throws(DecodeError) -> [String: Any] {
        guard let object = try parse(bytes) as? [String: Any] else { throw .unexpectedShape("top level is not an object") }
        return object
    }
}

/// Any JSON value, decodable by `JSONDecoder` (for its JSON5 mode).
private enum JSONValue: Decodable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    var plain: Any {
        switch self {
        case .null: return NSNull()
        case .bool(let value): return value
        case .number(let value): return NSNumber(value: value)
        case .string(let value): return value
        case .array(let values): return values.map(\.plain)
        case .object(let values): return values.mapValues(\.plain)
        }
    }
}
