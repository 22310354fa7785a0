import PresenceEngine

/// Terminal cell widths and sanitising, without the C library's locale:
/// the same answers in tests, on a UTF-8 wall display and over SSH.
///
/// One measure for the board, the layout and the CLI tables. Terminals
/// (and tmux, the documented wall set-up) disagree about the width of an
/// emoji joined with ZWJ, a skin tone, a variation selector or a flood of
/// combining marks; so text is first put in a form whose width every one of
/// them agrees on: invisible format characters go (ZWJ and ZWNJ, zero-width
/// spaces, joiners, soft hyphens, byte-order marks, tag characters,
/// variation selectors, skin-tone modifiers: a joined family shows as its
/// members side by side), a base keeps at most two combining marks, and
/// each cell holds one spacing scalar with its marks, measured as glibc's
/// `wcwidth` measures it (2 for East Asian wide and emoji presentation, 0
/// for marks, 1 for the rest, a regional indicator included).
package enum TextWidth {
    /// One cell (or two) of text: a spacing scalar and its marks.
    struct Cluster: Equatable {
        var text: String
        var width: Int

        /// The cell's character (a mark Swift would not join keeps only the base).
        var character: Character {
            text.count == 1 ? Character(text) : Character(text.unicodeScalars.first!)
        }
    }

    /// Combining marks kept on one base; the rest of a flood is dropped.
    static let maximumMarks = 2

    /// Text as it is drawn: everything a terminal could interpret replaced
    /// with U+FFFD, invisible format characters removed, mark floods cut.
    package static func sanitized(_ text: String) -> String {
        if isPlainASCII(text) { return text }
        return clusters(of: text).map(\.text).joined()
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool { TextSafety.isUnsafe(scalar) }

    static func width(of text: String) -> Int {
        // Printable ASCII: a cell a byte, no grapheme breaking.
        if isPlainASCII(text) { return text.utf8.count }
        return clusters(of: text).reduce(0) { $0 + $1.width }
    }

    static func width(of character: Character) -> Int { width(of: String(character)) }

    /// The cells of `text` in order: each a spacing scalar with up to
    /// `maximumMarks` marks, its width 1 or 2.
    static func clusters(of text: String) -> [Cluster] {
        let clean = TextSafety.printable(text, replacement: "\u{FFFD}")
        var result: [Cluster] = []
        var marks = 0
        for scalar in clean.unicodeScalars where !isDropped(scalar) {
            let cells = width(of: scalar)
            if cells == 0 {
                // A mark joins the cell before it; a leading one, or one past the limit, goes.
                guard !result.isEmpty, marks < maximumMarks else { continue }
                result[result.count - 1].text.unicodeScalars.append(scalar)
                marks += 1
                continue
            }
            result.append(Cluster(text: String(scalar), width: cells))
            marks = 0
        }
        return result
    }

    /// Invisible format characters whose width terminals disagree on.
    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xAD, 0x200B...0x200D, 0x2060...0x2064, 0xFEFF, 0x180E: return true  // soft hyphen, zero widths, joiners
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF: return true                    // variation selectors
        case 0x1F3FB...0x1F3FF: return true                                     // skin-tone modifiers
        case 0xE0000...0xE007F: return true                                     // tag characters (subdivision flags)
        case 0..<0x300: return false
        default: return scalar.properties.generalCategory == .format
        }
    }

    /// A scalar's cells, as glibc's `wcwidth`: 0 for a combining mark or a
    /// Hangul vowel or final jamo, 2 for East Asian wide and fullwidth and
    /// emoji presentation, else 1.
    static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        // Below U+0300 nothing is wide or combining, nor among the
        // punctuation, box-drawing and shape blocks the board draws with:
        // skip the property tables.
        switch value {
        case 0..<0x300, 0x2010...0x2027, 0x2190...0x21FF, 0x2500...0x25FF: return 1
        case 0x1160...0x11FF, 0xD7B0...0xD7FF: return 0  // Hangul medial vowels and final consonants
        case 0x1F1E6...0x1F1FF: return 1                 // regional indicators: a flag is two cells
        default: break
        }
        let properties = scalar.properties
        if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark { return 0 }
        return isWide(value) || properties.isEmojiPresentation ? 2 : 1
    }

    /// East Asian wide and fullwidth blocks (emoji are told by their presentation).
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// The first of `wordings` (longest first) that fits in `width` cells, else the last.
    static func firstFitting(_ wordings: [String], width: Int) -> String {
        wordings.first { self.width(of: $0) <= width } ?? wordings.last ?? ""
    }
}
