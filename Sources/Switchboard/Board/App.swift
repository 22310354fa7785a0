import Foundation
import Journal
import PresenceEngine

/// What the keyboard is talking to right now.
enum Mode: Equatable, Sendable {
    case board
    case find(LineEditor)
    case dial(LineEditor)
    case confirmCall(digits: String, label: String)
    case confirmQuit
    case help
    case history(HistoryScreen)
    case historyFilter(HistoryScreen, LineEditor)
    /// `m`: missed calls to call back.
    case missed(MissedScreen)
    /// What happened while the board was away (after more than 4 hours).
    case digest

    var scope: KeyScope {
        switch self {
        case .board: return .board
        case .history: return .history
        case .missed: return .missed
        case .digest: return .digest
        case .find, .dial, .historyFilter: return .prompt
        case .confirmCall, .confirmQuit: return .question
        case .help: return .help
        }
    }
}

/// What the board shows: the extensions with the side column, or the
/// queue wallboard (`w`, `--view wallboard`, `view = "wallboard"`).
package enum BoardFace: String, CaseIterable, Sendable {
    case board, wallboard
}

/// The panes Tab moves between.
enum Pane: CaseIterable, Sendable {
    case extensions, queues, conferences, today
}

/// A message line that fades after a few seconds.
struct Notice: Equatable, Sendable {
    var text: String
    var isError: Bool
    var shownAt: MonotonicInstant
    static let seconds = 6.0
}

