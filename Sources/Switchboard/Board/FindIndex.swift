import PresenceEngine

/// The account folded for finding and sorting by name, built with each
/// snapshot off the UI thread (`SnapshotDigest`): a find on a
/// 200,000-extension account compares bytes, it folds no name. A name
/// that did not change keeps its folding from the last snapshot.
struct FindIndex: Sendable {
    /// Each person's folded name and login (empty when unknown), in the
    /// digest's `people` order.
    let names: [String]
    let logins: [String]
    /// `people` indices by folded name, then number.
    let nameOrder: [Int]
    /// Extensions that are not people (paging lines, faxes): found only by
    /// their number. Few, so kept as they are.
    let others: [ExtensionState]

    /// `previous` is the last index with its people, when they are the same
    /// people in the same order and the directory is the same.
    init(people: [ExtensionState], snapshot: PresenceSnapshot, previous: (index: FindIndex, people: [ExtensionState])?) {
        others = snapshot.extensions.values.filter { !$0.isPerson }
        if let previous {
            var changed = false
            names = people.indices.map { index in
                guard people[index].name != previous.people[index].name else { return previous.index.names[index] }
                changed = true
                return SearchText.fold(people[index].name)
            }
            logins = previous.index.logins
            nameOrder = changed ? Self.order(names) : previous.index.nameOrder
        } else {
            let directory = snapshot.directory?.extensions
            names = people.map { SearchText.fold($0.name) }
            logins = people.map { directory?[$0.number].map { SearchText.fold($0.loginName) } ?? "" }
            nameOrder = Self.order(names)
        }
    }

    /// By folded name; the same names keep their number order.
    private static func order(_ names: [String]) -> [Int] {
        names.indices.sorted { names[$0] != names[$1] ? names[$0] < names[$1] : $0 < $1 }
    }

    /// Whether person `index` (in `people`) is found by `needle`: in the
    /// name, the number or the login.
    func finds(_ index: Int, number: String, _ needle: [UInt8]) -> Bool {
        SearchText.contains(names[index], needle) || SearchText.contains(number, needle) || SearchText.contains(logins[index], needle)
    }
}
