import Foundation
import PresenceEngine

/// The orders `s` cycles through.
enum ExtensionSort: String, CaseIterable, Sendable {
    case number, name, status

    var next: ExtensionSort {
        let all = ExtensionSort.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// The states in this order. Indices are sorted, not the states
    /// themselves: moving a 10,000-element array of large structs through a
    /// merge sort costs more than the comparisons.
    func sorted(_ states: [ExtensionState]) -> [ExtensionState] {
        // Each number parsed once, not in every comparison (200,000 rows
        // sort in a third of the time).
        let numbers = states.map { Int($0.number) }
        func precedes(_ left: Int, _ right: Int) -> Bool {
            switch (numbers[left], numbers[right]) {
            case let (l?, r?): return l != r ? l < r : states[left].number < states[right].number
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return states[left].number < states[right].number
            }
        }
        let order: [Int]
        switch self {
        case .number:
            order = states.indices.sorted(by: precedes)
        case .name:
            let folded = states.map { SearchText.fold($0.name) }
            order = states.indices.sorted { folded[$0] != folded[$1] ? folded[$0] < folded[$1] : precedes($0, $1) }
        case .status:
            // Ringing first, then on calls, available, and DND last.
            let ranks = states.map(Self.rank)
            order = states.indices.sorted { ranks[$0] != ranks[$1] ? ranks[$0] < ranks[$1] : precedes($0, $1) }
        }
        return order.map { states[$0] }
    }

    /// The status order: ringing first, then on calls, available, and DND last.
    static func rank(_ state: ExtensionState) -> Int {
        state.isRinging ? 0 : state.isBusy ? 1 : state.doNotDisturb ? 3 : 2
    }
}

/// Text folded for finding: no case, no accents, so `zoe` finds `Zoë`.
enum SearchText {
    static func fold(_ text: String) -> String {
        // Most names are ASCII: lower-cased byte by byte, no decomposition
        // (a 200,000-extension account folds in milliseconds).
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return String(String.UnicodeScalarView(text.decomposedStringWithCanonicalMapping.unicodeScalars.filter {
            $0.properties.generalCategory != .nonspacingMark
        })).lowercased()
    }

    /// The query as it is looked for: trimmed and folded; nil finds everyone.
    static func needle(_ query: String) -> [UInt8]? {
        let needle = Array(fold(query.trimmingCharacters(in: .whitespaces)).utf8)
        return needle.isEmpty ? nil : needle
    }

    /// Whether `needle`'s bytes are in `text` (both folded: a byte match is
    /// a match of the folded scalars).
    static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, text.utf8.count >= needle.count else { return needle.isEmpty }
        return text.utf8.withContiguousStorageIfAvailable { haystack in
            // Names are short: a plain scan from each place the first byte is.
            var start = 0
            while start + needle.count <= haystack.count {
                if haystack[start] == first, haystack[start..<start + needle.count].elementsEqual(needle) { return true }
                start += 1
            }
            return false
        } ?? text.contains(String(decoding: needle, as: UTF8.self))
    }
}
