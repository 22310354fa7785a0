import CNcurses
import Foundation

/// The only type that talks to ncurses. It copies the cells that changed
/// since the last frame and lets ncurses send them; everything else on
/// screen is drawn into a `Buffer` first.
final class CursesTerminal {
    private var previous: Buffer?
    private var looks: [Role: (attributes: attr_t, pair: Int16)] = [:]
    /// False when the locale is not UTF-8: the board then uses ASCII glyphs.
    let isUTF8: Bool

    /// The colours terminfo gives `term`, without taking the terminal; nil when it knows no such terminal.
    static func colours(ofTerminal term: String) -> Int? {
        let colours = cn_term_colors(term)
        return colours < 0 ? nil : Int(colours)
    }

    init(theme: Theme, colour: Bool) {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        isUTF8 = codeset.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
        initscr()
        raw()  // Ctrl-C arrives as a key: the board quits cleanly itself
        noecho()
        nonl()
        keypad(cn_stdscr(), true)
        nodelay(cn_stdscr(), true)
        set_escdelay(25)
        // No typeahead check: ncurses otherwise looks for typed keys (a poll()
        // each) every few lines of an update and writes line by line; the
        // board reads keys itself between frames. One write() a frame
        // instead of ten a second on an idle board.
        typeahead(-1)
        // ncurses 6.4 takes a screen not yet through endwin() and back for
        // "not initialized" and flushes at every cursor move (a write() per
        // updated row); once through, it buffers a whole update into one.
        endwin()
        refresh()
        curs_set(0)
        let useColour = colour && has_colors()
        if useColour {
            start_color()
            use_default_colors()
        }
        self.useColour = useColour
        prepare(useColour ? theme : theme.withoutColours, colour: useColour)
    }

    private var useColour = false

    /// Switches theme; the next draw repaints every cell in the new looks.
    func apply(_ theme: Theme) {
        prepare(useColour ? theme : theme.withoutColours, colour: useColour)
        invalidate()
    }

    /// Restores the terminal. Safe to call twice.
    func shutdown() {
        guard !isendwin() else { return }
        curs_set(1)
        endwin()
    }

    var size: (width: Int, height: Int) {
        (Int(cn_cols()), Int(cn_lines()))
    }

    /// Colour pairs and attributes for every role, worked out once.
    private func prepare(_ theme: Theme, colour: Bool) {
        let colours = Int(cn_colors())
        func number(_ color: ThemeColor) -> Int16 {
            switch color {
            case .terminalDefault: return -1
            case .indexed(let index): return Int16(ColorFallback.index(index, available: colours))
            }
        }
        for (offset, role) in Role.allCases.enumerated() {
            let style = theme.style(role)
            var attributes = cn_a_normal()
            if style.bold { attributes |= cn_a_bold() }
            if style.reverse { attributes |= cn_a_reverse() }
            if style.underline { attributes |= cn_a_underline() }
            if style.dim { attributes |= cn_a_dim() }
            var pair: Int16 = 0
            if colour && (style.foreground != .terminalDefault || style.background != .terminalDefault) {
                pair = Int16(offset + 1)
                init_pair(pair, number(style.foreground), number(style.background))
            }
            looks[role] = (attributes, pair)
        }
    }

    /// Copies the cells that differ from the last frame, then updates the
    /// terminal; a resized or first frame is copied whole.
    /// `rows`, when given, are the only rows that can differ from the last frame.
    func draw(_ buffer: Buffer, rows: [Int]? = nil) {
        let full = previous.map { $0.width != buffer.width || $0.height != buffer.height } ?? true
        if full { werase(cn_stdscr()) }
        // `previous` is updated in place, never shared with the caller's
        // frame: a shared one would make the next tick copy every cell.
        if full { previous = Buffer(width: buffer.width, height: buffer.height) }
        for y in (full ? nil : rows) ?? Array(0..<buffer.height) where y >= 0 && y < buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                let old = previous![x, y]
                if !full, old == cell { continue }
                // Continuation cells are kept too: the next frame compares
                // against what is really on screen.
                previous![x, y] = cell
                if cell.isContinuation { continue }
                // Writing over the right half of a wide character blanks its
                // left half on the terminal: draw that cell again.
                if !full, old.isContinuation, x > 0, !buffer[x - 1, y].isContinuation { put(buffer[x - 1, y], x: x - 1, y: y, of: buffer) }
                put(cell, x: x, y: y, of: buffer)
            }
        }
        wnoutrefresh(cn_stdscr())
        doupdate()
    }

    private func put(_ cell: Cell, x: Int, y: Int, of buffer: Buffer) {
        // The last cell of the screen would scroll it; ncurses allows
        // writing it only through insertion, which the board never needs.
        if y == buffer.height - 1 && x == buffer.width - 1 { return }
        let look = looks[cell.role] ?? (cn_a_normal(), 0)
        var text = cell.character.unicodeScalars.prefix(Int(CCHARW_MAX) - 1).map { wchar_t(bitPattern: $0.value) }
        text.append(0)
        cn_put_cell(Int32(y), Int32(x), text, look.attributes, look.pair)
    }

    /// Forgets the last frame so the next draw repaints everything.
    func invalidate() { previous = nil }

    /// The terminal bell (BEL; a visible flash where the terminal has no sound).
    func bell() { _ = beep() }

    /// The next key, or nil when none is waiting.
    func readKey() -> Key? {
        var value: wint_t = 0
        let result = wget_wch(cn_stdscr(), &value)
        if result == ERR { return nil }
        if result == KEY_CODE_YES {
            switch Int32(value) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_DC: return .delete
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_ENTER: return .enter
            case KEY_BTAB: return .backTab
            case KEY_BACKSPACE: return .backspace
            case cn_key_resize(): return .resize
            default: return .character("\u{FFFD}")
            }
        }
        switch value {
        case 3: return .control("c")
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(value) + 96)))
        default:
            guard let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
            return .character(Character(scalar))
        }
    }
}
