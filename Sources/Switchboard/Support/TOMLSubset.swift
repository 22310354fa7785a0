import Foundation

/// A value of the TOML subset the config file uses.
enum TOMLValue: Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    case array([TOMLValue])

    var typeName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a number"
        case .bool: return "a boolean"
        case .array: return "an array"
        }
    }

    func string() throws(TOMLProblem) -> String {
        guard case .string(let text) = self else { throw TOMLProblem("expected a string, got \(typeName)") }
        return text
    }

    func strings() throws(TOMLProblem) -> [String] {
        guard case .array(let values) = self else { throw TOMLProblem("expected an array of strings, got \(typeName)") }
        return try values.map { value throws(TOMLProblem) in try value.string() }
    }

    func bool() throws(TOMLProblem) -> Bool {
        guard case .bool(let flag) = self else { throw TOMLProblem("expected true or false, got \(typeName)") }
        return flag
    }

    func integer() throws(TOMLProblem) -> Int {
        guard case .integer(let number) = self else { throw TOMLProblem("expected an integer, got \(typeName)") }
        return number
    }

    func number() throws(TOMLProblem) -> Double {
        switch self {
        case .integer(let number): return Double(number)
        case .float(let number): return number
        default: throw TOMLProblem("expected a number, got \(typeName)")
        }
    }

    /// An extension written as a string or a bare integer.
    func extensionNumber() throws(TOMLProblem) -> String {
        switch self {
        case .string(let text): return text
        case .integer(let number): return String(number)
        default: throw TOMLProblem("expected extension numbers, got \(typeName)")
        }
    }
}

struct TOMLProblem: Error, Equatable {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Reads one line of the subset: `[table]`, or `key = value # comment`.
struct TOMLLineScanner {
    private let characters: [Character]
    private var position = 0

    init(_ line: String) { characters = Array(line) }

    var peek: Character? { position < characters.count ? characters[position] : nil }
    var atEndOrComment: Bool { peek == nil || peek == "#" || peek == "\r" }

    mutating func skipSpace() {
        while let character = peek, character == " " || character == "\t" { position += 1 }
    }

    mutating func take(_ character: Character) -> Bool {
        guard peek == character else { return false }
        position += 1
        return true
    }

    mutating func sectionHeader() -> String? {
        guard take("[") else { return nil }
        skipSpace()
        guard let name = key() else { return nil }
        skipSpace()
        guard take("]") else { return nil }
        skipSpace()
        return atEndOrComment ? name : nil
    }

    /// A bare key (letters, digits, `_`, `-`) or a quoted one.
    mutating func key() -> String? {
        if peek == "\"" { return try? basicString() }
        let start = position
        while let character = peek, character.isLetter || character.isNumber || character == "_" || character == "-" { position += 1 }
        return position > start ? String(characters[start..<position]) : nil
    }

    mutating func value() throws(TOMLProblem) -> TOMLValue {
        skipSpace()
        switch peek {
        case "\"": return .string(try basicString())
        case "'": return .string(try literalString())
        case "[": return try array()
        case nil: throw TOMLProblem("missing value")
        default: return try scalar()
        }
    }

    private mutating func array() throws(TOMLProblem) -> TOMLValue {
        position += 1
        var values: [TOMLValue] = []
        while true {
            skipSpace()
            if take("]") { return .array(values) }
            values.append(try value())
            skipSpace()
            if take(",") { continue }
            guard take("]") else { throw TOMLProblem(peek == nil ? "unclosed array (arrays stay on one line)" : "expected ',' or ']' in the array") }
            return .array(values)
        }
    }

    private mutating func basicString() throws(TOMLProblem) -> String {
        position += 1
        var text = ""
        while let character = peek {
            position += 1
            switch character {
            case "\"": return text
            case "\\":
                guard let escaped = peek else { throw TOMLProblem("unfinished escape") }
                position += 1
                switch escaped {
                case "\"": text.append("\"")
                case "\\": text.append("\\")
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "u", "U":
                    let length = escaped == "u" ? 4 : 8
                    guard position + length <= characters.count,
                          let code = UInt32(String(characters[position..<position + length]), radix: 16),
                          let scalar = Unicode.Scalar(code) else { throw TOMLProblem("bad \\\(escaped) escape") }
                    text.unicodeScalars.append(scalar)
                    position += length
                default: throw TOMLProblem("unknown escape \\\(escaped)")
                }
            default:
                text.append(character)
            }
        }
        throw TOMLProblem("unclosed string")
    }

    private mutating func literalString() throws(TOMLProblem) -> String {
        position += 1
        let start = position
        while let character = peek {
            position += 1
            if character == "'" { return String(characters[start..<position - 1]) }
        }
        throw TOMLProblem("unclosed string")
    }

    private mutating func scalar() throws(TOMLProblem) -> TOMLValue {
        let start = position
        while let character = peek, !" \t,]#\r".contains(character) { position += 1 }
        let word = String(characters[start..<position])
        if word == "true" { return .bool(true) }
        if word == "false" { return .bool(false) }
        let digits = word.replacingOccurrences(of: "_", with: "")
        if let number = Int(digits) { return .integer(number) }
        if let number = Double(digits), number.isFinite, digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { return .float(number) }
        throw TOMLProblem("'\(word)' is not a value (strings need quotes)")
    }
}
