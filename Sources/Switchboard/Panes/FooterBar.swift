import PresenceEngine

/// The bottom line: key hints generated from the keymap, or the prompt or
/// question in progress, and the latest notice while it is fresh.
enum FooterBar {
    static func render(model: BoardModel, now: MonotonicInstant, rect full: Rect, into buffer: inout Buffer) {
        buffer.fill(full, role: .footer)
        // A fresh notice takes the right end first; hints and prompts get the rest.
        var rect = full
        if let notice = model.notice, now.seconds(since: notice.shownAt) < Notice.seconds {
            let text = " \(TextWidth.sanitized(notice.text)) "
            let width = min(TextWidth.width(of: text), max(0, full.width * 3 / 5))
            buffer.write(text, x: full.maxX - width - 1, y: full.y, maxWidth: width, role: notice.isError ? .stale : .message)
            rect.width = max(0, full.width - width - 2)
        }
        var x = rect.x + 1
        switch model.mode {
        case .board:
            x = hints(model.scope, kiosk: model.kiosk, x: x, rect: rect, into: &buffer)
        case .help:
            x = hints(.help, kiosk: model.kiosk, x: x, rect: rect, into: &buffer)
        case .history:
            x = hints(.history, kiosk: model.kiosk, x: x, rect: rect, into: &buffer)
        case .missed:
            x = hints(.missed, kiosk: model.kiosk, x: x, rect: rect, into: &buffer)
        case .digest:
            x = hints(.digest, kiosk: model.kiosk, x: x, rect: rect, into: &buffer)
        case .historyFilter(_, let editor):
            x += buffer.write("filter: ", x: x, y: rect.y, role: .footerKey)
            x = field(editor, x: x, rect: rect, into: &buffer)
            x = hints(.prompt, kiosk: model.kiosk, x: x + 1, rect: rect, into: &buffer)
        case .find(let editor):
            x += buffer.write("find: ", x: x, y: rect.y, role: .footerKey)
            x = field(editor, x: x, rect: rect, into: &buffer)
            x += buffer.write("  \(model.rows.count) match\(model.rows.count == 1 ? "" : "es")  ", x: x, y: rect.y, maxWidth: max(0, rect.maxX - x), role: .footer)
            x = hints(.prompt, kiosk: model.kiosk, x: x, rect: rect, into: &buffer)
        case .dial(let editor):
            x += buffer.write("dial: ", x: x, y: rect.y, role: .footerKey)
            x = field(editor, x: x, rect: rect, into: &buffer)
            if !editor.text.isEmpty {
                let (preview, isError) = DialDescription.preview(editor.text, snapshot: model.snapshot)
                x += buffer.write("  → \(preview)  ", x: x, y: rect.y, maxWidth: max(0, rect.maxX - x), role: isError ? .stale : .message)
            }
            x = hints(.prompt, kiosk: model.kiosk, x: x + 2, rect: rect, into: &buffer)
        case .confirmCall(_, let label):
            x += buffer.write("Call \(label)? ", x: x, y: rect.y, maxWidth: max(0, rect.maxX - x - 12), role: .message)
            x = hints(.question, kiosk: model.kiosk, x: x, rect: rect, into: &buffer)
        case .confirmQuit:
            x += buffer.write("Quit the board? ", x: x, y: rect.y, role: .message)
            x = hints(.question, kiosk: model.kiosk, x: x, rect: rect, into: &buffer)
        }
    }

    /// Writes the scope's hints; when they do not all fit, the middle ones
    /// give way so the last two (help and quit on the board) always show.
    private static func hints(_ scope: KeyScope, kiosk: Bool, x start: Int, rect: Rect, into buffer: inout Buffer) -> Int {
        let all = Keymap.footerHints(in: scope, kiosk: kiosk)
        func width(_ hint: (keys: String, label: String)) -> Int { TextWidth.width(of: hint.keys) + TextWidth.width(of: hint.label) + 3 }
        let room = rect.maxX - start
        var chosen = all
        if all.map(width).reduce(0, +) > room, all.count > 2 {
            let tail = Array(all.suffix(2))
            var used = tail.map(width).reduce(0, +)
            var head: [(keys: String, label: String)] = []
            for hint in all.dropLast(2) where used + width(hint) <= room {
                head.append(hint)
                used += width(hint)
            }
            chosen = head + tail
        }
        var x = start
        for hint in chosen {
            guard x < rect.maxX else { break }
            x += buffer.write(hint.keys, x: x, y: rect.y, maxWidth: rect.maxX - x, role: .footerKey)
            x += buffer.write(" \(hint.label)  ", x: x, y: rect.y, maxWidth: max(0, rect.maxX - x), role: .footer)
        }
        return x
    }

    /// The text being typed, with the cursor cell shown by the selection role.
    private static func field(_ editor: LineEditor, x start: Int, rect: Rect, into buffer: inout Buffer) -> Int {
        var x = start
        let width = buffer.write(editor.text + " ", x: x, y: rect.y, maxWidth: max(0, rect.maxX - x), role: .text)
        let before = TextWidth.width(of: String(editor.characters.prefix(editor.cursor)))
        if x + before < rect.maxX { buffer.paint(Rect(x: x + before, y: rect.y, width: 1, height: 1), role: .selection) }
        x += width
        return x
    }
}
