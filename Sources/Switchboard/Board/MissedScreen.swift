import Journal
import PresenceEngine

/// The `m` screen: the missed calls to call back, which one is selected, and its keys.
struct MissedScreen: Equatable, Sendable {
    var selection = 0
    var scrollOffset = 0

    /// Lines of the main area the list leaves for the details under it.
    static let reservedLines = 2

    mutating func move(by offset: Int, count: Int, visible: Int) {
        guard count > 0 else { selection = 0; scrollOffset = 0; return }
        selection = min(max(0, selection + offset), count - 1)
        if selection < scrollOffset { scrollOffset = selection }
        if selection >= scrollOffset + visible { scrollOffset = selection - visible + 1 }
        scrollOffset = max(0, min(scrollOffset, count - visible))
    }

    /// What the keys need to know of the board.
    struct Context {
        var missed: [MissedCaller]
        /// Lines of the main area.
        var height: Int
        var snapshot: PresenceSnapshot
        /// Who is on the line with each number now (number key -> extensions).
        var onTheLine: [String: [String]]
        /// How the numbers are written in the question and the message.
        var numbers = NumberPrivacy.whole
        /// Names for callers that left none.
        var phonebook = Phonebook()
    }

    func update(_ action: Action?, context: Context) -> ScreenStep {
        var screen = self
        let count = context.missed.count
        let visible = max(1, context.height - MissedScreen.reservedLines)
        switch action {
        case .moveUp: screen.move(by: -1, count: count, visible: visible)
        case .moveDown: screen.move(by: 1, count: count, visible: visible)
        case .pageUp: screen.move(by: -visible, count: count, visible: visible)
        case .pageDown: screen.move(by: visible, count: count, visible: visible)
        case .back: return ScreenStep(.board)
        case .markHandled:
            guard selection < count else { return ScreenStep(.missed(screen)) }
            let caller = context.missed[selection]
            return ScreenStep(.missed(screen), [.markHandled(numberKey: caller.numberKey)],
                              telling: "\(context.numbers.shown(caller.number)) marked handled")
        case .call:
            guard selection < count else { return ScreenStep(.missed(screen)) }
            return callBack(context.missed[selection], context: context)
        default: break
        }
        return ScreenStep(.missed(screen))
    }

    /// "Call back …?" for a missed caller, saying who is on the line with them now.
    private func callBack(_ caller: MissedCaller, context: Context) -> ScreenStep {
        switch NumberRules.check(caller.number, extensions: Set(context.snapshot.extensions.keys)) {
        case .success(let target):
            var label = "back " + context.numbers.shown(target.digits)
            let name = context.phonebook.name(caller.name, for: caller.number)
            if !name.isEmpty { label += " \(TextWidth.sanitized(name))" }
            let busy = context.onTheLine[caller.numberKey] ?? []
            if !busy.isEmpty { label += " (\(busy.joined(separator: ", ")) on the line with them now)" }
            var step = ScreenStep(.confirmCall(digits: target.digits, label: label))
            step.questionReturnsTo = .missed(self)
            return step
        case .failure(let problem):
            var step = ScreenStep(.missed(self), telling: "cannot call \(caller.number) back: \(problem.description)", isError: true)
            step.questionReturnsTo = .board
            return step
        }
    }
}
