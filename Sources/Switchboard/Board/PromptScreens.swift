import PresenceEngine

/// The one-line prompts over the board: `/` finds extensions as you type,
/// `d` dials a number after checking it.
enum PromptScreens {
    /// A key in the find prompt: Enter keeps the filter, Escape clears it.
    static func find(_ editor: LineEditor, key: Key, action: Action?) -> ScreenStep {
        switch action {
        case .submit:
            var step = ScreenStep(.board)
            step.filter = editor.text
            return step
        case .cancel:
            var step = ScreenStep(.board)
            step.filter = ""
            return step
        default:
            return ScreenStep(.find(editor.applying(key)))
        }
    }

    /// A key in the dial prompt: Enter asks to call a number the rules accept, else says why not.
    static func dial(_ editor: LineEditor, key: Key, action: Action?, snapshot: PresenceSnapshot) -> ScreenStep {
        switch action {
        case .submit:
            switch NumberRules.check(editor.text, extensions: Set(snapshot.extensions.keys)) {
            case .success(let target):
                return ScreenStep(.confirmCall(digits: target.digits, label: DialDescription.label(target, snapshot: snapshot)))
            case .failure(let problem):
                return ScreenStep(.dial(editor), telling: problem.description, isError: true)
            }
        case .cancel:
            return ScreenStep(.board)
        default:
            return ScreenStep(.dial(editor.applying(key)))
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

/// The y/n questions: "Call …?" and, in kiosk mode, "Quit?".
enum QuestionScreens {
    /// `returnsTo`: where the keyboard goes after the answer (the board, or the missed calls after a call back).
    static func update(_ mode: Mode, action: Action?, returnsTo: Mode) -> ScreenStep {
        switch (mode, action) {
        case (.confirmQuit, .yes): return ScreenStep(.confirmQuit, [.quit])
        case (.confirmQuit, .no): return ScreenStep(.board)
        case (.confirmCall(let digits, let label), .yes):
            return ScreenStep(returnsTo, [.call(digits: digits, label: label)], telling: "calling \(label)…")
        case (.confirmCall, .no): return ScreenStep(returnsTo)
        default: return ScreenStep(mode)
        }
    }
}
