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
    case history(HistoryView)
    case historyFilter(HistoryView, LineEditor)
    /// `m`: missed calls to call back.
    case missed(MissedView)
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
enum BoardView: String, CaseIterable, Sendable {
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

/// The board's view state and its reducer.
struct App {
    var snapshot = PresenceSnapshot()
    /// Extensions in display order (filtered, sorted), rebuilt on each change.
    private(set) var rows: [ExtensionState] = []
    /// What was measured from the snapshot (`SnapshotDigest`).
    private(set) var digest: SnapshotDigest?
    /// Where each extension is in `rows`, when they are the digest's people
    /// as they are (no find, sort or group): the selection found at once.
    private var rowPositions: [String: Int]?
    /// The selection follows the extension, not the row index, so updates
    /// that reorder the list do not move it to someone else.
    private(set) var selectedNumber: String?
    private(set) var scrollOffset = 0
    private(set) var screenWidth = 80
    private(set) var screenHeight = 24
    // Set here and by the missed-calls keys (MissedView.swift).
    internal(set) var mode = Mode.board
    private(set) var sort = ExtensionSort.number
    /// The kept find filter (`/` then Enter).
    private(set) var filter = ""
    private(set) var notice: Notice?
    private(set) var focus = Pane.extensions
    /// Selected queue and bridge numbers, when those panes have the focus.
    private(set) var selectedQueue: String?
    private(set) var selectedBridge: String?
    /// The last recorded call seen on each extension, for `r` after it ended.
    private(set) var lastRecording: [String: String] = [:]
    var kiosk = false
    var view = BoardView.board
    /// When the event being reduced happened (it arrives in the event).
    private var eventTime = MonotonicInstant.zero
    /// The config's `[groups]`: titled sections in the list and the grid.
    var groups = ExtensionGroups() {
        didSet { rebuildRows() }
    }
    /// The extension columns' needs, measured from the account on each snapshot.
    private(set) var measure = ExtensionColumns.Measure([])
    /// Where each extension is drawn for this screen size (a pure function
    /// of the rows, the groups and the size; rebuilt when any changes).
    private(set) var wall = WallLayout.empty
    /// The side column's wanted width, measured from the queues and bridges.
    private(set) var sideWanted = BoardLayout.sideMinimum
    /// The account's people (not paging lines or faxes).
    private(set) var peopleCount = 0
    /// Extensions on calls and ringing, for the header and the wallboard.
    private(set) var totals = (onCalls: 0, ringing: 0)
    /// The missed calls, the day's figures and the digest, from the journal.
    internal(set) var journal = JournalView.off
    /// The digest is shown once, when it first arrives.
    internal(set) var digestShown = false
    /// Where a y/n question returns: the missed calls after a call back, else the board.
    internal(set) var afterQuestion = Mode.board
    /// Who is on the line with each number now (number key -> extensions).
    private(set) var onTheLine: [String: [String]] = [:]
    /// The queues and bridges on screen as last told to the engine.
    private var seenSent: Set<RefreshScheduler.Item>??

    /// Where the selected extension is in `rows`.
    var selectedIndex: Int? {
        guard let selectedNumber else { return rows.isEmpty ? nil : 0 }
        return index(of: selectedNumber) ?? (rows.isEmpty ? nil : 0)
    }

    /// Where `number` is in `rows`, if it is there.
    private func index(of number: String) -> Int? {
        guard let rowPositions else { return rows.firstIndex { $0.number == number } }
        return rowPositions[number]
    }

    var layout: BoardLayout { BoardLayout(width: screenWidth, height: screenHeight, sideWanted: sideWanted) }

    /// Lines that fit in the extensions pane.
    var visibleRowCount: Int { max(1, layout.extensionRows) }

    /// The filter in effect: the one being typed, else the kept one.
    var activeFilter: String {
        if case .find(let editor) = mode { return editor.text }
        return filter
    }

