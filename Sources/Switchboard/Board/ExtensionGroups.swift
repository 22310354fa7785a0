/// The config's `[groups]`: titled sections of the board, in the file's
/// order (`Sales = ["201-215", "230"]`). An extension belongs to the first
/// group that names it; those in none are shown under "Others".
struct ExtensionGroups: Equatable, Sendable {
    struct Group: Equatable, Sendable {
        var title: String
        /// Single extensions and ranges, as numbers (`201-215` is 201...215).
        var members: [ClosedRange<Int>]

        func contains(_ number: String) -> Bool {
            guard let value = Int(number) else { return false }
            return members.contains { $0.contains(value) }
        }
    }

    var groups: [Group] = []
    static let othersTitle = "Others"
    /// `show_ungrouped = false`: the board shows only its groups (a wall per team).
    var othersShown = true

    var isEmpty: Bool { groups.isEmpty }

    /// The index of the group `number` is shown in, or nil for "Others".
    func group(of number: String) -> Int? {
        groups.firstIndex { $0.contains(number) }
    }

    /// `"201"` or `"201-215"`; nil (with why) for anything else.
    static func member(_ text: String) -> Result<ClosedRange<Int>, GroupMemberProblem> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        func number(_ part: String) -> Int? {
            (2...6).contains(part.count) && part.allSatisfy { $0.isASCII && $0.isNumber } ? Int(part) : nil
        }
        switch parts.count {
        case 1:
            guard let value = number(parts[0]) else { return .failure(GroupMemberProblem(text: text)) }
            return .success(value...value)
        case 2:
            guard let low = number(parts[0]), let high = number(parts[1]), low <= high else { return .failure(GroupMemberProblem(text: text)) }
            return .success(low...high)
        default:
            return .failure(GroupMemberProblem(text: text))
        }
    }
}

struct GroupMemberProblem: Error, Equatable {
    var text: String
    var reason: String { "'\(text)' is not an extension (2 to 6 digits) or a range like \"201-215\"" }
}
