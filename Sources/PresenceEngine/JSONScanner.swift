#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A one-pass JSON reader over bytes: no intermediate tree unless one is
/// asked for (`JSONValue`), strings made only for the fields a decoder uses,
/// numbers kept as their text until a field asks for them. The dashui
/// decoder walks it field by field (`DashuiScanner`); the other services
/// read a `JSONValue` tree built by it. Foundation's JSONSerialization is
/// not used on network bytes: it builds every field (about 20 MB/s here)
/// and turns a 22-digit id into a Double.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    /// Number fields that were there but could not be read (past 64 bits,
    /// not a number): each is read as unknown; the engine logs the count.
    var unreadableFields = 0
    /// Hostile nesting must not exhaust the stack.
    static let maximumDepth = 256

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// A value read leniently: strings and numbers stay as byte ranges until
    /// a field asks for them as text, a number or a flag.
    enum Scalar {
        case string(Range<Int>, escaped: Bool)
        case number(Range<Int>)
        case bool(Bool)
        case null
        /// An object or array where a scalar was expected: ignored, as the reference does.
        case structure
    }

    // MARK: - FieldRules readings of a scalar (as `FieldRules` reads Foundation's values)

    func string(_ value: Scalar) -> String? {
        switch value {
        case .string(let range, let escaped):
            let text = escaped ? Self.unescaped(bytes, range) : Self.text(bytes, range)
            return range.count > TextSafety.maximumScalars ? text.map(TextSafety.bounded) : text
        case .number(let range):
            if let whole = Self.integer(bytes, range) { return String(whole) }
            // An id of any length (a 22-digit presenceCallId) is kept digit for digit.
            if Self.isPlainInteger(bytes, range) { return Self.text(bytes, range) }
            let double = Self.double(bytes, range)
            if double.rounded() == double, abs(double) < 1e18 { return String(Int64(double)) }
            return Self.text(bytes, range)
        case .bool(let flag): return flag ? "true" : "false"
        case .null, .structure: return nil
        }
    }

    func int64(_ value: Scalar) -> Int64? {
        switch value {
        case .number(let range):
            if let whole = Self.integer(bytes, range) { return whole }
            let double = Self.double(bytes, range)
            return double.isFinite && abs(double) < 9e18 ? Int64(double) : nil
        case .string(let range, let escaped):
            // Fast path: plain digits, as the service sends durations.
            if !escaped, let whole = Self.integer(bytes, range) { return whole }
            guard let text = string(value) else { return nil }
            let trimmed = text.trimmingSpaces
            if let whole = Int64(trimmed) { return whole }
            if let double = Double(trimmed), double.isFinite, abs(double) < 9e18 { return Int64(double) }
            return nil
        case .bool(let flag): return flag ? 1 : 0
        case .null, .structure: return nil
        }
    }

    func bool(_ value: Scalar) -> Bool {
        switch value {
        case .bool(let flag): return flag
        case .string(let range, let escaped):
            guard !escaped else { return string(value).map { $0.trimmingSpaces.lowercased() == "true" } ?? false }
            // Spaces around it and any case, compared on the bytes.
            var lower = range.lowerBound, upper = range.upperBound
            while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
            while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
            guard upper - lower == 4 else { return false }
            return bytes[lower] | 0x20 == UInt8(ascii: "t") && bytes[lower + 1] | 0x20 == UInt8(ascii: "r")
                && bytes[lower + 2] | 0x20 == UInt8(ascii: "u") && bytes[lower + 3] | 0x20 == UInt8(ascii: "e")
        case .number(let range):
            if let whole = Self.integer(bytes, range) { return whole != 0 }
            return Int(exactly: Self.double(bytes, range).rounded(.towardZero)).map { $0 != 0 } ?? true
        case .null, .structure: return false
        }
    }

    // MARK: - JSON structure

    func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    mutating func expectEnd() throws(DecodeError) {
        skipSpace()
        guard position == bytes.count else { throw .notJSON("garbage after the value at byte \(position)") }
    }

    mutating func expect(_ byte: UInt8) throws(DecodeError) {
        skipSpace()
        guard position < bytes.count, bytes[position] == byte else { throw unexpected() }
        position += 1
    }

    func unexpected() -> DecodeError {
        position < bytes.count ? .notJSON("unexpected character at byte \(position)") : .notJSON("unexpected end of data")
    }

    /// Opens an object; `nextKey` then gives its keys one by one, leaving
    /// the scanner on each value. (No closures: this is the hot loop.)
    mutating func openObject(depth: Int) throws(DecodeError) {
        guard depth < Self.maximumDepth else { throw .notJSON("nested too deeply") }
        try expect(UInt8(ascii: "{"))
    }

    /// The next key of the open object, or nil at its end.
    mutating func nextKey(_ first: inout Bool) throws(DecodeError) -> Key? {
        skipSpace()
        guard position < bytes.count else { throw unexpected() }
        if first {
            first = false
            if bytes[position] == UInt8(ascii: "}") { position += 1; return nil }
        } else {
            let separator = bytes[position]
            if separator == UInt8(ascii: "}") { position += 1; return nil }
            guard separator == UInt8(ascii: ",") else { throw unexpected() }
            position += 1
            skipSpace()
        }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw unexpected() }
        let key = try self.key()
        try expect(UInt8(ascii: ":"))
        skipSpace()
        return key
    }

    mutating func openArray(depth: Int) throws(DecodeError) {
        guard depth < Self.maximumDepth else { throw .notJSON("nested too deeply") }
        try expect(UInt8(ascii: "["))
    }

    /// Whether the open array has another element (the scanner is then on it).
    mutating func nextElement(_ first: inout Bool) throws(DecodeError) -> Bool {
        skipSpace()
        guard position < bytes.count else { throw unexpected() }
        if first {
            first = false
            if bytes[position] == UInt8(ascii: "]") { position += 1; return false }
            return true
        }
        let separator = bytes[position]
        if separator == UInt8(ascii: "]") { position += 1; return false }
        guard separator == UInt8(ascii: ",") else { throw unexpected() }
        position += 1
        skipSpace()
        return true
    }

    /// An object key: its raw range, or its unescaped bytes when it had escapes.
    struct Key {
        var range: Range<Int>
        var unescaped: [UInt8]?
        var count: Int { unescaped?.count ?? range.count }
    }

    mutating func key() throws(DecodeError) -> Key {
        let (range, escaped) = try stringRange()
        guard escaped else { return Key(range: range, unescaped: nil) }
        return Key(range: range, unescaped: Array((Self.unescaped(bytes, range) ?? "").utf8))
    }

    func matches(_ key: Key, _ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        guard key.count == count else { return false }
        let expected = UnsafeBufferPointer(start: name.utf8Start, count: count)
        if let unescaped = key.unescaped { return unescaped.elementsEqual(expected) }
        return memcmp(bytes.baseAddress! + key.range.lowerBound, name.utf8Start, count) == 0
    }

    mutating func scalar(depth: Int) throws(DecodeError) -> Scalar {
        guard position < bytes.count else { throw unexpected() }
        switch bytes[position] {
        case UInt8(ascii: "\""):
            let (range, escaped) = try stringRange()
            return .string(range, escaped: escaped)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipValue(depth: depth)
            return .structure
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try numberRange())
        }
    }

    mutating func skipValue(depth: Int) throws(DecodeError) {
        skipSpace()
        guard position < bytes.count else { throw unexpected() }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            try openObject(depth: depth)
            var first = true
            while try nextKey(&first) != nil { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            try openArray(depth: depth)
            var first = true
            while try nextElement(&first) { try skipValue(depth: depth + 1) }
        default: _ = try scalar(depth: depth)
        }
    }

    mutating func literal(_ word: StaticString) throws(DecodeError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw .notJSON("unexpected end of data") }
        for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] { throw unexpected() }
        position += count
    }

    /// The contents of a string (without quotes), and whether it has escapes.
    mutating func stringRange() throws(DecodeError) -> (Range<Int>, Bool) {
        position += 1
        let start = position
        var escaped = false
        let base = bytes.baseAddress!
        while position < bytes.count {
            // Eight bytes at a time to the first quote, backslash or control.
            while position + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                let stops = Self.quoteBackslashOrControl(word)
                if stops != 0 { position += stops.trailingZeroBitCount >> 3; break }
                position += 8
            }
            guard position < bytes.count else { break }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return (start..<position - 1, escaped)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                try checkEscape()
                continue
            }
            if byte < 0x20 { throw .notJSON("control character in a string at byte \(position)") }
            position += 1
        }
        throw .notJSON("unterminated string")
    }

    /// Checks the escape at `position` (as the reference refuses bad ones:
    /// unknown letters, short `\u`, unpaired surrogates) and steps over it.
    mutating func checkEscape() throws(DecodeError) {
        guard position + 1 < bytes.count else { throw .notJSON("unterminated string") }
        switch bytes[position + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
        case UInt8(ascii: "u"):
            guard let code = hex4(at: position + 2) else { throw .notJSON("bad \\u escape at byte \(position)") }
            position += 6
            if (0xDC00...0xDFFF).contains(code) { throw .notJSON("unpaired surrogate at byte \(position - 6)") }
            if (0xD800...0xDBFF).contains(code) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u"),
                      let low = hex4(at: position + 2), (0xDC00...0xDFFF).contains(low)
                else { throw .notJSON("unpaired surrogate at byte \(position - 6)") }
                position += 6
            }
        default:
            throw .notJSON("bad escape at byte \(position)")
        }
    }

    func hex4(at start: Int) -> UInt32? { Self.hex4(bytes, at: start, end: bytes.count) }

    /// Four hex digits at `start` (before `end`) as a number.
    static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> UInt32? {
        guard start + 4 <= end else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[start + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// SWAR: the high bit of each byte of `word` that is `"`, `\` or below
    /// 0x20 (the lowest set bit is exact; bits above it may be spurious).
    @inline(__always)
    static func quoteBackslashOrControl(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        return ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- ones &* 0x20) & ~word) & highs
    }

    mutating func numberRange() throws(DecodeError) -> Range<Int> {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        let digitsStart = position
        while let byte = peek(), byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { position += 1 }
        guard position > digitsStart else { throw unexpected() }
        if bytes[digitsStart] == UInt8(ascii: "0") && position - digitsStart > 1 { throw .notJSON("leading zero at byte \(digitsStart)") }
        if peek() == UInt8(ascii: ".") {
            position += 1
            let fraction = position
            while let byte = peek(), byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { position += 1 }
            guard position > fraction else { throw unexpected() }
        }
        if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            position += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
            let exponent = position
            while let byte = peek(), byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { position += 1 }
            guard position > exponent else { throw unexpected() }
        }
        return start..<position
    }

    // MARK: - Bytes to values

    static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// A plain optional minus sign and up to 18 digits; anything else is nil.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        var index = range.lowerBound
        let negative = index < range.upperBound && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let digits = range.upperBound - index
        guard digits > 0, digits <= 18 else { return nil }
        var value: Int64 = 0
        while index < range.upperBound {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
            index += 1
        }
        return negative ? -value : value
    }

    /// An optional minus sign and digits only, of any length.
    static func isPlainInteger(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        if index < range.upperBound && bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < range.upperBound else { return false }
        while index < range.upperBound {
            guard bytes[index] &- UInt8(ascii: "0") < 10 else { return false }
            index += 1
        }
        return true
    }

    static func double(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double {
        Double(text(bytes, range)) ?? .nan
    }

    /// A string with escapes undone; nil when an escape is malformed.
    static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        // One UTF-8 buffer for the whole string: appending each piece to a
        // String copied what was there every time (quadratic on a long text
        // full of escapes, found by `switchboard-bench names`).
        var utf8: [UInt8] = []
        utf8.reserveCapacity(range.count)
        var index = range.lowerBound
        func hex(_ at: Int) -> UInt32? { hex4(bytes, at: at, end: range.upperBound) }
        while index < range.upperBound {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else { utf8.append(byte); index += 1; continue }
            guard index + 1 < range.upperBound else { return nil }
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                guard var code = hex(index) else { return nil }
                index += 4
                if (0xD800...0xDBFF).contains(code), index + 6 <= range.upperBound, bytes[index] == UInt8(ascii: "\\"),
                   bytes[index + 1] == UInt8(ascii: "u"), let low = hex(index + 2), (0xDC00...0xDFFF).contains(low) {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                Unicode.UTF8.encode(Unicode.Scalar(code) ?? "\u{FFFD}") { utf8.append($0) }
            default: return nil
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}

extension String {
    var trimmingSpaces: Substring {
        let trimmed = drop { $0 == " " || $0 == "\t" }
        return trimmed.dropLast(trimmed.reversed().prefix { $0 == " " || $0 == "\t" }.count)
    }
}

/// UTF-8 validation with an ASCII fast path: eight bytes at a time while
/// no high bit is set, the full rules only around other bytes.
package enum UTF8Check {
    /// The bytes with every invalid sequence replaced by U+FFFD.
    package static func repaired(_ bytes: [UInt8]) -> [UInt8] { Array(String(decoding: bytes, as: UTF8.self).utf8) }

    /// The bytes themselves when they are valid UTF-8, else repaired.
    static func validOrRepaired(_ bytes: [UInt8]) -> (bytes: [UInt8], repaired: Bool) {
        bytes.withUnsafeBufferPointer(isValid) ? (bytes, false) : (repaired(bytes), true)
    }

    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        while index < count {
            if index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 { index += 8; continue }
            }
            let lead = base[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var minimum: UInt32
            var value: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(lead & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(lead & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(lead & 0x07)
            default: return false
            }
            guard index + length <= count else { return false }
            for offset in 1..<length {
                let next = base[index + offset]
                guard next & 0xC0 == 0x80 else { return false }
                value = value << 6 | UInt32(next & 0x3F)
            }
            guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return false }
            minimum = 0
            index += length
        }
        return true
    }
}
