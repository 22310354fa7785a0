/// Text from the server made safe for a terminal: names and error texts
/// can carry escape sequences, C1 controls or bidi overrides.
///
/// Whole escape sequences are removed, not just their ESC: CSI (`ESC [` …
/// final byte), OSC (`ESC ]` … BEL or ST), DCS, SOS, PM and APC strings (…
/// ST), their one-scalar C1 forms, and two-byte escapes (`ESC c`). What a
/// terminal would have swallowed is swallowed, so the rest stays readable:
/// `ESC]2;pwned BEL ESC[2J Eve` reads `�Eve`, one marker for the run.
public enum TextSafety {
    /// Text from the service is cut to this many Unicode scalars (and `…`)
    /// as it is decoded, before anything else: no name is longer than a
    /// screen, and no later step (sanitising, measuring, cutting to a
    /// column, a CLI table) can take time out of proportion to it.
    public static let maximumScalars = 256

    /// `text` cut to `maximumScalars`, with `…` when cut. Linear in the
    /// part kept; a short text is returned as it is.
    public static func bounded(_ text: String) -> String {
        guard text.utf8.count > maximumScalars else { return text }  // fewer bytes than the bound: fewer scalars
        var kept = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        var count = 0
        while count < maximumScalars, let scalar = iterator.next() {
            kept.append(scalar)
            count += 1
        }
        guard iterator.next() != nil else { return text }
        // A control string cut before its end would let its insides show: it goes whole.
        if let open = unterminatedStringStart(Array(kept)) { kept = String.UnicodeScalarView(Array(kept)[..<open]) }
        kept.append("…")
        return String(kept)
    }

    /// Where an OSC, DCS, SOS, PM or APC string that `scalars` does not
    /// close begins; nil when every one is closed.
    static func unterminatedStringStart(_ scalars: [Unicode.Scalar]) -> Int? {
        var open: (start: Int, bellEnds: Bool)?
        var index = 0
        while index < scalars.count {
            let value = scalars[index].value
            let next = index + 1 < scalars.count ? scalars[index + 1].value : nil
            if let current = open {
                if value == 0x9C || (current.bellEnds && value == 0x07) || (value == 0x1B && next == 0x5C) { open = nil }
            } else if value == 0x1B, let next, [0x5D, 0x50, 0x58, 0x5E, 0x5F].contains(next) {
                open = (index, next == 0x5D)
                index += 1
            } else if [0x9D, 0x90, 0x98, 0x9E, 0x9F].contains(value) {
                open = (index, value == 0x9D)
            }
            index += 1
        }
        return open?.start
    }

    /// Scalars a terminal could interpret: C0 and C1 controls, DEL, and the
    /// bidirectional controls (they reorder the rest of the line).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return true
        default: return false
        }
    }

    /// The text with every escape sequence and unsafe scalar removed; each
    /// run of removed ones leaves one `replacement` (U+FFFD on screen, so
    /// the reader sees something was there), or nothing (`nil`).
    public static func printable(_ text: String, replacement: Unicode.Scalar? = nil) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        var removing = false
        while index < scalars.count {
            let end = sequenceEnd(scalars, from: index)
            if end == index {
                result.append(scalars[index])
                removing = false
                index += 1
                continue
            }
            if !removing, let replacement { result.append(replacement) }
            removing = true
            index = end
        }
        return String(result)
    }

    /// Where the unsafe piece starting at `start` ends (exclusive): a whole
    /// escape sequence, or one unsafe scalar; `start` when it is safe.
    static func sequenceEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        let first = scalars[start].value
        guard isUnsafe(scalars[start]) else { return start }
        switch first {
        case 0x1B:
            guard start + 1 < scalars.count else { return start + 1 }
            let next = scalars[start + 1].value
            switch next {
            case 0x5B: return controlSequenceEnd(scalars, from: start + 2)         // ESC [  CSI
            case 0x5D: return stringEnd(scalars, from: start + 2, bellEnds: true)  // ESC ]  OSC
            case 0x50, 0x58, 0x5E, 0x5F: return stringEnd(scalars, from: start + 2, bellEnds: false) // DCS SOS PM APC
            case 0x20...0x2F:
                // ESC, intermediates, a final byte (`ESC ( B`).
                var index = start + 1
                while index < scalars.count, (0x20...0x2F).contains(scalars[index].value) { index += 1 }
                return index < scalars.count && (0x30...0x7E).contains(scalars[index].value) ? index + 1 : index
            case 0x30...0x7E: return start + 2                                     // ESC c, ESC 7
            default: return start + 1
            }
        case 0x9B: return controlSequenceEnd(scalars, from: start + 1)
        case 0x9D: return stringEnd(scalars, from: start + 1, bellEnds: true)
        case 0x90, 0x98, 0x9E, 0x9F: return stringEnd(scalars, from: start + 1, bellEnds: false)
        default: return start + 1
        }
    }

    /// Parameter bytes, intermediate bytes, then one final byte; a scalar
    /// outside those ends the sequence unconsumed.
    private static func controlSequenceEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < scalars.count, (0x30...0x3F).contains(scalars[index].value) { index += 1 }
        while index < scalars.count, (0x20...0x2F).contains(scalars[index].value) { index += 1 }
        if index < scalars.count, (0x40...0x7E).contains(scalars[index].value) { index += 1 }
        return index
    }

    /// A control string's payload up to its terminator: ST (`ESC \` or
    /// 0x9C), or BEL for OSC. Without a terminator only the introducer
    /// goes, so an unclosed string cannot hide the rest of a name.
    private static func stringEnd(_ scalars: [Unicode.Scalar], from start: Int, bellEnds: Bool) -> Int {
        var index = start
        while index < scalars.count {
            let value = scalars[index].value
            if value == 0x9C || (bellEnds && value == 0x07) { return index + 1 }
            if value == 0x1B, index + 1 < scalars.count, scalars[index + 1].value == 0x5C { return index + 2 }
            // Another control starts something else: the string ended.
            if value == 0x1B || value == 0x18 || value == 0x1A { return index }
            index += 1
        }
        return start
    }
}
