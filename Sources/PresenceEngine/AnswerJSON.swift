/// Parses bytes from the network into a `JSONValue` tree, never trapping:
/// invalid UTF-8 is replaced by U+FFFD first, then the strict parser is tried, then the
/// relaxed form the guide's examples use (unquoted keys, single quotes,
/// trailing commas, comments) is rewritten to strict JSON and parsed again.
/// Foundation's JSON5 mode is not used: it has trapped on invalid
/// UTF-8 (TECH-NOTES.md) and, found by `make fuzz`, on a number like `64E+`.
enum AnswerJSON {
    static func parse(_ input: [UInt8]) throws(DecodeError) -> JSONValue {
        let bytes = UTF8Check.validOrRepaired(input).bytes
        let strictError: DecodeError
        do { return try JSONValue.parse(bytes) } catch { strictError = error }
        guard let strict = RelaxedJSONRewriter.strict(bytes), let value = try? JSONValue.parse(strict) else { throw strictError }
        return value
    }

    static func object(_ bytes: [UInt8]) throws(DecodeError) -> [String: JSONValue] {
        guard let object = try parse(bytes).object else { throw .unexpectedShape("top level is not an object") }
        return object
    }
}

/// Rewrites the relaxed JSON of the API guide's examples as strict JSON:
/// unquoted keys are quoted, single-quoted strings double-quoted, trailing
/// commas and `//` or `/* */` comments dropped. Anything else is copied, so
/// the strict parser still judges it; nil for an unterminated string or comment.
struct RelaxedJSONRewriter {
    private let input: [UInt8]
    private var index = 0
    private var output: [UInt8] = []

    private static let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), backslash = UInt8(ascii: "\\")
    private static let slash = UInt8(ascii: "/"), star = UInt8(ascii: "*")

    private init(_ input: [UInt8]) {
        self.input = input
        output.reserveCapacity(input.count + 64)
    }

    static func strict(_ input: [UInt8]) -> [UInt8]? {
        var rewriter = RelaxedJSONRewriter(input)
        return rewriter.rewrite() ? rewriter.output : nil
    }

    private mutating func rewrite() -> Bool {
        while index < input.count {
            let byte = input[index]
            switch byte {
            case Self.quote, Self.apostrophe:
                guard copyString(closingWith: byte) else { return false }
            case Self.slash where startsComment(at: index):
                guard skipComment() else { return false }
            case UInt8(ascii: ","):
                // A comma before a closing bracket is dropped.
                let next = nextSignificant(index + 1)
                if next != UInt8(ascii: "}") && next != UInt8(ascii: "]") { output.append(byte) }
                index += 1
            default:
                if Self.isIdentifierStart(byte) {
                    copyWord()
                } else {
                    output.append(byte)
                    index += 1
                }
            }
        }
        return true
    }

    /// A string, copied with its escapes; a single-quoted one is re-quoted. False when it never closes.
    private mutating func copyString(closingWith closing: UInt8) -> Bool {
        output.append(Self.quote)
        index += 1
        while index < input.count {
            let inner = input[index]
            if inner == Self.backslash, index + 1 < input.count {
                if input[index + 1] == Self.apostrophe { output.append(Self.apostrophe) } else { output += [inner, input[index + 1]] }
                index += 2
                continue
            }
            index += 1
            if inner == closing {
                output.append(Self.quote)
                return true
            }
            if inner == Self.quote { output += [Self.backslash, Self.quote] } else { output.append(inner) }
        }
        return false
    }

    private func startsComment(at at: Int) -> Bool {
        input[at] == Self.slash && at + 1 < input.count && (input[at + 1] == Self.slash || input[at + 1] == Self.star)
    }

    /// `// …` to the end of the line, or `/* … */`. False for a block comment that never closes.
    private mutating func skipComment() -> Bool {
        if input[index + 1] == Self.slash {
            while index < input.count, input[index] != 0x0A { index += 1 }
            return true
        }
        index += 2
        while index + 1 < input.count, !(input[index] == Self.star && input[index + 1] == Self.slash) { index += 1 }
        guard index + 1 < input.count else { return false }
        index += 2
        return true
    }

    /// A bare word: followed by ':' it is a key and is quoted; true, false and null stay words.
    private mutating func copyWord() {
        let start = index
        while index < input.count, Self.isIdentifierPart(input[index]) { index += 1 }
        let word = input[start..<index]
        if nextSignificant(index) == UInt8(ascii: ":") {
            output.append(Self.quote)
            output += word
            output.append(Self.quote)
        } else {
            output += word
        }
    }

    /// The next byte that is not space or a comment, from `start`.
    private func nextSignificant(_ start: Int) -> UInt8? {
        var at = start
        while at < input.count {
            if Self.isSpace(input[at]) { at += 1; continue }
            if input[at] == Self.slash, at + 1 < input.count, input[at + 1] == Self.slash {
                while at < input.count, input[at] != 0x0A { at += 1 }
                continue
            }
            if input[at] == Self.slash, at + 1 < input.count, input[at + 1] == Self.star {
                at += 2
                while at + 1 < input.count, !(input[at] == Self.star && input[at + 1] == Self.slash) { at += 1 }
                at += 2
                continue
            }
            return input[at]
        }
        return nil
    }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
    }

    private static func isIdentifierPart(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || (byte >= 0x30 && byte <= 0x39) }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
}
