/// Everything a key can ask the board to do.
enum Action: String, CaseIterable, Sendable {
    case moveUp, moveDown, moveLeft, moveRight, pageUp, pageDown, first, last
    case nextPane, previousPane
    case find, call, dial, history, recording, sort, nextTheme, help, quit, wallboard, missedCalls
    /// `a`: what is critical now is acknowledged (the bell stops for it).
    case acknowledge
    /// In the missed calls.
    case markHandled
    /// In the history view.
    case filterHistory, olderHistory, details, back
    /// In a y/n question.
    case yes, no
    /// In a prompt (find, dial).
    case submit, cancel
}

/// Where a key is read: the board itself, a prompt, a y/n question, the help overlay.
enum KeyScope: String, CaseIterable, Sendable {
    case board, prompt, question, help, history, wallboard, missed, digest
}

/// One row of the keymap: the keys, what they do, and how help shows them.
struct KeyBinding: Sendable {
    var scope: KeyScope
    var keys: [Key]
    var action: Action
    /// The short label in the footer, or nil to leave it out of the footer.
    var footer: String?
    /// The full sentence in the help overlay.
    var help: String
    /// Whether `--kiosk` leaves the binding on.
    var allowedInKiosk: Bool = true
}

/// The one keymap table: the footer and help are generated from it, so
/// they cannot drift from what the keys really do.
enum Keymap {
    static let bindings: [KeyBinding] = [
        KeyBinding(scope: .board, keys: [.up, .character("k")], action: .moveUp, footer: "move", help: "move the selection up"),
        KeyBinding(scope: .board, keys: [.down, .character("j")], action: .moveDown, footer: nil, help: "move the selection down"),
        KeyBinding(scope: .board, keys: [.left], action: .moveLeft, footer: nil, help: "the column to the left on the wall grid (the tile to the left)"),
        KeyBinding(scope: .board, keys: [.right], action: .moveRight, footer: nil, help: "the column to the right on the wall grid (the tile to the right)"),
        KeyBinding(scope: .board, keys: [.pageUp], action: .pageUp, footer: nil, help: "one page up (on the wall grid: one column left)"),
        KeyBinding(scope: .board, keys: [.pageDown], action: .pageDown, footer: nil, help: "one page down (on the wall grid: one column right)"),
        KeyBinding(scope: .board, keys: [.home, .character("g")], action: .first, footer: nil, help: "first extension"),
        KeyBinding(scope: .board, keys: [.end, .character("G")], action: .last, footer: nil, help: "last extension"),
        KeyBinding(scope: .board, keys: [.tab], action: .nextPane, footer: "pane", help: "next pane: extensions, queues, conferences, today's figures"),
        KeyBinding(scope: .board, keys: [.backTab], action: .previousPane, footer: nil, help: "previous pane"),
        KeyBinding(scope: .board, keys: [.character("/")], action: .find, footer: "find",
                   help: "find by name, extension or login (Enter keeps the filter, Esc clears it)"),
        KeyBinding(scope: .board, keys: [.enter, .character("c")], action: .call, footer: "call",
                   help: "call the selected extension, queue or bridge (asks y/n first)", allowedInKiosk: false),
        KeyBinding(scope: .board, keys: [.character("d")], action: .dial, footer: "dial",
                   help: "dial any number: shows extension, domestic or international before y/n", allowedInKiosk: false),
        KeyBinding(scope: .board, keys: [.character("h")], action: .history, footer: "history",
                   help: "call history of the selected extension (f filters, n older, r saves a recording)"),
        KeyBinding(scope: .board, keys: [.character("r")], action: .recording, footer: "recording",
                   help: "save the recording of the selected extension's call (the live one, else the last seen)", allowedInKiosk: false),
        KeyBinding(scope: .board, keys: [.character("s")], action: .sort, footer: "sort", help: "sort by extension, name or status"),
        KeyBinding(scope: .board, keys: [.character("m")], action: .missedCalls, footer: "missed",
                   help: "missed calls to call back (x marks one handled, Enter calls back)"),
        KeyBinding(scope: .board, keys: [.character("w")], action: .wallboard, footer: "wallboard", help: "the queue wallboard: big figures per queue"),
        KeyBinding(scope: .board, keys: [.character("t")], action: .nextTheme, footer: "theme", help: "next theme"),
        KeyBinding(scope: .board, keys: [.character("a")], action: .acknowledge, footer: nil,
                   help: "acknowledge what is critical now: the bell stops for it (the colour stays until it ends)"),
        KeyBinding(scope: .board, keys: [.character("?")], action: .help, footer: "help", help: "this help"),
        KeyBinding(scope: .board, keys: [.character("q"), .control("c")], action: .quit, footer: "quit",
                   help: "quit, restoring the terminal (asks first in kiosk mode)"),
        KeyBinding(scope: .wallboard, keys: [.character("w"), .escape], action: .wallboard, footer: "board", help: "back to the board"),
        KeyBinding(scope: .wallboard, keys: [.character("m")], action: .missedCalls, footer: "missed", help: "missed calls to call back"),
        KeyBinding(scope: .wallboard, keys: [.character("t")], action: .nextTheme, footer: "theme", help: "next theme"),
        KeyBinding(scope: .wallboard, keys: [.character("a")], action: .acknowledge, footer: nil,
                   help: "acknowledge what is critical now: the bell stops for it"),
        KeyBinding(scope: .wallboard, keys: [.character("?")], action: .help, footer: "help", help: "this help"),
        KeyBinding(scope: .wallboard, keys: [.character("q"), .control("c")], action: .quit, footer: "quit",
                   help: "quit, restoring the terminal (asks first in kiosk mode)"),
        KeyBinding(scope: .prompt, keys: [.enter], action: .submit, footer: "done", help: "accept"),
        KeyBinding(scope: .prompt, keys: [.escape, .control("c")], action: .cancel, footer: "cancel", help: "cancel"),
        KeyBinding(scope: .question, keys: [.character("y"), .character("Y")], action: .yes, footer: "yes", help: "yes"),
        KeyBinding(scope: .question, keys: [.character("n"), .character("N"), .escape], action: .no, footer: "no", help: "no"),
        KeyBinding(scope: .history, keys: [.up, .character("k")], action: .moveUp, footer: "move", help: "previous call"),
        KeyBinding(scope: .history, keys: [.down, .character("j")], action: .moveDown, footer: nil, help: "next call"),
        KeyBinding(scope: .history, keys: [.pageUp], action: .pageUp, footer: nil, help: "one page up"),
        KeyBinding(scope: .history, keys: [.pageDown], action: .pageDown, footer: nil, help: "one page down"),
        KeyBinding(scope: .history, keys: [.enter], action: .details, footer: "details", help: "show or hide every field of the selected call"),
        KeyBinding(scope: .history, keys: [.character("f"), .character("/")], action: .filterHistory, footer: "filter",
                   help: "filter: start= end= from= to= result= callerid= customtag= min= max= recorded="),
        KeyBinding(scope: .history, keys: [.character("n")], action: .olderHistory, footer: "older", help: "load older calls (past the 100 the service sends at once)"),
        KeyBinding(scope: .history, keys: [.character("r")], action: .recording, footer: "recording", help: "save the selected call's recording",
                   allowedInKiosk: false),
        KeyBinding(scope: .history, keys: [.escape, .character("q"), .character("h")], action: .back, footer: "back", help: "back to the board"),
        KeyBinding(scope: .missed, keys: [.up, .character("k")], action: .moveUp, footer: "move", help: "previous caller"),
        KeyBinding(scope: .missed, keys: [.down, .character("j")], action: .moveDown, footer: nil, help: "next caller"),
        KeyBinding(scope: .missed, keys: [.pageUp], action: .pageUp, footer: nil, help: "one page up"),
        KeyBinding(scope: .missed, keys: [.pageDown], action: .pageDown, footer: nil, help: "one page down"),
        KeyBinding(scope: .missed, keys: [.enter, .character("c")], action: .call, footer: "call back",
                   help: "call the selected number back (asks y/n first)", allowedInKiosk: false),
        KeyBinding(scope: .missed, keys: [.character("x")], action: .markHandled, footer: "handled",
                   help: "mark the selected caller handled (kept in the journal, off the list)", allowedInKiosk: false),
        KeyBinding(scope: .missed, keys: [.escape, .character("q"), .character("m")], action: .back, footer: "back", help: "back to the board"),
        KeyBinding(scope: .digest, keys: [.escape, .enter, .character("q")], action: .back, footer: "close", help: "close the summary"),
        KeyBinding(scope: .digest, keys: [.character("m")], action: .missedCalls, footer: "missed", help: "the missed calls to call back"),
        KeyBinding(scope: .help, keys: [.escape, .character("?"), .character("q"), .enter], action: .cancel, footer: "close", help: "close the help"),
    ]

    static func action(for key: Key, in scope: KeyScope, kiosk: Bool = false) -> Action? {
        bindings.first { $0.scope == scope && $0.keys.contains(key) && (!kiosk || $0.allowedInKiosk) }?.action
    }

    static func bindings(in scope: KeyScope, kiosk: Bool = false) -> [KeyBinding] {
        bindings.filter { $0.scope == scope && (!kiosk || $0.allowedInKiosk) }
    }

    /// Footer hints: `↑↓ move  / find  q quit`. Up and down share one hint.
    static func footerHints(in scope: KeyScope = .board, kiosk: Bool = false) -> [(keys: String, label: String)] {
        bindings(in: scope, kiosk: kiosk).compactMap { binding in
            guard let label = binding.footer else { return nil }
            let keys = binding.action == .moveUp ? "↑↓" : binding.keys[0].label
            return (keys, label)
        }
    }

    /// The help overlay's lines: keys, then what they do.
    static func helpLines(kiosk: Bool) -> [(keys: String, help: String)] {
        bindings(in: .board, kiosk: kiosk).map { binding in
            (binding.keys.map(\.label).joined(separator: " "), binding.help)
        }
    }
}
