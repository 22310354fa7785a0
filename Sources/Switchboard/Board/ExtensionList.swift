import PresenceEngine

/// The extensions as the board lists them: the rows in display order, where
/// the wall puts each one, which one is selected and how far the list is
/// scrolled. Rebuilt from the snapshot's digest when it, the find, the
/// sort, the groups or the screen change.
struct ExtensionList {
    /// Extensions in display order (filtered, grouped, sorted).
    private(set) var rows: [ExtensionState] = []
    /// Where each extension is in `rows`, when they are the digest's people
    /// as they are (no find, sort or group): the selection found at once.
    private var rowPositions: [String: Int]?
    /// The selection follows the extension, not the row index, so updates
    /// that reorder the list do not move it to someone else.
    private(set) var selectedNumber: String?
    /// The first line of the list form on screen.
    private(set) var scrollOffset = 0
    /// Where each extension is drawn for this screen size.
    private(set) var wall = WallLayout.empty
    /// Lines that fit in the extensions pane.
    private(set) var visibleRowCount = 1

    /// What the list is made from.
    struct Inputs {
        var digest: SnapshotDigest?
        var query: String
        var sort: ExtensionSort
        var groups: ExtensionGroups
        var measure: ExtensionColumns.Measure
        var geometry: BoardGeometry
    }

    /// Where the selected extension is in `rows`.
    var selectedIndex: Int? {
        guard let selectedNumber else { return rows.isEmpty ? nil : 0 }
        return index(of: selectedNumber) ?? (rows.isEmpty ? nil : 0)
    }

    var selectedState: ExtensionState? {
        guard let index = selectedIndex, index < rows.count else { return nil }
        return rows[index]
    }

    /// Where `number` is in `rows`, if it is there.
    private func index(of number: String) -> Int? {
        guard let rowPositions else { return rows.firstIndex { $0.number == number } }
        return rowPositions[number]
    }

    mutating func rebuild(_ inputs: Inputs) {
        // The order, the find and what the layout needs were measured off
        // the UI thread; what is left here is a pass over bytes at most.
        let found = inputs.digest?.rows(matching: inputs.query, sort: inputs.sort)
        let sorted = found?.rows ?? []
        var shapes = found?.shapes
        let groups = inputs.groups
        var sections: [WallLayout.Section] = []
        if groups.isEmpty {
            rows = sorted
            rowPositions = inputs.query.isEmpty && inputs.sort == .number ? inputs.digest?.positions : nil
            sections = [WallLayout.Section(title: nil, rows: Array(rows.indices))]
        } else {
            // Rows in section order, so the list reads top to bottom.
            var members = Array(repeating: [ExtensionState](), count: groups.groups.count + 1)
            for state in sorted { members[groups.group(of: state.number) ?? groups.groups.count].append(state) }
            rows = []
            rowPositions = nil
            shapes = nil
            for (index, states) in members.enumerated() where !states.isEmpty && (index < groups.groups.count || groups.othersShown) {
                let title = index < groups.groups.count ? groups.groups[index].title : ExtensionGroups.othersTitle
                sections.append(WallLayout.Section(title: title, rows: Array(rows.count..<rows.count + states.count)))
                rows += states
            }
        }
        if selectedNumber.flatMap(index(of:)) == nil {
            selectedNumber = rows.first?.number
        }
        let geometry = inputs.geometry
        let pane = geometry.extensions.inset
        visibleRowCount = max(1, geometry.extensionRows)
        wall = WallLayout.make(shapes: shapes ?? WallLayout.RowShapes(rows), sections: sections, measure: inputs.measure,
                               width: pane.width, height: pane.height, grid: geometry.width >= WallLayout.gridMinimumScreenWidth)
        // A selection the wall had to hide moves to the first one shown, so
        // what Enter would call is always on screen.
        if wall.form == .compact, let index = selectedIndex, wall.places[index] == nil, let first = wall.order.first {
            selectedNumber = rows[first].number
        }
        keepSelectionVisible()
    }

    /// The arrows and paging on the wall: on the grid a page is a column.
    mutating func move(_ action: Action) {
        switch action {
        case .moveUp: move(.up)
        case .moveDown: move(.down)
        case .moveLeft: move(.left)
        case .moveRight: move(.right)
        case .pageUp: wall.columns.count > 1 ? move(.left) : select(offset: -visibleRowCount)
        case .pageDown: wall.columns.count > 1 ? move(.right) : select(offset: visibleRowCount)
        case .first: wall.form == .list ? select(index: 0) : selectRow(wall.order.first)
        case .last: wall.form == .list ? select(index: rows.count - 1) : selectRow(wall.order.last)
        default: break
        }
    }

    private mutating func move(_ direction: WallLayout.Direction) {
        if wall.form == .list {
            switch direction {
            case .up: select(offset: -1)
            case .down: select(offset: 1)
            case .left, .right: break
            }
            return
        }
        selectRow(wall.move(from: selectedIndex, direction))
    }

    private mutating func selectRow(_ row: Int?) {
        guard let row, row < rows.count else { return }
        selectedNumber = rows[row].number
    }

    private mutating func select(offset: Int) {
        select(index: (selectedIndex ?? 0) + offset)
    }

    private mutating func select(index: Int) {
        guard !rows.isEmpty else { return }
        selectedNumber = rows[min(max(0, index), rows.count - 1)].number
        keepSelectionVisible()
    }

    /// The list form scrolls by lines: the selected row and its call lines
    /// stay on screen (with its group's title when it is the first), and
    /// no empty lines are left at the bottom while lines above are hidden.
    private mutating func keepSelectionVisible() {
        guard wall.form == .list else {
            scrollOffset = 0
            return
        }
        let visible = visibleRowCount
        if let index = selectedIndex, let line = wall.line(of: index) {
            var top = line
            if top > 0, case .heading = wall.columns[0].lines[top - 1] { top -= 1 }
            if top < scrollOffset { scrollOffset = top }
            let bottom = line + ExtensionRow.lineCount(rows[index])
            if bottom > scrollOffset + visible { scrollOffset = bottom - visible }
        }
        scrollOffset = max(0, min(scrollOffset, wall.lineCount - visible))
    }
}
