/// Click-to-call number rules, checked before any request, exactly as the
/// service applies them (API.md): non-digits are stripped; an extension on
/// the account is always valid; otherwise at least 6 digits, or 9 after
/// `011`; domestic is 10 digits, or 11 starting with 1; the rest is
/// international.
public enum NumberRules {
    public enum Kind: String, Sendable, Equatable {
        case `extension`
        case domestic
        case international
    }

    /// A number ready to dial.
    public struct Target: Sendable, Equatable {
        public var digits: String
        public var kind: Kind
    }

    /// Why a number cannot be dialled; `description` is shown to people.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case noDigits
        case tooShort(digits: Int, needed: Int)

        public var description: String {
            switch self {
            case .noDigits: return "no digits to dial"
            case .tooShort(let digits, let needed):
                return needed == 9
                    ? "numbers starting 011 need at least 9 digits (this has \(digits))"
                    : "not an extension, and outside numbers need at least 6 digits (this has \(digits))"
            }
        }
    }

    public static func digits(of text: String) -> String {
        String(text.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
    }

    public static func check(_ text: String, extensions: Set<String>) -> Result<Target, Problem> {
        let digits = digits(of: text)
        guard !digits.isEmpty else { return .failure(.noDigits) }
        if extensions.contains(digits) { return .success(Target(digits: digits, kind: .extension)) }
        let needed = digits.hasPrefix("011") ? 9 : 6
        guard digits.count >= needed else { return .failure(.tooShort(digits: digits.count, needed: needed)) }
        let domestic = digits.count == 10 || (digits.count == 11 && digits.hasPrefix("1"))
        return .success(Target(digits: digits, kind: domestic ? .domestic : .international))
    }
}
