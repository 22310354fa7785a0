import PresenceEngine

/// Something that happened to the board.
enum AppEvent: Sendable {
    case key(Key)
    case snapshot(PresenceSnapshot)
    case resized(width: Int, height: Int)
}

/// Work the board asks its runner to do; the reducer itself does no I/O.
enum Effect: Equatable, Sendable {
    case quit
}

/// The board's view state and its reducer.
struct App {
    var snapshot = PresenceSnapshot()
    /// Extensions in display order, rebuilt when a snapshot arrives.
    private(set) var rows: [ExtensionState] = []
    /// The selection follows the extension, not the row index, so updates
    /// that reorder the list do not move it to someone else.
    private(set) var selectedNumber: String?
    private(set) var scrollOffset = 0
    private(set) var screenWidth = 80
    private(set) var screenHeight = 24
    var kiosk = false

    /// Where the selected extension is in `rows`.
    var selectedIndex: Int? {
        guard let selectedNumber else { return rows.isEmpty ? nil : 0 }
        return rows.firstIndex { $0.number == selectedNumber } ?? (rows.isEmpty ? nil : 0)
    }

    /// Rows that fit in the extensions pane.
    var visibleRowCount: Int { max(1, BoardLayout(width: screenWidth, height: screenHeight).extensionRows) }

    mutating func reduce(_ event: AppEvent) -> [Effect] {
        switch event {
        case .snapshot(let newSnapshot):
            snapshot = newSnapshot
            // Non-user entries (paging lines, faxes) are not people to call.
            rows = newSnapshot.extensionsByNumber.filter(\.isPerson)
            if selectedNumber == nil || !rows.contains(where: { $0.number == selectedNumber }) {
                selectedNumber = rows.first?.number
            }
            keepSelectionVisible()
            return []
        case .resized(let width, let height):
            screenWidth = width
            screenHeight = height
            keepSelectionVisible()
            return []
        case .key(let key):
            guard let action = Keymap.action(for: key, kiosk: kiosk) else { return [] }
            return perform(action)
        }
    }

    private mutating func perform(_ action: Action) -> [Effect] {
        switch action {
        case .quit: return [.quit]
        case .moveUp: select(offset: -1)
        case .moveDown: select(offset: 1)
        case .pageUp: select(offset: -visibleRowCount)
        case .pageDown: select(offset: visibleRowCount)
        case .first: select(index: 0)
        case .last: select(index: rows.count - 1)
        }
        return []
    }

    private mutating func select(offset: Int) {
        select(index: (selectedIndex ?? 0) + offset)
    }

    private mutating func select(index: Int) {
        guard !rows.isEmpty else { return }
        selectedNumber = rows[min(max(0, index), rows.count - 1)].number
        keepSelectionVisible()
    }

    private mutating func keepSelectionVisible() {
        let visible = visibleRowCount
        let index = selectedIndex ?? 0
        if index < scrollOffset { scrollOffset = index }
        if index >= scrollOffset + visible { scrollOffset = index - visible + 1 }
        scrollOffset = max(0, min(scrollOffset, max(0, rows.count - visible)))
    }
}