    mutating func reduce(_ event: AppEvent) -> [Effect] {
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
            guard case .history(var view) = mode, view.extensionNumber == number else { return [] }
            let known = Set(view.records)
            let fresh = older ? records.filter { !known.contains($0) } : records
            view.records = older ? view.records + fresh : records
            view.lastPageCount = records.count
            view.lastPageNewCount = fresh.count
            view.loading = false
            view.error = nil
            if !older { view.selection = 0; view.scrollOffset = 0 }
            mode = .history(view)
        case .historyFailed(let number, let reason):
            guard case .history(var view) = mode, view.extensionNumber == number else { return [] }
            view.loading = false
            view.error = "history not loaded: \(reason)"
            mode = .history(view)
        case .journal(let view):
            journalArrived(view)
        case .resized(let width, let height):
            screenWidth = width
            screenHeight = height
            rebuildRows()
        case .notice(let text, let isError, let at):
            notice = Notice(text: text, isError: isError, shownAt: at)
        case .key(let key, let at):
            eventTime = at
            return handle(key)
        case .callPlaced(let label, let at):
            notice = Notice(text: "your phone rings, then \(label)", isError: false, shownAt: at)
        case .callRefused(let label, let reason, let at):
            notice = Notice(text: "call to \(label) refused: \(reason)", isError: true, shownAt: at)
        case .recordingProgress(let received, let expected, let at):
            let share = expected.map { " of \($0 / 1024) KB" } ?? ""
            notice = Notice(text: "saving… \(received / 1024) KB\(share)", isError: false, shownAt: at)
        case .recordingSaved(let path, let at):
            notice = Notice(text: "saved \(path)", isError: false, shownAt: at)
        case .recordingFailed(let reason, let at):
            notice = Notice(text: "recording not saved: \(reason)", isError: true, shownAt: at)
        case .themeChanged(let name, let at):
            notice = Notice(text: "theme \(name)", isError: false, shownAt: at)
        case .themeFailed(let name, let reason, let at):
            notice = Notice(text: "theme \(name): \(reason)", isError: true, shownAt: at)
        }
        return []
    }

    /// A new snapshot, measured (off the UI thread when it came from the
    /// board's `SnapshotPreparer`): take what was measured, then the rows.
    private mutating func snapshotArrived(_ measured: SnapshotDigest) {
        digest = measured
        snapshot = measured.snapshot
        measure = measured.measure
        sideWanted = measured.sideWanted
        peopleCount = measured.people.count
        totals = measured.totals
        onTheLine = measured.onTheLine
        lastRecording.merge(measured.recorded) { $1 }
        rebuildRows()
    }

    /// Where keys are read now: the wallboard view has its own few keys.
    var scope: KeyScope { mode == .board && view == .wallboard ? .wallboard : mode.scope }

    /// A notice at the time of the event being reduced.
    mutating func tell(_ text: String, isError: Bool = false) {
        notice = Notice(text: text, isError: isError, shownAt: eventTime)
    }

    var queueNumbers: [String] { snapshot.queues.keys.sorted(by: ExtensionNumber.precedes) }
    var bridgeNumbers: [String] { snapshot.bridges.keys.sorted(by: ExtensionNumber.precedes) }

    private mutating func moveSideSelection(by offset: Int) {
        let numbers = focus == .queues ? queueNumbers : bridgeNumbers
        guard !numbers.isEmpty else { return }
        let current = focus == .queues ? selectedQueue : selectedBridge
        let index = min(max(0, (current.flatMap { numbers.firstIndex(of: $0) } ?? 0) + offset), numbers.count - 1)
        if focus == .queues { selectedQueue = numbers[index] } else { selectedBridge = numbers[index] }
    }

