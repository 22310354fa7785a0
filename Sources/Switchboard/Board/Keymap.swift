/// Everything a key can ask the board to do.
enum Action: String, CaseIterable, Sendable {
    case moveUp, moveDown, pageUp, pageDown, first, last
    case quit
}

/// One row of the keymap: the keys, what they do, and how help shows them.
struct KeyBinding: Sendable {
    var keys: [Key]
    var action: Action
    /// The short label in the footer, or nil to leave it out of the footer.
    var footer: String?
    /// The full sentence in the help overlay.
    var help: String
    /// Whether `--kiosk` leaves the binding on.
    var allowedInKiosk: Bool
}

/// The one keymap table: the footer and help are generated from it, so
/// they cannot drift from what the keys really do.
enum Keymap {
    static let board: [KeyBinding] = [
        KeyBinding(keys: [.up, .character("k")], action: .moveUp, footer: "move", help: "move the selection up", allowedInKiosk: true),
        KeyBinding(keys: [.down, .character("j")], action: .moveDown, footer: nil, help: "move the selection down", allowedInKiosk: true),
        KeyBinding(keys: [.pageUp], action: .pageUp, footer: nil, help: "one page up", allowedInKiosk: true),
        KeyBinding(keys: [.pageDown], action: .pageDown, footer: nil, help: "one page down", allowedInKiosk: true),
        KeyBinding(keys: [.home, .character("g")], action: .first, footer: nil, help: "first extension", allowedInKiosk: true),
        KeyBinding(keys: [.end, .character("G")], action: .last, footer: nil, help: "last extension", allowedInKiosk: true),
        KeyBinding(keys: [.character("q"), .control("c")], action: .quit, footer: "quit", help: "quit, restoring the terminal", allowedInKiosk: true),
    ]

    static func action(for key: Key, kiosk: Bool = false) -> Action? {
        board.first { $0.keys.contains(key) && (!kiosk || $0.allowedInKiosk) }?.action
    }

    /// Footer hints: `↑↓ move  q quit`. Up and down share one hint.
    static func footerHints(kiosk: Bool = false) -> [(keys: String, label: String)] {
        board.compactMap { binding in
            guard let label = binding.footer, !kiosk || binding.allowedInKiosk else { return nil }
            let keys = binding.action == .moveUp ? "↑↓" : binding.keys[0].label
            return (keys, label)
        }
    }
}
