import Foundation

/// The small rules every decoder shares.
package enum FieldRules {
    /// Empty names and the literal `"null"` mean "no name".
    package static func displayName(_ value: String?) -> String? {
        guard let value else { return nil }
        // Most names need no trimming and are not "null": skip Foundation.
        let utf8 = value.utf8
        guard let first = utf8.first, let last = utf8.last else { return nil }
        if first != 0x20, first != 0x09, last != 0x20, last != 0x09 {
            return utf8.count == 4 && utf8.map({ $0 | 0x20 }).elementsEqual("null".utf8) ? nil : value
        }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed.lowercased() == "null" ? nil : trimmed
    }

    /// `StartTime` is documented in seconds but sent in milliseconds: values
    /// above 10^11 are milliseconds.
    package static func epochMilliseconds(_ value: Int64) -> Int64 {
        value > 100_000_000_000 ? value : value * 1000
    }
}
