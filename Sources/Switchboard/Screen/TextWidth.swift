import PresenceEngine

/// Terminal cell widths and sanitising, without the C library's locale:
/// the same answers in tests, on a UTF-8 wall display and over SSH.
enum TextWidth {
    /// Replaces everything a terminal could interpret with U+FFFD.
    static func sanitized(_ text: String) -> String {
        TextSafety.printable(text, replacement: "\u{FFFD}")
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool { TextSafety.isUnsafe(scalar) }

    static func width(of text: String) -> Int {
        // Printable ASCII: a cell a byte, no grapheme breaking.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return text.reduce(0) { $0 + width(of: $1) }
    }

    /// 2 for East Asian wide and fullwidth characters and emoji, 0 for a
    /// cluster of only combining marks, else 1.
    static func width(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        // Below U+0300 nothing is wide or combining, nor among the
        // punctuation, box-drawing and shape blocks the board draws with:
        // skip the property tables.
        switch first.value {
        case 0..<0x300, 0x2010...0x2027, 0x2190...0x21FF, 0x2500...0x25FF: return 1
        default: break
        }
        if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark {
            return 0
        }
        return isWide(first.value) ? 2 : 1
    }

    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The first of `wordings` (longest first) that fits in `width` cells, else the last.
    static func firstFitting(_ wordings: [String], width: Int) -> String {
        wordings.first { self.width(of: $0) <= width } ?? wordings.last ?? ""
    }
}
