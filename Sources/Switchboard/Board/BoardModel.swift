import Journal
import PresenceEngine

/// What the panes draw from: a read-only view of the board for one frame,
/// built from `App` (no pane sees the reducer's state or changes it).
struct BoardModel {
    let snapshot: PresenceSnapshot
    /// Extensions in display order (filtered, grouped, sorted).
    let rows: [ExtensionState]
    /// Where each extension goes at this screen size.
    let wall: WallLayout
    let selectedIndex: Int?
    /// The first line of the list form on screen.
    let scrollOffset: Int
    let focus: Pane
    let selectedQueue: String?
    let selectedBridge: String?
    let mode: Mode
    let view: BoardView
    /// Where keys are read now (for the footer's hints).
    let scope: KeyScope
    let activeFilter: String
    let sort: ExtensionSort
    let notice: Notice?
    let kiosk: Bool
    /// The side column's wanted width (`BoardLayout` bounds it).
    let sideWanted: Int
    /// The account's people, for "Extensions 12/40" while filtering.
    let peopleCount: Int
    let screenWidth: Int
    let screenHeight: Int
    /// Extensions on calls and ringing.
    let totals: (onCalls: Int, ringing: Int)
    /// Missed calls, the day's figures and the digest, from the journal.
    let journal: JournalView
    /// Who is on the line with each number now (number key -> extensions).
    let onTheLine: [String: [String]]
}

extension App {
    var model: BoardModel {
        BoardModel(snapshot: snapshot, rows: rows, wall: wall, selectedIndex: selectedIndex, scrollOffset: scrollOffset, focus: focus,
                   selectedQueue: selectedQueue, selectedBridge: selectedBridge, mode: mode, view: view, scope: scope,
                   activeFilter: activeFilter, sort: sort, notice: notice, kiosk: kiosk, sideWanted: sideWanted, peopleCount: peopleCount,
                   screenWidth: screenWidth, screenHeight: screenHeight, totals: totals, journal: journal, onTheLine: onTheLine)
    }
}
