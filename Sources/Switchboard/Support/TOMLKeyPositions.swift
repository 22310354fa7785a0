/// Where each key of a TOML file is: its line and column, by its path
/// (`["alerts", "waiting"]`). Not a parser — TOMLKit has already accepted
/// the file, or says where it failed — only enough of the syntax to find
/// keys: table headers, dotted and quoted keys, keys of inline tables,
/// and the strings, comments and brackets a key must not be looked for in.
struct TOMLKeyPositions {
    struct Position: Equatable {
        var line: Int
        var column: Int
    }

    /// The first place each key or table was set.
    private(set) var position: [[String]: Position] = [:]
    /// The key whose line this is, or whose value (a multi-line array) it continues.
    private var keyOfLine: [Int: [String]] = [:]
    /// The first table header whose name starts with a character no key
    /// can start with (`[é]`, `[.a]`): toml++ 3 stops the program on an
    /// assertion there instead of reporting an error, so it never sees one.
    private(set) var badHeaderLine: Int?
    /// The first `}` where an array waits for a value (`[}`, `[1, }`): toml++ 3 aborts there too.
    private(set) var badArrayLine: Int?

    private enum Container {
        case array
        /// An inline table; nil inside an array, where keys have no path.
        case table([String]?)
    }

    init(_ text: String) {
        var state = ScanState()
        // A byte-order mark is not part of the first line (toml++ skips it too).
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            scanLine(Array(rawLine), number: index + 1, state: &state)
        }
    }

    /// The key a syntax error on this line belongs to.
    func key(onLine line: Int) -> [String]? { keyOfLine[line] }

    private struct ScanState {
        var table: [String] = []
        var stack: [Container] = []
        /// The key whose multi-line value is open.
        var openKey: [String]?
        /// The closing `"""` or `'''` of a multi-line string still open.
        var openString: String?
        /// The last key read inside an inline table, for a table nested in it.
        var lastInlineKey: [String] = []
        /// Just after an array's `[` or `,`: a value (or `]`) comes next.
        var arrayWaitsForValue = false
    }

    private mutating func scanLine(_ line: [Character], number: Int, state: inout ScanState) {
        var scanner = KeyScanner(line)
        if state.openString != nil || !state.stack.isEmpty {
            if let key = state.openKey { keyOfLine[number] = key }
        } else {
            state.openKey = nil
            scanner.skipSpace()
            if scanner.peek == "[" {
                if !scanner.headerNameStartsWell, badHeaderLine == nil { badHeaderLine = number }
                let header = scanner.header()
                state.table = header
                record(header, line: number, column: 1)
                keyOfLine[number] = header.isEmpty ? nil : header
                return
            }
            let column = scanner.column
            guard let key = scanner.dottedKey() else { return }
            let path = state.table + key
            keyOfLine[number] = path
            scanner.skipSpace()
            guard scanner.take("=") else { return }
            record(path, line: number, column: column)
            state.openKey = path
        }
        scanValue(&scanner, number: number, state: &state)
    }

    /// The rest of a line after `=` (or inside an open value): strings,
    /// brackets, and the keys of inline tables.
    private mutating func scanValue(_ scanner: inout KeyScanner, number: Int, state: inout ScanState) {
        while true {
            if let close = state.openString {
                guard scanner.skip(past: close) else { return }
                state.openString = nil
            }
            guard let character = scanner.next() else { return }
            if character == " " || character == "\t" || character == "\r" { continue }
            if character == "#" { return }  // a comment keeps what the array waits for
            if character == "}", state.arrayWaitsForValue, badArrayLine == nil { badArrayLine = number }
            state.arrayWaitsForValue = false
            switch character {
            case "\"", "'":
                state.openString = scanner.string(openedBy: character)
            case "[":
                state.stack.append(.array)
                state.arrayWaitsForValue = true
            case "]", "}": if !state.stack.isEmpty { state.stack.removeLast() }
            case "{":
                state.stack.append(.table(inlineTablePath(state)))
                inlineKey(&scanner, number: number, state: &state)
            case ",":
                if case .table = state.stack.last { inlineKey(&scanner, number: number, state: &state) }
                if case .array = state.stack.last { state.arrayWaitsForValue = true }
            default: break
            }
        }
    }

    /// The path of an inline table opening now: the key's before it, none inside an array.
    private func inlineTablePath(_ state: ScanState) -> [String]? {
        switch state.stack.last {
        case nil: return state.openKey
        case .array?: return nil
        case .table(let outer)?: return outer.map { $0 + state.lastInlineKey }
        }
    }

    private mutating func inlineKey(_ scanner: inout KeyScanner, number: Int, state: inout ScanState) {
        scanner.skipSpace()
        guard case .table(let table)? = state.stack.last else { return }
        let column = scanner.column
        guard let key = scanner.dottedKey() else { return }
        scanner.skipSpace()
        guard scanner.take("=") else { return }
        state.lastInlineKey = key
        if let table { record(table + key, line: number, column: column) }
    }

    private mutating func record(_ path: [String], line: Int, column: Int) {
        guard !path.isEmpty else { return }
        // A dotted key also places the tables it names.
        for length in 1...path.count where position[Array(path.prefix(length))] == nil {
            position[Array(path.prefix(length))] = Position(line: line, column: column)
        }
    }
}

