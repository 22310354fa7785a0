/// One character cell of the screen.
package struct Cell: Equatable, Sendable {
    /// The grapheme shown; a space for blank cells.
    package var character: Character
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
package struct Buffer: Equatable, Sendable {
    package let width: Int
    package let height: Int
    package private(set) var cells: [Cell] {
        didSet { isBlank = false }
    }
    /// Nothing written since it was made: filling it blank again is free.
    private var isBlank = true

    package static func == (left: Buffer, right: Buffer) -> Bool {
        left.width == right.width && left.height == right.height && left.cells == right.cells
    }

    package init(width: Int, height: Int) {
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
        if rect == area {
            if isBlank && role == .text { return }
            let blank = Cell(character: " ", role: role)
            for index in cells.indices { cells[index] = blank }
            return
        }
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
    package mutating func write(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, role: Role) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        if let used = writeASCII(text, x: x, y: y, limit: limit, role: role) { return used }
        if let used = writeLatin(text, x: x, y: y, limit: limit, role: role) { return used }
        // One pass over the cells (TextWidth's one measure): on overflow the
        // last one drawn gives way to "…".
        var used = 0
        var lastStart = 0
        for cluster in TextWidth.clusters(of: text) {
            let cellWidth = cluster.width
            let character = cluster.character
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

    /// Printable ASCII (most of a board: numbers, names, words) needs no
    /// sanitising, no grapheme breaking and no width table: one cell a byte.
    /// Nil for any other text, which takes the general path.
    private mutating func writeASCII(_ text: String, x: Int, y: Int, limit: Int, role: Role) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
            let fits = bytes.count <= limit
            let shown = fits ? bytes.count : limit - 1
            let start = y * width + x
            for index in 0..<shown {
                cells[start + index] = Cell(character: Buffer.ascii[Int(bytes[index]) - 0x20], role: role)
            }
            if !fits { cells[start + shown] = Cell(character: "…", role: role) }
            return fits ? bytes.count : limit
        }
    }

    /// Text of only printable scalars below U+0300 (Latin letters with their
    /// accents precomposed: `Zoë Ó Briain`): each scalar is a character of
    /// one cell, since nothing there combines with its neighbour.
    private mutating func writeLatin(_ text: String, x: Int, y: Int, limit: Int, role: Role) -> Int? {
        let scalars = text.unicodeScalars
        guard scalars.allSatisfy({ (0x20..<0x7F).contains($0.value) || (0xA0..<0x300).contains($0.value) }) else { return nil }
        let start = y * width + x
        var used = 0
        for scalar in scalars {
            if used == limit {
                cells[start + limit - 1] = Cell(character: "…", role: role)
                return limit
            }
            let value = Int(scalar.value)
            let character = value < 0x7F ? Buffer.ascii[value - 0x20] : value < 0x100 ? Buffer.latin1[value - 0xA0] : Character(scalar)
            cells[start + used] = Cell(character: character, role: role)
            used += 1
        }
        return used
    }

    private static let latin1: [Character] = (0xA0..<0x100).map { Character(Unicode.Scalar(UInt8($0))) }

    /// The printable ASCII characters, made once (a Character from a byte
    /// costs a string each time).
    private static let ascii: [Character] = (0x20..<0x7F).map { Character(Unicode.Scalar(UInt8($0))) }

    /// One single-width glyph (a border, a block of a big digit) at (x, y).
    mutating func put(_ character: Character, x: Int, y: Int, role: Role) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        cells[y * width + x] = Cell(character: character, role: role)
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
    package var text: String {
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
