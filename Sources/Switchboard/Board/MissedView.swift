import Foundation
import Journal
import PresenceEngine

/// The `m` view's own state: which missed caller is selected.
struct MissedView: Equatable, Sendable {
    var selection = 0
    var scrollOffset = 0

    mutating func move(by offset: Int, count: Int, visible: Int) {
        guard count > 0 else { selection = 0; scrollOffset = 0; return }
        selection = min(max(0, selection + offset), count - 1)
        if selection < scrollOffset { scrollOffset = selection }
        if selection >= scrollOffset + visible { scrollOffset = selection - visible + 1 }
        scrollOffset = max(0, min(scrollOffset, count - visible))
    }
}

extension App {
    /// A new journal view: the lists and figures change; a problem is said
    /// once; the digest opens once, over the board.
    mutating func journalArrived(_ view: JournalView) {
        let newProblem = view.problem != nil && view.problem != journal.problem
        journal = view
        if newProblem, let problem = view.problem { tell(problem.description, isError: true) }
        if !digestShown, view.digest != nil {
            digestShown = true
            if mode == .board { mode = .digest }
        }
        if case .missed(var missed) = mode {
            missed.move(by: 0, count: view.missed.count, visible: visibleRowCount)
            mode = .missed(missed)
        }
    }

    /// Extensions on the line with `caller`'s number now.
    func colleagues(with caller: MissedCaller) -> [String] {
        onTheLine[caller.numberKey] ?? []
    }

    mutating func missed(_ view: MissedView, action: Action?) -> [Effect] {
        var view = view
        let count = journal.missed.count
        let visible = max(1, visibleRowCount - 2)
        switch action {
        case .moveUp: view.move(by: -1, count: count, visible: visible)
        case .moveDown: view.move(by: 1, count: count, visible: visible)
        case .pageUp: view.move(by: -visible, count: count, visible: visible)
        case .pageDown: view.move(by: visible, count: count, visible: visible)
        case .back: mode = .board; return []
        case .markHandled:
            guard view.selection < count else { return [] }
            let caller = journal.missed[view.selection]
            tell("\(PhoneNumberFormat.display(caller.number)) marked handled")
            mode = .missed(view)
            return [.markHandled(numberKey: caller.numberKey)]
        case .call:
            guard view.selection < count else { return [] }
            afterQuestion = .missed(view)
            return callBack(journal.missed[view.selection])
        default: break
        }
        mode = .missed(view)
        return []
    }

    /// "Call back …?" for a missed caller, saying who is on the line with them now.
    private mutating func callBack(_ caller: MissedCaller) -> [Effect] {
        switch NumberRules.check(caller.number, extensions: Set(snapshot.extensions.keys)) {
        case .success(let target):
            var label = "back " + PhoneNumberFormat.display(target.digits)
            if !caller.name.isEmpty { label += " \(TextWidth.sanitized(caller.name))" }
            let busy = colleagues(with: caller)
            if !busy.isEmpty { label += " (\(busy.joined(separator: ", ")) on the line with them now)" }
            mode = .confirmCall(digits: target.digits, label: label)
        case .failure(let problem):
            afterQuestion = .board
            tell("cannot call \(caller.number) back: \(problem.description)", isError: true)
        }
        return []
    }
}
