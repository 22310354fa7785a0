/// What a screen's reducer asks of `App`: where the keyboard goes next,
/// the work to do, and a message to show. The screens (history, missed,
/// the prompts, the questions) each own their `update`; `App` routes keys
/// to them and applies the step.
struct ScreenStep: Equatable {
    var mode: Mode
    var effects: [Effect] = []
    var notice: (text: String, isError: Bool)?
    /// Where a y/n question returns after it is answered (a call back returns to the missed calls).
    var questionReturnsTo: Mode?
    /// The find filter kept after the find prompt.
    var filter: String?

    init(_ mode: Mode, _ effects: [Effect] = [], telling text: String? = nil, isError: Bool = false) {
        self.mode = mode
        self.effects = effects
        notice = text.map { ($0, isError) }
    }

    static func == (lhs: ScreenStep, rhs: ScreenStep) -> Bool {
        lhs.mode == rhs.mode && lhs.effects == rhs.effects && lhs.notice?.text == rhs.notice?.text
            && lhs.notice?.isError == rhs.notice?.isError && lhs.questionReturnsTo == rhs.questionReturnsTo && lhs.filter == rhs.filter
    }
}
