import TOMLKit

/// A value of a TOML file (the config, a theme), as their readers see it.
enum TOMLNode: Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    case array([TOMLNode])
    case table([String: TOMLNode])
    /// A date or a time: valid TOML that no setting takes.
    case other(typeName: String)

    var typeName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a number"
        case .bool: return "a boolean"
        case .array: return "an array"
        case .table: return "a table"
        case .other(let typeName): return typeName
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

/// Why a value cannot be used; the reader adds the file, line and key.
struct TOMLProblem: Error, Equatable {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// A file TOMLKit refused: the line, the key on it (when there is one), why.
struct TOMLSyntaxError: Error, Equatable {
    var line: Int
    var key: [String]?
    var reason: String
}

/// A TOML file parsed by TOMLKit (toml++), with the line and column of
/// each key: TOMLKit gives positions only for syntax errors, and its
/// tables are sorted by key, while messages name the line of a wrong
/// value and `[groups]` keep the file's order.
struct TOMLDocument {
    /// A key of a table, its value, and the line it is set on.
    struct Entry {
        var key: String
        var value: TOMLNode
        var line: Int
    }

    let root: [String: TOMLNode]
    private let keys: TOMLKeyPositions

    init(_ text: String) throws(TOMLSyntaxError) {
        keys = TOMLKeyPositions(text)
        if let nul = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(where: { $0.contains("\0") }) {
            throw TOMLSyntaxError(line: nul + 1, key: nil, reason: "a NUL byte is not text")
        }
        if let line = keys.badHeaderLine {
            throw TOMLSyntaxError(line: line, key: nil,
                                  reason: "expected a table name after '[' (letters, digits, _ and -, or a quoted name)")
        }
        if let line = keys.badArrayLine {
            throw TOMLSyntaxError(line: line, key: keys.key(onLine: line), reason: "missing value or ']': a '}' inside an array")
        }
        do {
            root = Self.entries(of: try TOMLTable(string: text))
        } catch let error as TOMLParseError {
            let line = max(1, error.source.begin.line)
            throw TOMLSyntaxError(line: line, key: keys.key(onLine: line),
                                  reason: Self.reason(error.description, at: error.source.begin, in: text))
        } catch {
            throw TOMLSyntaxError(line: 1, key: nil, reason: "\(error)")
        }
    }

    /// The line of a key or table; a key inside an inline table or an
    /// array of tables falls back to the line of the nearest one found.
    func line(of path: [String]) -> Int {
        var path = path
        while !path.isEmpty {
            if let position = keys.position[path] { return position.line }
            path.removeLast()
        }
        return 1
    }

    /// A table's entries in the file's order.
    func entries(at path: [String]) -> [Entry] {
        var table = root
        for key in path {
            guard case .table(let inner) = table[key] else { return [] }
            table = inner
        }
        let unplaced = TOMLKeyPositions.Position(line: Int.max, column: 0)
        return table.sorted { left, right in
            let (a, b) = (keys.position[path + [left.key]] ?? unplaced, keys.position[path + [right.key]] ?? unplaced)
            return (a.line, a.column, left.key) < (b.line, b.column, right.key)
        }.map { Entry(key: $0.key, value: $0.value, line: line(of: path + [$0.key])) }
    }

    private static func entries(of table: TOMLTable) -> [String: TOMLNode] {
        var entries: [String: TOMLNode] = [:]
        for key in table.keys {
            if let value = table[key] { entries[key] = node(of: value.tomlValue) }
        }
        return entries
    }

    private static func node(of value: TOMLValue) -> TOMLNode {
        switch value.type {
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .float(value.double ?? 0)
        case .bool: return .bool(value.bool ?? false)
        case .array: return .array(value.array.map { $0.map { node(of: $0.tomlValue) } } ?? [])
        case .table: return .table(value.table.map(entries(of:)) ?? [:])
        case .date: return .other(typeName: "a date")
        case .time: return .other(typeName: "a time")
        case .dateTime: return .other(typeName: "a date and time")
        }
    }

    /// toml++'s message in the words the readers used before: "Error
    /// while parsing string: encountered end-of-file" is "unclosed string".
    static func reason(_ description: String, at position: TOMLSourcePosition, in text: String) -> String {
        var context = "", message = description
        if description.hasPrefix("Error while parsing "), let colon = description.range(of: ": ") {
            context = String(description[description.index(description.startIndex, offsetBy: 20)..<colon.lowerBound])
            message = String(description[colon.upperBound...])
        }
        let line = Self.line(position.line, of: text)
        if message.contains("cannot redefine existing") { return "set twice" }
        if message.contains("expected '='") { return "expected '=' after the key" }
        if message.contains("expected a comment or whitespace") { return "unexpected text after the value" }
        // An unquoted word: toml++ tries it as a number, a boolean, nan or inf.
        let word = Self.word(around: position.column, in: line)
        if ["value", "boolean", "floating-point", "decimal integer"].contains(context),
           word.contains(where: { $0.isLetter || $0 == ":" || $0 == "/" }) {
            return "'\(TextWidth.sanitized(String(word.prefix(40))))' is not a value (strings need quotes)"
        }
        if context.hasSuffix("string"), message.contains("control characters"), position.column > line.count {
            return "unclosed string"
        }
        if message.contains("end-of-file") || message.contains("saw '\\n'") {
            switch context {
            case "string", "literal string": return "unclosed string"
            case "value": return "missing value"
            case "array": return "missing value or ']': the array is not closed"
            case "inline table": return "missing '}': an inline table is closed on its own line"
            case "table header", "array-of-tables header": return "expected [section]: the ']' is missing"
            default: break
            }
        }
        return TextWidth.sanitized(context.isEmpty ? message : "\(context): \(message)")
    }

    private static func line(_ number: Int, of text: String) -> [Character] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return number >= 1 && number <= lines.count ? Array(lines[number - 1]) : []
    }

    /// The unquoted word at a column (1-based; toml++ points into it or just past it).
    private static func word(around column: Int, in line: [Character]) -> String {
        let isDelimiter: (Character) -> Bool = { " \t,[]{}=#\r\"'".contains($0) }
        var start = min(max(0, column - 1), line.count)
        if start == line.count || isDelimiter(line[start]) { start = max(0, start - 1) }
        guard start < line.count, !isDelimiter(line[start]) else { return "" }
        var end = start
        while start > 0, !isDelimiter(line[start - 1]) { start -= 1 }
        while end < line.count, !isDelimiter(line[end]) { end += 1 }
        return String(line[start..<end])
    }
}
