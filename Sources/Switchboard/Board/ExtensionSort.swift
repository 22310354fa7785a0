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
        let order: [Int]
        switch self {
        case .number:
            order = states.indices.sorted { ExtensionNumber.precedes(states[$0].number, states[$1].number) }
        case .name:
            let folded = states.map { SearchText.fold($0.name) }
            order = states.indices.sorted {
                folded[$0] != folded[$1] ? folded[$0] < folded[$1] : ExtensionNumber.precedes(states[$0].number, states[$1].number)
            }
        case .status:
            // Ringing first, then on calls, available, and DND last.
            let ranks = states.map { $0.isRinging ? 0 : $0.isBusy ? 1 : $0.doNotDisturb ? 3 : 2 }
            order = states.indices.sorted {
                ranks[$0] != ranks[$1] ? ranks[$0] < ranks[$1] : ExtensionNumber.precedes(states[$0].number, states[$1].number)
            }
        }
        return order.map { states[$0] }
    }
}

/// Text folded for finding: no case, no accents, so `zoe` finds `Zoë`.
enum SearchText {
    static func fold(_ text: String) -> String {
        String(String.UnicodeScalarView(text.decomposedStringWithCanonicalMapping.unicodeScalars.filter {
            $0.properties.generalCategory != .nonspacingMark
        })).lowercased()
    }

    /// Whether `query` is in the name, the number or the login.
    static func matches(_ state: ExtensionState, login: String?, query: String) -> Bool {
        let needle = fold(query.trimmingCharacters(in: .whitespaces))
        guard !needle.isEmpty else { return true }
        return fold(state.name).contains(needle) || state.number.contains(needle) || fold(login ?? "").contains(needle)
    }
}
