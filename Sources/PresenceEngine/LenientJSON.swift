/// Parses bytes from the network into a `JSONValue` tree, never trapping:
/// invalid UTF-8 is replaced by U+FFFD first, then the strict parser is tried, then the
/// relaxed form the guide's examples use (unquoted keys, single quotes,
/// trailing commas, comments) is rewritten to strict JSON and parsed again.
/// Foundation's JSON5 mode is not used: it has trapped on invalid
/// UTF-8 (TECH-NOTES.md) and, found by `make fuzz`, on a number like `64E+`.
enum LenientJSON {
    static func parse(_ input: [UInt8]) throws(DecodeError) -> JSONValue {
        let bytes = UTF8Check.validOrRepaired(input).bytes
        let strictError: DecodeError
        do { return try JSONValue.parse(bytes) } catch { strictError = error }
        guard let strict = RelaxedJSON.strict(bytes), let value = try? JSONValue.parse(strict) else { throw strictError }
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
enum RelaxedJSON {
    static func strict(_ input: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(input.count + 64)
        var index = 0
        let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), backslash = UInt8(ascii: "\\")
        func isIdentifierStart(_ byte: UInt8) -> Bool {
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
        }
        func isIdentifierPart(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || (byte >= 0x30 && byte <= 0x39) }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        /// The next byte that is not space or a comment, from `start`.
        func nextSignificant(_ start: Int) -> UInt8? {
            var at = start
            while at < input.count {
                if isSpace(input[at]) { at += 1; continue }
                if input[at] == UInt8(ascii: "/"), at + 1 < input.count, input[at + 1] == UInt8(ascii: "/") {
                    while at < input.count, input[at] != 0x0A { at += 1 }
                    continue
                }
                if input[at] == UInt8(ascii: "/"), at + 1 < input.count, input[at + 1] == UInt8(ascii: "*") {
                    at += 2
                    while at + 1 < input.count, !(input[at] == UInt8(ascii: "*") && input[at + 1] == UInt8(ascii: "/")) { at += 1 }
                    at += 2
                    continue
                }
                return input[at]
            }
            return nil
        }
        while index < input.count {
            let byte = input[index]
            switch byte {
            case quote, apostrophe:
                // A string, copied with its escapes; a single-quoted one is re-quoted.
                output.append(quote)
                index += 1
                var closed = false
                while index < input.count {
                    let inner = input[index]
                    if inner == backslash, index + 1 < input.count {
                        if input[index + 1] == apostrophe { output.append(apostrophe) } else { output += [inner, input[index + 1]] }
                        index += 2
                        continue
                    }
                    index += 1
                    if inner == byte { closed = true; break }
                    if inner == quote { output += [backslash, quote] } else { output.append(inner) }
                }
                guard closed else { return nil }
                output.append(quote)
            case UInt8(ascii: "/") where index + 1 < input.count && input[index + 1] == UInt8(ascii: "/"):
                while index < input.count, input[index] != 0x0A { index += 1 }
            case UInt8(ascii: "/") where index + 1 < input.count && input[index + 1] == UInt8(ascii: "*"):
                index += 2
                while index + 1 < input.count, !(input[index] == UInt8(ascii: "*") && input[index + 1] == UInt8(ascii: "/")) { index += 1 }
                guard index + 1 < input.count else { return nil }
                index += 2
            case UInt8(ascii: ","):
                // A comma before a closing bracket is dropped.
                let next = nextSignificant(index + 1)
                if next != UInt8(ascii: "}") && next != UInt8(ascii: "]") { output.append(byte) }
                index += 1
            default:
                if isIdentifierStart(byte) {
                    let start = index
                    while index < input.count, isIdentifierPart(input[index]) { index += 1 }
                    let word = input[start..<index]
                    // A bare word followed by ':' is a key; true, false and null stay words.
                    if nextSignificant(index) == UInt8(ascii: ":") {
                        output.append(quote)
                        output += word
                        output.append(quote)
                    } else {
                        output += word
                    }
                } else {
                    output.append(byte)
                    index += 1
                }
            }
        }
        return output
    }
}
