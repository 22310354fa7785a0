import Foundation
import PresenceEngine

/// The `h` screen: one extension's call history, its state and its keys.
struct HistoryScreen: Equatable, Sendable {
    var extensionNumber: String
    var title: String
    var query = HistoryQuery()
    /// The filter as typed (`result=answered callerid=jo min=30`).
    var filterText = ""
    var records: [CallRecord] = []
    var loading = true
    var error: String?
    var selection = 0
    var scrollOffset = 0
    /// Enter shows every field of the selected call under the list.
    var showsDetails = false
    /// The records the last page held, and how many of them were new (the
    /// boundary second of an inclusive `end` comes back again).
    var lastPageCount = 0
    var lastPageNewCount = 0
    /// Whether older records may exist (`HistoryPaging`, as the engine pages).
    var mayHaveOlder: Bool { HistoryPaging.mayHaveOlder(pageCount: lastPageCount, newCount: lastPageNewCount) }

    var selected: CallRecord? { records.indices.contains(selection) ? records[selection] : nil }

    mutating func move(by offset: Int, visible: Int) {
        guard !records.isEmpty else { return }
        selection = min(max(0, selection + offset), records.count - 1)
        if selection < scrollOffset { scrollOffset = selection }
        if selection >= scrollOffset + visible { scrollOffset = selection - visible + 1 }
    }

    /// Lines under the list: a hint line, or the details block.
    var reservedLines: Int { showsDetails ? HistoryScreen.detailLines + 1 : 2 }
    static let detailLines = 5

    /// A page arrived: the first replaces the list, an older one is appended.
    mutating func loaded(_ page: [CallRecord], older: Bool) {
        let known = Set(records)
        let fresh = older ? page.filter { !known.contains($0) } : page
        records = older ? records + fresh : page
        lastPageCount = page.count
        lastPageNewCount = fresh.count
        loading = false
        error = nil
        if !older { selection = 0; scrollOffset = 0 }
    }

    mutating func failed(_ reason: String) {
        loading = false
        error = "history not loaded: \(reason)"
    }

    /// A key on the list; `height` is the lines of the main area.
    func update(_ action: Action?, height: Int) -> ScreenStep {
        var screen = self
        let visible = max(1, height - reservedLines)
        switch action {
        case .details:
            screen.showsDetails.toggle()
            screen.move(by: 0, visible: max(1, height - screen.reservedLines))
        case .moveUp: screen.move(by: -1, visible: visible)
        case .moveDown: screen.move(by: 1, visible: visible)
        case .pageUp: screen.move(by: -visible, visible: visible)
        case .pageDown: screen.move(by: visible, visible: visible)
        case .back: return ScreenStep(.board)
        case .filterHistory: return ScreenStep(.historyFilter(screen, LineEditor(filterText)))
        case .olderHistory:
            guard mayHaveOlder, let oldest = records.compactMap(\.time).min() else { return ScreenStep(.history(screen), telling: "no older calls") }
            screen.loading = true
            return ScreenStep(.history(screen), [.loadHistory(extension: extensionNumber, query: query, before: oldest)])
        case .recording:
            guard let record = selected, let id = record.recordingId else {
                return ScreenStep(.history(screen), telling: "that call has no recording", isError: true)
            }
            let label = "\(title) \(ClockText.historyTime(record.time))"
            return ScreenStep(.history(screen), [.saveRecording(id: id, label: label)], telling: "saving the recording of \(label)…")
        default: break
        }
        return ScreenStep(.history(screen))
    }

    /// A key in the filter prompt (`f`): Enter loads the history again with the filter.
    func updateFilter(_ editor: LineEditor, key: Key, action: Action?) -> ScreenStep {
        var screen = self, editor = editor
        switch action {
        case .submit:
            switch HistoryFilterText.parse(editor.text) {
            case .success(let query):
                screen.query = query
                screen.filterText = editor.text
                screen.loading = true
                screen.records = []
                return ScreenStep(.history(screen), [.loadHistory(extension: extensionNumber, query: query, before: nil)])
            case .failure(let problem):
                return ScreenStep(.historyFilter(screen, editor), telling: problem.text, isError: true)
            }
        case .cancel:
            return ScreenStep(.history(screen))
        default:
            return ScreenStep(.historyFilter(screen, editor.applying(key)))
        }
    }
}
