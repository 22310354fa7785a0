/// A JSON value read from the network, its numbers kept as the text that
/// was sent: a 22-digit call id stays 22 digits, and a count past 64 bits
/// is one field that cannot be read, never an answer that cannot be read.
public enum JSONValue: Sendable, Equatable {
    /// A repeated key keeps its last value.
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    public var object: [String: JSONValue]? {
        if case .object(let fields) = self { return fields }
        return nil
    }

    public var array: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The tree of `bytes`, strict JSON (callers repair UTF-8 first).
    static func parse(_ bytes: [UInt8]) throws(DecodeError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(DecodeError) in
            var scanner = JSONScanner(bytes: buffer)
            let value = try scanner.value(depth: 0)
            try scanner.expectEnd()
            return value
        }
    }
}

extension JSONScanner {
    /// The value at `position`, as a tree.
    mutating func value(depth: Int) throws(DecodeError) -> JSONValue {
        skipSpace()
        guard position < bytes.count else { throw unexpected() }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            try openObject(depth: depth)
            var fields: [String: JSONValue] = [:]
            var first = true
            while let key = try nextKey(&first) {
                let name = key.unescaped.map { String(decoding: $0, as: UTF8.self) } ?? Self.text(bytes, key.range)
                fields[name] = try value(depth: depth + 1)
            }
            return .object(fields)
        case UInt8(ascii: "["):
            try openArray(depth: depth)
            var elements: [JSONValue] = []
            var first = true
            while try nextElement(&first) { elements.append(try value(depth: depth + 1)) }
            return .array(elements)
        default:
            switch try scalar(depth: depth) {
            case .string(let range, let escaped):
                let text = escaped ? Self.unescaped(bytes, range) ?? "" : Self.text(bytes, range)
                return .string(range.count > TextSafety.maximumScalars ? TextSafety.bounded(text) : text)
            case .number(let range): return .number(Self.text(bytes, range))
            case .bool(let flag): return .bool(flag)
            case .null, .structure: return .null
            }
        }
    }
}

/// Reads the fields of an answer the way the live service mixes up types
/// (numbers as strings, strings as numbers, `"true"` for true), and notes
/// each field that is there but cannot be read: that field is shown as
/// unknown and the note goes to the log, the rest of the answer is used.
public struct FieldReader: Sendable {
    /// `path: why`, for the log; at most `maximumProblems` kept.
    public private(set) var problems: [String] = []
    static let maximumProblems = 20

    public init() {}

    mutating func note(_ path: String, _ why: String) {
        if problems.count < Self.maximumProblems { problems.append("\(path): \(why)") }
    }

    /// Text, or a number as the digits sent; nil when absent or null.
    package mutating func text(_ value: JSONValue?, at path: @autoclosure () -> String) -> String? {
        switch value {
        case .string(let text): return text
        case .number(let digits): return Self.numberText(digits)
        case .bool(let flag): return flag ? "true" : "false"
        case .object, .array:
            note(path(), "a list or object where text belongs")
            return nil
        case .null, nil: return nil
        }
    }

    /// A whole number from a number or a digit string; nil when absent,
    /// null or empty, and noted when it is there but not a 64-bit number.
    package mutating func integer(_ value: JSONValue?, at path: @autoclosure () -> String) -> Int64? {
        switch value {
        case .number(let text):
            if let whole = Self.integer(text) { return whole }
            note(path(), "\(Self.excerpt(text)) is not a whole number that fits in 64 bits")
            return nil
        case .string(let text):
            if Self.isBlank(value) { return nil }
            let trimmed = text.trimmingSpaces
            if let whole = Self.integer(trimmed) { return whole }
            note(path(), "'\(Self.excerpt(trimmed))' is not a whole number that fits in 64 bits")
            return nil
        case .bool(let flag): return flag ? 1 : 0
        case .object, .array:
            note(path(), "a list or object where a number belongs")
            return nil
        case .null, nil: return nil
        }
    }

    /// No value at all: absent, null, or a string of spaces or `null`
    /// (not a value that could not be read).
    static func isBlank(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null: return true
        case .string(let text):
            let trimmed = text.trimmingSpaces
            return trimmed.isEmpty || trimmed.lowercased() == "null"
        default: return false
        }
    }

    /// `true`, `"true"` in any case, or a non-zero number.
    package func flag(_ value: JSONValue?) -> Bool {
        switch value {
        case .bool(let flag): return flag
        case .string(let text): return text.trimmingSpaces.lowercased() == "true"
        case .number(let text): return Self.integer(text).map { $0 != 0 } ?? false
        default: return false
        }
    }

    /// One object, or each object of a list; `{}`, null and absent are none.
    /// (`presence` and `statusItems` come in every one of these shapes.)
    package static func objects(_ value: JSONValue?) -> [[String: JSONValue]] {
        switch value {
        case .array(let elements): return elements.compactMap(\.object).filter { !$0.isEmpty }
        case .object(let fields): return fields.isEmpty ? [] : [fields]
        default: return []
        }
    }

    /// An integer as digits, exactly; a whole number written with a
    /// fraction or exponent (`830.0`, `8.3e2`) as its digits; else as sent.
    static func numberText(_ text: String) -> String {
        if text.utf8.allSatisfy({ ($0 &- UInt8(ascii: "0")) < 10 || $0 == UInt8(ascii: "-") }) { return text }
        if let double = Double(text), double.rounded() == double, abs(double) < 1e18 { return String(Int64(double)) }
        return text
    }

    /// A number as a 64-bit integer: plain digits, or a value written with a
    /// fraction or exponent (the fraction dropped); nil past 64 bits.
    static func integer(_ text: some StringProtocol) -> Int64? {
        if let whole = Int64(text) { return whole }
        guard let double = Double(text), double.isFinite, abs(double) < 9e18 else { return nil }
        return Int64(double)
    }

    static func excerpt(_ text: some StringProtocol) -> String {
        TextSafety.printable(String(text.prefix(40)))
    }
}
