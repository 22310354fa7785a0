/// Figures several rows high for a wall read from across the room (in the
/// way of tty-clock): a 3x5 pixel font, scaled, drawn two pixel rows to a
/// cell with half blocks (`▀ ▄ █`), so pixels come out about square.
enum BigDigits {
    /// Each glyph's rows, `#` for a lit pixel. Digits are 3 wide; the colon 1.
    static let font: [Character: [String]] = [
        "0": ["###", "# #", "# #", "# #", "###"],
        "1": [" # ", "## ", " # ", " # ", "###"],
        "2": ["###", "  #", "###", "#  ", "###"],
        "3": ["###", "  #", "###", "  #", "###"],
        "4": ["# #", "# #", "###", "  #", "  #"],
        "5": ["###", "#  ", "###", "  #", "###"],
        "6": ["###", "#  ", "###", "# #", "###"],
        "7": ["###", "  #", "  #", "  #", "  #"],
        "8": ["###", "# #", "###", "# #", "###"],
        "9": ["###", "# #", "###", "  #", "###"],
        ":": [" ", "#", " ", "#", " "],
        "-": ["   ", "   ", "###", "   ", "   "],
    ]
    static let glyphHeight = 5

    /// Cells wide and rows high of `text` at `scale` (one pixel column
    /// between glyphs).
    static func size(_ text: String, scale: Int) -> (width: Int, height: Int) {
        let pixels = text.reduce(0) { $0 + (font[$1]?.first?.count ?? 0) } + max(0, text.count - 1)
        return (pixels * scale, (glyphHeight * scale + 1) / 2)
    }

    /// The largest scale at which `text` fits in `width` x `height`, or nil
    /// when even the smallest does not.
    static func scale(_ text: String, width: Int, height: Int, largest: Int = 8) -> Int? {
        (1...largest).reversed().first { scale in
            let needed = size(text, scale: scale)
            return needed.width <= width && needed.height <= height
        }
    }

    /// The text's cell rows at `scale`; `ascii` draws `#` instead of blocks.
    static func lines(_ text: String, scale: Int, ascii: Bool = false) -> [String] {
        var pixels = Array(repeating: [Bool](), count: glyphHeight * scale)
        for (index, character) in text.enumerated() {
            let glyph = font[character] ?? font["-"]!
            for (row, bits) in glyph.enumerated() {
                var line: [Bool] = index > 0 ? Array(repeating: false, count: scale) : []
                for bit in bits { line += Array(repeating: bit == "#", count: scale) }
                for repeated in 0..<scale { pixels[row * scale + repeated] += line }
            }
        }
        var rows: [String] = []
        for top in stride(from: 0, to: pixels.count, by: 2) {
            let upper = pixels[top], lower = top + 1 < pixels.count ? pixels[top + 1] : Array(repeating: false, count: upper.count)
            rows.append(String(zip(upper, lower).map { up, down -> Character in
                if ascii { return up || down ? "#" : " " }
                switch (up, down) {
                case (true, true): return "█"
                case (true, false): return "▀"
                case (false, true): return "▄"
                case (false, false): return " "
                }
            }))
        }
        return rows
    }
}