/// The board's state and its reducer. `reduce` routes each event: keys go
/// to the screen that has the keyboard (the board's own keys are in
/// BoardKeys.swift; history, missed, the prompts and the questions each
/// have their own `update`), and the panes read it all through `BoardModel`.
package struct App {
    private(set) var snapshot = PresenceSnapshot()
    /// What was measured from the snapshot (`SnapshotDigest`).
    private(set) var digest: SnapshotDigest?
    /// The extensions in display order, the wall, the selection.
    private(set) var list = ExtensionList()
    /// Every pane's rectangle for this screen and these queues.
    private(set) var geometry = BoardGeometry(width: 80, height: 24)
    // Set here and by the board's keys (BoardKeys.swift).
    var mode = Mode.board
    var sort = ExtensionSort.number
    /// The kept find filter (`/` then Enter).
    private(set) var filter = ""
    private(set) var notice: Notice?
    var focus = Pane.extensions
    /// Selected queue and bridge numbers, when those panes have the focus.
    var selectedQueue: String?
    var selectedBridge: String?
    /// The last recorded call seen on each extension, for `r` after it ended.
    private(set) var lastRecording: [String: String] = [:]
    var kiosk = false
    /// Outside numbers whole, or masked on a public screen (`mask_numbers`).
    var numbers = NumberPrivacy.whole
    /// Which queues and bridges are shown, named how (`[queues]`).
    var queuePlan = QueuePlan()
    /// In quiet hours; a key there brings the board back until they next begin.
    private(set) var quiet = false
    private var nightDismissed = false
    /// Names for callers the service gives no caller ID for (`phonebook`).
    private(set) var phonebook = Phonebook()
    var view = BoardFace.board
    /// When the event being reduced happened (it arrives in the event).
    private var eventTime = MonotonicInstant.zero
    /// The config's `[groups]`: titled sections in the list and the grid.
    var groups = ExtensionGroups() {
        didSet { rebuildRows() }
    }
    /// The queues and bridges in number order, as the side column shows them.
    private(set) var queueRows: [QueueRow] = []
    private(set) var bridgeRows: [BridgeRow] = []
    /// The account's people (not paging lines or faxes).
    private(set) var peopleCount = 0
    /// Extensions on calls and ringing, for the header and the wallboard.
    private(set) var totals = (onCalls: 0, ringing: 0)
    /// The missed calls, the day's figures and the digest, from the journal.
    private(set) var journal = JournalSummary.off
    /// The digest is shown once, when it first arrives.
    private var digestShown = false
    /// Where a y/n question returns: the missed calls after a call back, else the board.
    private var afterQuestion = Mode.board
    /// Who is on the line with each number now (number key -> extensions).
    private(set) var onTheLine: [String: [String]] = [:]
    /// The queues and bridges on screen as last told to the engine.
    private var seenSent: Set<RefreshScheduler.Item>??

    var rows: [ExtensionState] { list.rows }
    var wall: WallLayout { list.wall }
    var selectedIndex: Int? { list.selectedIndex }
    var scrollOffset: Int { list.scrollOffset }
    package var screenWidth: Int { geometry.width }
    package var screenHeight: Int { geometry.height }
    /// Lines that fit in the extensions pane.
    var visibleRowCount: Int { max(1, geometry.extensionRows) }
    var queueNumbers: [String] { queueRows.map(\.number) }
    var bridgeNumbers: [String] { bridgeRows.map(\.number) }

    /// The filter in effect: the one being typed, else the kept one.
    var activeFilter: String {
        if case .find(let editor) = mode { return editor.text }
        return filter
    }

    /// Quiet hours on the plain board with nothing ringing: the clock and the missed count.
    var showsNight: Bool { quiet && !nightDismissed && mode == .board && totals.ringing == 0 }

    /// Where keys are read now: the wallboard view has its own few keys.
    var scope: KeyScope { mode == .board && view == .wallboard ? .wallboard : mode.scope }

    package init() {}

    package mutating func reduce(_ event: AppEvent) -> [Effect] {
        var effects = reduceEvent(event)
        // The engine refreshes first what is on screen (SeenItems.swift).
        let seen = seenItems
        if seenSent != .some(seen) {
            seenSent = .some(seen)
            effects.append(.refreshFirst(seen))
        }
        return effects
    }

    private mutating func reduceEvent(_ event: AppEvent) -> [Effect] {
        switch event {
        case .snapshot(let newSnapshot):
            snapshotArrived(SnapshotDigest(newSnapshot, previous: digest))
        case .digest(let measured):
            snapshotArrived(measured)
        case .historyLoaded(let number, let records, let older):
            guard case .history(var screen) = mode, screen.extensionNumber == number else { return [] }
            screen.loaded(records, older: older)
            mode = .history(screen)
        case .historyFailed(let number, let reason):
            guard case .history(var screen) = mode, screen.extensionNumber == number else { return [] }
            screen.failed(reason)
            mode = .history(screen)
        case .journal(let summary):
            journalArrived(summary)
        case .resized(let width, let height):
            geometry = BoardGeometry(width: width, height: height, sideWanted: geometry.sideWanted, queueCount: queueRows.count)
            rebuildRows()
        case .key(let key, let at):
            eventTime = at
            if showsNight {
                nightDismissed = true  // the key wakes the board; it does nothing else
                return []
            }
            return handle(key)
        case .quietHours(let on):
            if on != quiet { nightDismissed = false }
            quiet = on
        case .showFace(let face):
            if mode == .board { view = face }
        case .phonebook(let book, _, _, _):
            phonebook = book
            if let (text, isError, at) = event.notice { notice = Notice(text: text, isError: isError, shownAt: at) }
        default:
            if let (text, isError, at) = event.notice { notice = Notice(text: text, isError: isError, shownAt: at) }
        }
        return []
    }

    /// A new snapshot, measured (off the UI thread when it came from the
    /// board's `SnapshotPreparer`): take what was measured, then the rows.
    private mutating func snapshotArrived(_ measured: SnapshotDigest) {
        digest = measured
        snapshot = measured.snapshot
        queueRows = queuePlan.queues(measured.queueRows)
        bridgeRows = queuePlan.bridges(measured.bridgeRows)
        let sideWanted = queuePlan.isEmpty ? measured.sideWanted : SideColumn.wantedWidth(queues: queueRows, bridges: bridgeRows)
        peopleCount = measured.people.count
        totals = measured.totals
        onTheLine = measured.onTheLine
        lastRecording.merge(measured.recorded) { $1 }
        let resized = BoardGeometry(width: geometry.width, height: geometry.height, sideWanted: sideWanted, queueCount: queueRows.count)
        if resized != geometry { geometry = resized }
        rebuildRows()
    }

    /// A new journal summary: the lists and figures change; a problem is
    /// said once; the digest opens once, over the board.
    private mutating func journalArrived(_ summary: JournalSummary) {
        let newProblem = summary.problem != nil && summary.problem != journal.problem
        journal = summary
        fitRoom()
        if newProblem, let problem = summary.problem { tell(problem.description, isError: true) }
        if !digestShown, summary.digest != nil {
            digestShown = true
            if mode == .board { mode = .digest }
        }
        if case .missed(var screen) = mode {
            screen.move(by: 0, count: summary.missed.count, visible: visibleRowCount)
            mode = .missed(screen)
        }
    }

    /// A notice at the time of the event being reduced.
    mutating func tell(_ text: String, isError: Bool = false) {
        notice = Notice(text: text, isError: isError, shownAt: eventTime)
    }

    mutating func rebuildRows() {
        list.rebuild(ExtensionList.Inputs(digest: digest, query: activeFilter, sort: sort, groups: groups,
                                          measure: digest?.measure ?? ExtensionColumns.Measure([]), geometry: geometry))
        if !groups.isEmpty, !groups.othersShown, let people = digest?.people {
            // A wall per team counts its own people.
            totals = people.reduce(into: (onCalls: 0, ringing: 0)) { totals, state in
                guard groups.group(of: state.number) != nil else { return }
                if state.isRinging { totals.ringing += 1 } else if state.isBusy { totals.onCalls += 1 }
            }
        }
        fitRoom()
    }

    /// Cuts the extensions pane to the wall when the room under it has
    /// something to show (`RoomPane`); else the pane keeps the whole area.
    private mutating func fitRoom() {
        let journal = self.journal
        let offJournal = journal.isUnavailable
        let worthIt = !offJournal && (!journal.missed.isEmpty || journal.hasDayFigures)
        var fitted = geometry.fitting(wallLines: worthIt ? list.wall.usedLines : .max / 2)
        let sideWidth = (fitted.conferences?.width ?? 2) - 2
        let bridgeLines = bridgeRows.reduce(0) { $0 + $1.lineCount(width: sideWidth) }
        fitted = fitted.fitting(bridgeLines: !offJournal && !journal.recent.isEmpty ? bridgeLines : .max / 2)
        if fitted != geometry { geometry = fitted }
    }

    /// Moves the extensions' selection (the arrows and paging on the wall).
    mutating func moveInList(_ action: Action) {
        list.move(action)
    }

    private mutating func handle(_ key: Key) -> [Effect] {
        let action = Keymap.action(for: key, in: scope, kiosk: kiosk)
        let step: ScreenStep
        switch mode {
        case .board:
            guard let action else { return [] }
            return perform(action)
        case .help:
            step = ScreenStep(action == .cancel ? .board : .help)
        case .digest:
            step = ScreenStep(action == .back ? .board : action == .missedCalls ? .missed(MissedScreen()) : .digest)
        case .confirmQuit, .confirmCall:
            step = QuestionScreens.update(mode, action: action, returnsTo: afterQuestion)
        case .find(let editor):
            step = PromptScreens.find(editor, key: key, action: action)
        case .dial(let editor):
            step = PromptScreens.dial(editor, key: key, action: action, snapshot: snapshot)
        case .history(let screen):
            step = screen.update(action, height: visibleRowCount)
        case .historyFilter(let screen, let editor):
            step = screen.updateFilter(editor, key: key, action: action)
        case .missed(let screen):
            step = screen.update(action, context: MissedScreen.Context(missed: journal.missed, height: visibleRowCount,
                                                                      snapshot: snapshot, onTheLine: onTheLine, numbers: numbers,
                                                                      phonebook: phonebook))
        }
        return apply(step)
    }

    /// Takes a screen's step: the mode, the message, what the question returns to, the find filter.
    private mutating func apply(_ step: ScreenStep) -> [Effect] {
        let wasFinding: Bool
        if case .find = mode { wasFinding = true } else { wasFinding = false }
        if mode.scope == .question, step.mode.scope != .question { afterQuestion = .board }
        mode = step.mode
        if let returnsTo = step.questionReturnsTo { afterQuestion = returnsTo }
        if let filter = step.filter { self.filter = filter }
        if let notice = step.notice { tell(notice.text, isError: notice.isError) }
        if wasFinding { rebuildRows() }
        return step.effects
    }
}
