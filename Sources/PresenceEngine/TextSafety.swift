/// Text from the server made safe for a terminal: names and error texts
/// can carry escape sequences, C1 controls or bidi overrides.
public enum TextSafety {
    /// Scalars a terminal could interpret: C0 and C1 controls, DEL, and the
    /// bidirectional controls (they reorder the rest of the line).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return true
        default: return false
        }
    }

    /// The text with every unsafe scalar replaced (U+FFFD by default, so the
    /// reader sees something was there) or removed (`nil`).
    public static func printable(_ text: String, replacement: Unicode.Scalar? = nil) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if !isUnsafe(scalar) {
                result.append(scalar)
            } else if let replacement {
                result.append(replacement)
            }
        }
        return String(result)
    }
}
