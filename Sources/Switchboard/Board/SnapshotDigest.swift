import Journal
import PresenceEngine

/// What the board measures from a snapshot, once per snapshot and off the
/// UI thread (`SnapshotPreparer`): every pass over every extension is here,
/// so a change on a 200,000-extension account costs the keys only the
/// wall's layout (issue 22). A pure value: the same snapshot and previous
/// digest give the same digest.
package struct SnapshotDigest: Sendable {
    let snapshot: PresenceSnapshot
    /// The extension columns' needs.
    let measure: ExtensionColumns.Measure
    /// The queues and bridges in number order, with their words made.
    let queueRows: [QueueRow]
    let bridgeRows: [BridgeRow]
    /// The side column's wanted width, from those rows.
    let sideWanted: Int
    /// The account's people (not paging lines or faxes) in number order:
    /// the board's rows when no find, sort or group changes them.
    let people: [ExtensionState]
    /// Where each person is in `people`.
    let positions: [String: Int]
    /// What the wall's layout needs of each of `people`.
    let shapes: WallLayout.RowShapes
    /// The people folded for a find and a sort by name.
    let find: FindIndex
    /// Extensions on calls and ringing.
    let totals: (onCalls: Int, ringing: Int)
    /// Who is on the line with each number now (number key -> extensions).
    let onTheLine: [String: [String]]
    /// The last recorded call on each extension that has one now.
    let recorded: [String: String]

    /// Measures `snapshot`; the people keep `previous`'s order when they
    /// are the same people (one lookup each, no sort).
    package init(_ snapshot: PresenceSnapshot, previous: SnapshotDigest? = nil) {
        self.snapshot = snapshot
        measure = ExtensionColumns.Measure(snapshot.extensions.values)
        queueRows = QueueRow.rows(snapshot)
        bridgeRows = BridgeRow.rows(snapshot)
        sideWanted = SideColumn.wantedWidth(queues: queueRows, bridges: bridgeRows)
        var peopleCount = 0
        var totals = (onCalls: 0, ringing: 0)
        var onTheLine: [String: [String]] = [:]
        var recorded: [String: String] = [:]
        for state in snapshot.extensions.values {
            if state.isPerson { peopleCount += 1 }
            if state.primaryCall?.phase == .connected, !state.onCallWith.isEmpty {
                onTheLine[NumberKey.of(state.onCallWith), default: []].append(state.number)
            }
            if state.isRinging { totals.ringing += 1 } else if state.isBusy { totals.onCalls += 1 }
            if let id = state.calls.last(where: { $0.isRecorded })?.presenceCallId { recorded[state.number] = id }
        }
        self.totals = totals
        self.onTheLine = onTheLine
        self.recorded = recorded
        if let previous, let same = Self.samePeople(previous.people, in: snapshot, count: peopleCount) {
            people = same
            positions = previous.positions
            let sameDirectory = previous.snapshot.directoryVersion == snapshot.directoryVersion
            find = FindIndex(people: same, snapshot: snapshot, previous: sameDirectory ? (previous.find, previous.people) : nil)
        } else {
            people = ExtensionSort.number.sorted(snapshot.extensions.values.filter(\.isPerson))
            var positions: [String: Int] = [:]
            positions.reserveCapacity(people.count)
            for (index, state) in people.enumerated() { positions[state.number] = index }
            self.positions = positions
            find = FindIndex(people: people, snapshot: snapshot, previous: nil)
        }
        shapes = WallLayout.RowShapes(people)
    }

    /// The rows a find for `query` shows in `sort`'s order, with what the
    /// layout needs of them: the people it finds, and the other extensions
    /// whose number has it.
    func rows(matching query: String, sort: ExtensionSort) -> (rows: [ExtensionState], shapes: WallLayout.RowShapes) {
        if query.isEmpty, sort == .number { return (people, shapes) }
        let order: [Int]
        switch sort {
        case .number: order = Array(people.indices)
        case .name: order = find.nameOrder
        case .status:
            // People are in number order: by rank, each rank in that order.
            var ranks = Array(repeating: [Int](), count: 4)
            for (index, state) in people.enumerated() { ranks[ExtensionSort.rank(state)].append(index) }
            order = ranks.flatMap { $0 }
        }
        let needle = query.isEmpty ? nil : SearchText.needle(query)
        let found = needle.map { needle in order.filter { find.finds($0, number: people[$0].number, needle) } } ?? order
        let others = query.isEmpty ? [] : find.others.filter { $0.number.contains(query) }
        guard others.isEmpty else {
            let rows = sort.sorted(found.map { people[$0] } + others)
            return (rows, WallLayout.RowShapes(rows))
        }
        return (found.map { people[$0] }, shapes.picking(found))
    }

    /// The new states of `order`'s people when they are exactly the
    /// snapshot's people (each there and a person, and no other).
    static func samePeople(_ order: [ExtensionState], in snapshot: PresenceSnapshot, count: Int) -> [ExtensionState]? {
        guard order.count == count else { return nil }
        var states: [ExtensionState] = []
        states.reserveCapacity(order.count)
        for old in order {
            guard let state = snapshot.extensions[old.number], state.isPerson else { return nil }
            states.append(state)
        }
        return states
    }
}
