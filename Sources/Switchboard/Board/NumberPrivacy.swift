/// How outside numbers are shown on a public screen: whole, or with their
/// middle masked (`mask_numbers = true`: `+1 617 •••• 4444`). Extensions
/// (six digits or fewer) and names always stay; the commands and the
/// journal keep whole numbers (they never use this).
struct NumberPrivacy: Equatable, Sendable {
    var masks: Bool
    /// What stands for the hidden digits.
    var mask: String

    static let whole = NumberPrivacy(masks: false, mask: "••••")
    static func masked(ascii: Bool) -> NumberPrivacy { NumberPrivacy(masks: true, mask: ascii ? "****" : "••••") }

    /// The number as the board shows it (`PhoneNumberFormat.display`), masked when asked.
    func shown(_ raw: String) -> String {
        let text = PhoneNumberFormat.display(raw)
        guard masks, PhoneNumberFormat.digits(raw).count > 6 else { return text }
        return masking(grouped: text)
    }

    /// Without spaces, for a column too narrow for the grouped form: `+1617••••4444`.
    func compact(_ raw: String) -> String {
        let text = PhoneNumberFormat.compact(raw)
        guard masks, PhoneNumberFormat.digits(raw).count > 6 else { return text }
        let characters = Array(text)
        let keep = min(5, max(0, characters.count - 8))
        return String(characters.prefix(keep)) + mask + String(characters.suffix(4))
    }

    /// The country code, an area code of up to three digits and the last
    /// four digits stay; what is between becomes the mask.
    func masking(grouped text: String) -> String {
        let groups = text.split(separator: " ").map(String.init)
        let digits = text.filter(\.isASCII).filter(\.isNumber)
        guard groups.count >= 3, digits.count > 6 else {
            let characters = Array(text)
            return String(characters.prefix(max(0, characters.count - 8))) + mask + String(characters.suffix(4))
        }
        let head = [groups[0]] + (groups[1].count <= 3 ? [groups[1]] : [])
        return (head + [mask, String(digits.suffix(4))]).joined(separator: " ")
    }
}