/// Characters of one line, read a key or a string at a time.
private struct KeyScanner {
    private let characters: [Character]
    private var index = 0

    init(_ characters: [Character]) { self.characters = characters }

    var peek: Character? { index < characters.count ? characters[index] : nil }
    var column: Int { index + 1 }

    mutating func next() -> Character? {
        defer { index += 1 }
        return peek
    }

    mutating func skipSpace() {
        while let character = peek, character == " " || character == "\t" { index += 1 }
    }

    mutating func take(_ character: Character) -> Bool {
        guard peek == character else { return false }
        index += 1
        return true
    }

    /// After `[` or `[[` and spaces: a bare-key character, a quote or `]`
    /// (toml++ also aborts on a header the line ends in).
    var headerNameStartsWell: Bool {
        var index = self.index + 1
        if index < characters.count, characters[index] == "[" { index += 1 }
        while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
        guard index < characters.count else { return false }
        let character = characters[index]
        return character.isASCII && (character.isLetter || character.isNumber || "_-\"']".contains(character))
    }

    /// `[a.b]` or `[[a.b]]`: the table's path.
    mutating func header() -> [String] {
        _ = take("[")
        _ = take("[")
        skipSpace()
        return dottedKey() ?? []
    }

    /// `a.b."c d"`: bare or quoted parts, with spaces around the dots.
    mutating func dottedKey() -> [String]? {
        var parts: [String] = []
        repeat {
            skipSpace()
            guard let part = simpleKey() else { return nil }
            parts.append(part)
            skipSpace()
        } while take(".")
        return parts
    }

    private mutating func simpleKey() -> String? {
        switch peek {
        case "\"":
            index += 1
            var text = ""
            while let character = next() {
                if character == "\"" { return text }
                if character == "\\", let escaped = next() { text.append(Self.unescaped(escaped)) } else { text.append(character) }
            }
            return nil
        case "'":
            index += 1
            let start = index
            while let character = next(), character != "'" {}
            return index <= characters.count ? String(characters[start..<index - 1]) : nil
        default:
            let start = index
            while let character = peek, character.isASCII, character.isLetter || character.isNumber || character == "_" || character == "-" { index += 1 }
            return index > start ? String(characters[start..<index]) : nil
        }
    }

    private static func unescaped(_ character: Character) -> Character {
        switch character {
        case "n": return "\n"
        case "t": return "\t"
        default: return character
        }
    }

    /// Skips a string opened by `quote` (already read); returns the
    /// closing delimiter when it is a multi-line string left open.
    mutating func string(openedBy quote: Character) -> String? {
        let triple = String(repeating: quote, count: 3)
        if peek == quote, index + 1 < characters.count, characters[index + 1] == quote {
            index += 2
            return skip(past: triple) ? nil : triple
        }
        while let character = next() {
            if character == quote { return nil }
            if character == "\\" && quote == "\"" { index += 1 }
        }
        return nil
    }

    /// Moves past the next `delimiter` on the line; false when there is none.
    mutating func skip(past delimiter: String) -> Bool {
        let wanted = Array(delimiter)
        while index + wanted.count <= characters.count {
            if Array(characters[index..<index + wanted.count]) == wanted {
                index += wanted.count
                return true
            }
            if characters[index] == "\\" && wanted.first == "\"" { index += 1 }
            index += 1
        }
        index = characters.count
        return false
    }
}
