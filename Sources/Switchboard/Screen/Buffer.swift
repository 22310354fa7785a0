/// One character cell of the screen.
struct Cell: Equatable, Sendable {
    /// The grapheme shown; a space for blank cells.
    var character: Character
    var role: Role
    /// The right half of a double-width character: drawn by its left half.
    var isContinuation = false

    static let blank = Cell(character: " ", role: .text)
}

struct Rect: Equatable, Sendable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    var maxX: Int { x + width }
    var maxY: Int { y + height }

    /// The area inside a one-cell border.
    var inset: Rect { Rect(x: x + 1, y: y + 1, width: max(0, width - 2), height: max(0, height - 2)) }
}

/// The off-screen screen: panes draw into it, tests read it as text, and
/// only `CursesTerminal` copies it (the changed cells) to the terminal.
struct Buffer: Equatable, Sendable {
    let width: Int
    let height: Int
    private(set) var cells: [Cell]

    init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    mutating func fill(_ rect: Rect, role: Role) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) {
                self[x, y] = Cell(character: " ", role: role)
            }
        }
    }

    /// Writes `text` from (x, y), never past `maxWidth` cells (nor the
    /// buffer's edge); text that does not fit ends in an ellipsis.
    /// Returns the number of cells used. Control characters never reach a
    /// cell: `TextWidth.sanitized` replaces them.
    @discardableResult
    mutating func write(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, role: Role) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        let clean = TextWidth.sanitized(text)
        // One pass: on overflow the last character drawn gives way to "…".
        var used = 0
        var lastStart = 0
        for character in clean {
            let cellWidth = TextWidth.width(of: character)
            if cellWidth == 0 { continue }  // a lone combining mark has no cell of its own
            if used + cellWidth > limit {
                if used == limit {
                    // Full: the last character's cells become "…" and spaces.
                    for cell in lastStart..<used { self[x + cell, y] = Cell(character: " ", role: role) }
                    used = lastStart
                }
                self[x + used, y] = Cell(character: "…", role: role)
                return used + 1
            }
            lastStart = used
            self[x + used, y] = Cell(character: character, role: role)
            if cellWidth == 2 { self[x + used + 1, y] = Cell(character: " ", role: role, isContinuation: true) }
            used += cellWidth
        }
        return used
    }

    /// Sets the role of a run of cells without changing their characters.
    mutating func paint(_ rect: Rect, role: Role) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) {
                self[x, y].role = role
            }
        }
    }

    /// The screen as plain text, one line per row, trailing spaces kept so
    /// snapshots show the exact layout.
    var text: String {
        (0..<height).map { line(at: $0) }.joined(separator: "\n")
    }

    func line(at y: Int) -> String {
        var line = ""
        for x in 0..<width where !self[x, y].isContinuation { line.append(self[x, y].character) }
        return line
    }

    /// Each row's roles as a legend: runs of one role, e.g. `0-4 header, 5-79 text`.
    var roleLegend: String {
        (0..<height).map { y -> String in
            var runs: [String] = []
            var start = 0
            for x in 1...width where x == width || self[x, y].role != self[start, y].role {
                runs.append("\(start)-\(x - 1) \(self[start, y].role.rawValue)")
                start = x
            }
            return String(format: "%02d: ", y) + runs.joined(separator: ", ")
        }.joined(separator: "\n")
    }
}