    private mutating func rebuildRows() {
        let query = activeFilter
        // The order, the find and what the layout needs were measured off
        // the UI thread; what is left here is a pass over bytes at most.
        let found = digest?.rows(matching: query, sort: sort)
        let sorted = found?.rows ?? []
        var shapes = found?.shapes
        let positions = query.isEmpty && sort == .number ? digest?.positions : nil
        var sections: [WallLayout.Section] = []
        if groups.isEmpty {
            rows = sorted
            rowPositions = positions
            sections = [WallLayout.Section(title: nil, rows: Array(rows.indices))]
        } else {
            // Rows in section order, so the list reads top to bottom.
            var members = Array(repeating: [ExtensionState](), count: groups.groups.count + 1)
            for state in sorted { members[groups.group(of: state.number) ?? groups.groups.count].append(state) }
            rows = []
            rowPositions = nil
            shapes = nil
            for (index, states) in members.enumerated() where !states.isEmpty {
                let title = index < groups.groups.count ? groups.groups[index].title : ExtensionGroups.othersTitle
                sections.append(WallLayout.Section(title: title, rows: Array(rows.count..<rows.count + states.count)))
                rows += states
            }
        }
        if selectedNumber.flatMap(index(of:)) == nil {
            selectedNumber = rows.first?.number
        }
        let pane = layout.extensions.inset
        wall = WallLayout.make(shapes: shapes ?? WallLayout.RowShapes(rows), sections: sections, measure: measure, width: pane.width, height: pane.height,
                               grid: screenWidth >= WallLayout.gridMinimumScreenWidth)
        // A selection the wall had to hide moves to the first one shown, so
        // what Enter would call is always on screen.
        if wall.form == .compact, let index = selectedIndex, wall.places[index] == nil, let first = wall.order.first {
            selectedNumber = rows[first].number
        }
        keepSelectionVisible()
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

// MARK: Keys, one function per mode

extension App {
    private mutating func handle(_ key: Key) -> [Effect] {
        let action = Keymap.action(for: key, in: scope, kiosk: kiosk)
        switch mode {
        case .board:
            guard let action else { return [] }
            return perform(action)
        case .help:
            if action == .cancel { mode = .board }
        case .confirmQuit:
            if action == .yes { return [.quit] }
            if action == .no { mode = .board }
        case .confirmCall(let digits, let label):
            if action == .yes {
                mode = afterQuestion
                afterQuestion = .board
                tell("calling \(label)…")
                return [.call(digits: digits, label: label)]
            }
            if action == .no {
                mode = afterQuestion
                afterQuestion = .board
            }
        case .find(let editor):
            find(editor, key: key, action: action)
        case .history(let view):
            return history(view, action: action)
        case .missed(let view):
            return missed(view, action: action)
        case .digest:
            if action == .back { mode = .board }
            if action == .missedCalls { mode = .missed(MissedView()) }
        case .historyFilter(let view, let editor):
            return historyFilter(view, editor: editor, key: key, action: action)
        case .dial(let editor):
            dial(editor, key: key, action: action)
        }
        return []
    }

    private mutating func find(_ editor: LineEditor, key: Key, action: Action?) {
        var editor = editor
        switch action {
        case .submit:
            filter = editor.text
            mode = .board
        case .cancel:
            filter = ""
            mode = .board
        default:
            if editor.apply(key) { mode = .find(editor) }
        }
        rebuildRows()
    }

    private mutating func history(_ view: HistoryView, action: Action?) -> [Effect] {
        var view = view
        let visible = max(1, visibleRowCount - HistoryPane.reservedLines(view))
        switch action {
        case .details: view.showsDetails.toggle(); view.move(by: 0, visible: max(1, visibleRowCount - HistoryPane.reservedLines(view)))
        case .moveUp: view.move(by: -1, visible: visible)
        case .moveDown: view.move(by: 1, visible: visible)
        case .pageUp: view.move(by: -visible, visible: visible)
        case .pageDown: view.move(by: visible, visible: visible)
        case .back: mode = .board; return []
        case .filterHistory: mode = .historyFilter(view, LineEditor(view.filterText)); return []
        case .olderHistory:
            guard view.mayHaveOlder, let oldest = view.records.compactMap(\.time).min() else {
                tell("no older calls")
                return []
            }
            view.loading = true
            mode = .history(view)
            return [.loadHistory(extension: view.extensionNumber, query: view.query, before: oldest)]
        case .recording:
            guard let record = view.selected, let id = record.recordingId else {
                tell("that call has no recording", isError: true)
                return []
            }
            let label = "\(view.title) \(ClockText.historyTime(record.time))"
            tell("saving the recording of \(label)…")
            return [.saveRecording(id: id, label: label)]
        default: break
        }
        mode = .history(view)
        return []
    }

    private mutating func historyFilter(_ view: HistoryView, editor: LineEditor, key: Key, action: Action?) -> [Effect] {
        var view = view, editor = editor
        switch action {
        case .submit:
            switch HistoryFilterText.parse(editor.text) {
            case .success(let query):
                view.query = query
                view.filterText = editor.text
                view.loading = true
                view.records = []
                mode = .history(view)
                return [.loadHistory(extension: view.extensionNumber, query: query, before: nil)]
            case .failure(let problem):
                tell(problem.text, isError: true)
            }
        case .cancel:
            mode = .history(view)
        default:
            if editor.apply(key) { mode = .historyFilter(view, editor) }
        }
        return []
    }

    private mutating func dial(_ editor: LineEditor, key: Key, action: Action?) {
        var editor = editor
        switch action {
        case .submit:
            switch NumberRules.check(editor.text, extensions: Set(snapshot.extensions.keys)) {
            case .success(let target):
                mode = .confirmCall(digits: target.digits, label: DialDescription.label(target, snapshot: snapshot))
            case .failure(let problem):
                tell(problem.description, isError: true)
            }
        case .cancel:
            mode = .board
        default:
            if editor.apply(key) { mode = .dial(editor) }
        }
    }

    /// A board key: moving, the panes, the prompts, the views.
    private mutating func perform(_ action: Action) -> [Effect] {
        switch action {
        case .quit:
            if kiosk {
                mode = .confirmQuit
                return []
            }
            return [.quit]
        case .nextPane, .previousPane:
            let panes = Pane.allCases
            let step = action == .nextPane ? 1 : panes.count - 1
            focus = panes[(panes.firstIndex(of: focus)! + step) % panes.count]
            selectedQueue = selectedQueue ?? queueNumbers.first
            selectedBridge = selectedBridge ?? bridgeNumbers.first
        case .moveUp, .moveDown, .moveLeft, .moveRight, .pageUp, .pageDown, .first, .last:
            moveSelection(action)
        case .call: return askToCall()
        case .find: mode = .find(LineEditor(filter))
        case .dial: mode = .dial(LineEditor())
        case .help: mode = .help
        case .nextTheme: return [.nextTheme]
        case .wallboard: view = view == .board ? .wallboard : .board
        case .missedCalls: mode = .missed(MissedView())
        case .sort:
            sort = sort.next
            rebuildRows()
        case .history:
            guard let state = selectedState else { return [] }
            let view = HistoryView(extensionNumber: state.number, title: "\(state.number) \(TextWidth.sanitized(state.name))")
            mode = .history(view)
            return [.loadHistory(extension: state.number, query: view.query, before: nil)]
        case .recording:
            guard let state = selectedState else { return [] }
            guard let id = state.calls.first(where: { $0.isRecorded })?.presenceCallId ?? lastRecording[state.number] else {
                tell("no recorded call seen on \(state.number)", isError: true)
                return []
            }
            let label = "\(state.number) \(TextWidth.sanitized(state.name))"
            tell("saving the recording of \(label)…")
            return [.saveRecording(id: id, label: label)]
        case .yes, .no, .submit, .cancel, .filterHistory, .olderHistory, .details, .back, .markHandled:
            break
        }
        return []
    }

    private var selectedState: ExtensionState? {
        guard let index = selectedIndex, index < rows.count else { return nil }
        return rows[index]
    }

    /// "Call …?" for the selection of the focused pane.
    private mutating func askToCall() -> [Effect] {
        switch focus {
        case .queues:
            guard let number = selectedQueue else { return [] }
            mode = .confirmCall(digits: number, label: "queue \(number) \(TextWidth.sanitized(snapshot.queues[number]?.name ?? ""))")
        case .conferences:
            guard let number = selectedBridge else { return [] }
            mode = .confirmCall(digits: number, label: "bridge \(number) \(TextWidth.sanitized(snapshot.bridges[number]?.name ?? ""))")
        case .extensions:
            guard let state = selectedState else { return [] }
            mode = .confirmCall(digits: state.number, label: "\(state.number) \(TextWidth.sanitized(state.name))")
        case .today:
            break
        }
        return []
    }

    /// The arrows and paging: in the side panes up and down move their
    /// selection; on the wall grid a page is a column.
    private mutating func moveSelection(_ action: Action) {
        if focus == .today { return }
        if focus != .extensions, action == .moveUp || action == .moveDown {
            moveSideSelection(by: action == .moveUp ? -1 : 1)
            return
        }
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
}

/// How a number about to be dialled is described.
enum DialDescription {
    static func label(_ target: NumberRules.Target, snapshot: PresenceSnapshot) -> String {
        switch target.kind {
        case .extension:
            let name = snapshot.extensions[target.digits].map { TextWidth.sanitized($0.name) } ?? ""
            return "extension \(target.digits)" + (name.isEmpty ? "" : " \(name)")
        case .domestic: return "domestic \(PhoneNumberFormat.display(target.digits))"
        case .international: return "international \(PhoneNumberFormat.display(target.digits))"
        }
    }

    /// What the dial prompt shows while typing.
    static func preview(_ text: String, snapshot: PresenceSnapshot) -> (String, isError: Bool) {
        switch NumberRules.check(text, extensions: Set(snapshot.extensions.keys)) {
        case .success(let target): return (label(target, snapshot: snapshot), false)
        case .failure(let problem): return (problem.description, true)
        }
    }
}
