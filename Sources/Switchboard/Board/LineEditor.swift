/// A one-line text editor for prompts: cursor, backspace, delete, home,
/// end, and pasted text arriving one character at a time.
package struct LineEditor: Equatable, Sendable {
    package private(set) var characters: [Character] = []
    package private(set) var cursor = 0
    package var limit = 64

    var text: String { String(characters) }

    package init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    /// The editor after `key` (unchanged for a key that is not an edit).
    func applying(_ key: Key) -> LineEditor {
        var editor = self
        _ = editor.apply(key)
        return editor
    }

    /// Applies an editing key; returns false for keys that are not edits.
    package mutating func apply(_ key: Key) -> Bool {
        switch key {
        case .character(let character):
            guard characters.count < limit, !character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return true }
            characters.insert(character, at: cursor)
            cursor += 1
        case .backspace:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .control("u"):
            characters.removeAll()
            cursor = 0
        default:
            return false
        }
        return true
    }
}
