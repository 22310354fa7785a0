/// Dial strings for people: `15557852675` -> `+1 555 785 2675`.
enum PhoneNumberFormat {
    /// The ASCII digits of `raw` (bytes, not characters: this runs for every
    /// call on every frame).
    static func digits(_ raw: String) -> [UInt8] {
        raw.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }
    }

    static func display(_ raw: String) -> String {
        let d = digits(raw)
        guard !d.isEmpty else { return TextWidth.sanitized(raw) }
        let digits = String(decoding: d, as: UTF8.self)
        func group(_ range: Range<Int>) -> String { String(decoding: d[range], as: UTF8.self) }
        switch d.count {
        case ...6:
            return digits  // an extension
        case 10:
            return "+1 \(group(0..<3)) \(group(3..<6)) \(group(6..<10))"
        case 11 where d[0] == 0x31:
            return "+1 \(group(1..<4)) \(group(4..<7)) \(group(7..<11))"
        default:
            if digits.hasPrefix("011") { return display(String(digits.dropFirst(3))) }
            if digits.hasPrefix("44"), d.count == 12 {
                return "+44 \(group(2..<4)) \(group(4..<8)) \(group(8..<12))"
            }
            // Unknown plan: country code guess of two digits, then groups of four.
            var text = "+" + group(0..<2)
            var index = 2
            while index < d.count {
                let end = min(d.count, index + 4)
                text += " " + group(index..<end)
                index = end
            }
            return text
        }
    }

    /// The same number with no spaces (`+442079460018`): what is shown when
    /// the grouped form does not fit, so a number is never cut inside.
    static func compact(_ raw: String) -> String {
        let digits = String(decoding: self.digits(raw), as: UTF8.self)
        guard digits.count > 6 else { return display(raw) }
        if digits.count == 10 { return "+1" + digits }
        if digits.hasPrefix("011") { return compact(String(digits.dropFirst(3))) }
        return "+" + digits
    }
}
