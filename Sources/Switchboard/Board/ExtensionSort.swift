import Foundation
import PresenceEngine

/// The orders `s` cycles through.
enum ExtensionSort: String, CaseIterable, Sendable {
    case number, name, status

    var next: ExtensionSort {
        let all = ExtensionSort.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    func sorted(_ states: [ExtensionState]) -> [ExtensionState] {
        switch self {
        case .number:
            return states.sorted { ExtensionNumber.precedes($0.number, $1.number) }
        case .name:
            return states.sorted {
                let left = SearchText.fold($0.name), right = SearchText.fold($1.name)
                return left != right ? left < right : ExtensionNumber.precedes($0.number, $1.number)
            }
        case .status:
            // Ringing first, then on calls, available, and DND last.
            func rank(_ state: ExtensionState) -> Int {
                state.isRinging ? 0 : state.isBusy ? 1 : state.doNotDisturb ? 3 : 2
            }
            return states.sorted { rank($0) != rank($1) ? rank($0) < rank($1) : ExtensionNumber.precedes($0.number, $1.number) }
        }
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
