/// The board screen's own keys: moving, the panes, the prompts, the views.
extension App {
    mutating func perform(_ action: Action) -> [Effect] {
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
        case .call: askToCall()
        case .find: mode = .find(LineEditor(filter))
        case .dial: mode = .dial(LineEditor())
        case .help: mode = .help
        case .nextTheme: return [.nextTheme]
        case .acknowledge:
            tell("acknowledged: the bell stops for what is critical now")
            return [.acknowledgeAlarms]
        case .wallboard: view = view == .board ? .wallboard : .board
        case .missedCalls: mode = .missed(MissedScreen())
        case .sort:
            sort = sort.next
            rebuildRows()
        case .history:
            guard let state = list.selectedState else { return [] }
            let screen = HistoryScreen(extensionNumber: state.number, title: "\(state.number) \(TextWidth.sanitized(state.name))")
            mode = .history(screen)
            return [.loadHistory(extension: state.number, query: screen.query, before: nil)]
        case .recording:
            return saveRecording()
        case .yes, .no, .submit, .cancel, .filterHistory, .olderHistory, .details, .back, .markHandled:
            break
        }
        return []
    }

    /// `r`: the recording of the selected extension's call, on now or last seen.
    private mutating func saveRecording() -> [Effect] {
        guard let state = list.selectedState else { return [] }
        guard let id = state.calls.first(where: { $0.isRecorded })?.presenceCallId ?? lastRecording[state.number] else {
            tell("no recorded call seen on \(state.number)", isError: true)
            return []
        }
        let label = "\(state.number) \(TextWidth.sanitized(state.name))"
        tell("saving the recording of \(label)…")
        return [.saveRecording(id: id, label: label)]
    }

    /// "Call …?" for the selection of the focused pane.
    private mutating func askToCall() {
        switch focus {
        case .queues:
            guard let number = selectedQueue else { return }
            mode = .confirmCall(digits: number, label: "queue \(number) \(TextWidth.sanitized(snapshot.queues[number]?.name ?? ""))")
        case .conferences:
            guard let number = selectedBridge else { return }
            mode = .confirmCall(digits: number, label: "bridge \(number) \(TextWidth.sanitized(snapshot.bridges[number]?.name ?? ""))")
        case .extensions:
            guard let state = list.selectedState else { return }
            mode = .confirmCall(digits: state.number, label: "\(state.number) \(TextWidth.sanitized(state.name))")
        case .today:
            break
        }
    }

    /// The arrows and paging: in the side panes up and down move their
    /// selection; on the wall the extensions' selection moves.
    private mutating func moveSelection(_ action: Action) {
        if focus == .today { return }
        if focus != .extensions, action == .moveUp || action == .moveDown {
            moveSideSelection(by: action == .moveUp ? -1 : 1)
            return
        }
        moveInList(action)
    }

    private mutating func moveSideSelection(by offset: Int) {
        let numbers = focus == .queues ? queueNumbers : bridgeNumbers
        guard !numbers.isEmpty else { return }
        let current = focus == .queues ? selectedQueue : selectedBridge
        let index = min(max(0, (current.flatMap { numbers.firstIndex(of: $0) } ?? 0) + offset), numbers.count - 1)
        if focus == .queues { selectedQueue = numbers[index] } else { selectedBridge = numbers[index] }
    }
}
