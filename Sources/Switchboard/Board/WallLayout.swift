import PresenceEngine

/// Where each extension goes in the extensions pane, a pure function of the
/// rows, their sections and the pane's size:
/// - below `gridMinimumScreenWidth` columns, one list that scrolls;
/// - wider, rows flow down then across into as many columns as needed
///   (as few as fit), each with the same solved column widths;
/// - when even that does not fit, idle extensions become compact tiles
///   (number, status glyph, short name) while ringing and busy ones keep
///   their whole line;
/// - past that, the last line says how many are not shown. Never a silent cut.
struct WallLayout: Equatable, Sendable {
    enum Form: Equatable, Sendable { case list, grid, compact }

    enum Line: Equatable, Sendable {
        case heading(String, count: Int)
        /// An extension's row, by its index in `App.rows`.
        case row(Int)
        /// The row's extra call line `call` (0-based).
        case call(row: Int, call: Int)
        case tiles([Int])
        case hidden(idle: Int, busy: Int)
    }

    struct Column: Equatable, Sendable {
        /// From the pane's inner left edge.
        var x: Int
        var width: Int
        var lines: [Line]
    }

    /// Where an extension is drawn, for the selection and the arrow keys.
    struct Place: Equatable, Sendable {
        var column: Int
        var line: Int
        /// From the pane's inner left edge.
        var x: Int
        var width: Int
    }

    /// A titled run of rows (`title` nil when no groups are configured).
    struct Section: Equatable, Sendable {
        var title: String?
        var rows: [Int]
    }

    static let gridMinimumScreenWidth = 96

    var form: Form = .list
    var columns: [Column] = []
    var table: ExtensionColumns
    var tileWidth: Int
    var places: [Int: Place] = [:]
    /// Shown rows in reading order: down each column, then across.
    var order: [Int] = []
    /// Extensions not on screen (compact form only).
    var hiddenCount = 0

    static let empty = WallLayout(table: ExtensionColumns(.init(numberWidth: 3, nameWidth: 12), width: 0), tileWidth: 0)

    init(table: ExtensionColumns, tileWidth: Int) {
        self.table = table
        self.tileWidth = tileWidth
    }

    /// `rows` are `App.rows`; `lineCounts[i]` the lines row i takes in full.
    static func make(rows: [ExtensionState], sections: [Section], measure: ExtensionColumns.Measure,
                     width: Int, height: Int, grid: Bool) -> WallLayout {
        let lineCounts = rows.map(ExtensionRow.lineCount)
        let tileWidth = measure.numberWidth + 12
        guard grid, height > 0 else {
            var layout = WallLayout(table: ExtensionColumns(measure, width: width), tileWidth: tileWidth)
            layout.columns = [Column(x: 0, width: width, lines: sections.flatMap { fullLines($0, lineCounts: lineCounts) })]
            layout.index()
            return layout
        }
        let minimumRow = ExtensionColumns.minimumRowWidth(measure)
        let mostColumns = max(1, (width + 1) / (minimumRow + 1))
        let blocks = sections.flatMap { fullBlocks($0, lineCounts: lineCounts) }
        for count in 1...mostColumns {
            let columnWidth = (width - (count - 1)) / count
            if let flowed = flow(blocks, columns: count, height: height) {
                var layout = WallLayout(table: ExtensionColumns(measure, width: columnWidth), tileWidth: tileWidth)
                layout.form = .grid
                layout.columns = flowed.enumerated().map { Column(x: $0.offset * (columnWidth + 1), width: columnWidth, lines: $0.element) }
                layout.index()
                return layout
            }
        }
        return compact(rows: rows, sections: sections, lineCounts: lineCounts, measure: measure, width: width, height: height,
                       mostColumns: mostColumns)
    }

    /// The compact form that hides the fewest extensions: from as many
    /// columns as whole rows would like up to as many as fit, and from
    /// roomy tile names down to short ones (the first that hides nothing).
    private static func compact(rows: [ExtensionState], sections: [Section], lineCounts: [Int], measure: ExtensionColumns.Measure,
                                width: Int, height: Int, mostColumns: Int) -> WallLayout {
        let preferred = ExtensionColumns.preferredRowWidth(measure)
        let fewest = min(mostColumns, max(1, Int((Double(width + 1) / Double(preferred + 1)).rounded())))
        let isIdle = rows.map { ExtensionStatus($0).isIdle }
        var best: WallLayout?
        for count in fewest...mostColumns {
            let columnWidth = (width - (count - 1)) / count
            for nameWidth in [14, 12, 10, 8, 6] {
                let narrowest = measure.numberWidth + 4 + nameWidth
                let perLine = max(1, columnWidth / narrowest)
                // Tiles share the column's width out evenly.
                let tileWidth = max(narrowest, columnWidth / perLine)
                var layout = WallLayout(table: ExtensionColumns(measure, width: columnWidth), tileWidth: tileWidth)
                layout.form = .compact
                let blocks = compactBlocks(sections, isIdle: isIdle, lineCounts: lineCounts, tilesPerLine: perLine)
                let (flowed, hiddenIdle, hiddenBusy) = fitting(blocks, isIdle: isIdle, columns: count, height: height)
                layout.columns = flowed.enumerated().map { Column(x: $0.offset * (columnWidth + 1), width: columnWidth, lines: $0.element) }
                if hiddenIdle + hiddenBusy > 0, !layout.columns.isEmpty {
                    layout.columns[layout.columns.count - 1].lines.append(.hidden(idle: hiddenIdle, busy: hiddenBusy))
                }
                layout.hiddenCount = hiddenIdle + hiddenBusy
                if best == nil || layout.hiddenCount < best!.hiddenCount { best = layout }
                if layout.hiddenCount == 0 { break }
            }
            if best?.hiddenCount == 0 { break }
        }
        var layout = best!
        layout.index()
        return layout
    }

    // MARK: Building lines

    private static func heading(_ section: Section) -> [Line] {
        section.title.map { [.heading($0, count: section.rows.count)] } ?? []
    }

    private static func rowLines(_ row: Int, lineCounts: [Int]) -> [Line] {
        [.row(row)] + (0..<max(0, lineCounts[row] - 1)).map { .call(row: row, call: $0) }
    }

    private static func fullLines(_ section: Section, lineCounts: [Int]) -> [Line] {
        heading(section) + section.rows.flatMap { rowLines($0, lineCounts: lineCounts) }
    }

    /// Units that never split across columns: a row with its call lines;
    /// a heading stays with the first row under it.
    private static func fullBlocks(_ section: Section, lineCounts: [Int]) -> [[Line]] {
        var blocks = section.rows.map { rowLines($0, lineCounts: lineCounts) }
        if !blocks.isEmpty { blocks[0] = heading(section) + blocks[0] } else if section.title != nil { blocks = [heading(section)] }
        return blocks
    }

    /// A section in compact form: its busy and ringing rows whole, then its
    /// idle extensions as tiles, `tilesPerLine` to a line.
    private static func compactBlocks(_ sections: [Section], isIdle: [Bool], lineCounts: [Int], tilesPerLine: Int) -> [[Line]] {
        sections.flatMap { section -> [[Line]] in
            let idle = section.rows.filter { isIdle[$0] }
            let busy = section.rows.filter { !isIdle[$0] }
            var blocks = busy.map { rowLines($0, lineCounts: lineCounts) }
            blocks += stride(from: 0, to: idle.count, by: tilesPerLine).map { [.tiles(Array(idle[$0..<min(idle.count, $0 + tilesPerLine)]))] }
            if !blocks.isEmpty { blocks[0] = heading(section) + blocks[0] }
            return blocks
        }
    }

    /// The blocks flowed down then across `columns` columns of `height`
    /// lines, or nil when they do not fit.
    private static func flow(_ blocks: [[Line]], columns: Int, height: Int) -> [[Line]]? {
        var result: [[Line]] = [[]]
        for block in blocks {
            if result[result.count - 1].count + block.count > height, !result[result.count - 1].isEmpty {
                guard result.count < columns else { return nil }
                result.append([])
            }
            result[result.count - 1] += block
            if result[result.count - 1].count > height { return nil }
        }
        return result
    }

    /// Compact blocks that fit, dropping tile lines from the end first, then
    /// whole rows, with one line kept for the count of what is hidden.
    private static func fitting(_ blocks: [[Line]], isIdle: [Bool], columns: Int, height: Int)
        -> (lines: [[Line]], hiddenIdle: Int, hiddenBusy: Int) {
        if let flowed = flow(blocks, columns: columns, height: height) { return (flowed, 0, 0) }
        var kept = blocks
        var hiddenIdle = 0, hiddenBusy = 0
        // Estimate what must go, then take one more block until it fits.
        var excess = blocks.reduce(0) { $0 + $1.count } - (columns * height - 1)
        while !kept.isEmpty {
            let tileIndex = kept.lastIndex { $0.contains { if case .tiles = $0 { return true } else { return false } } }
            let index = tileIndex ?? kept.count - 1
            for line in kept[index] {
                switch line {
                case .tiles(let tiles): hiddenIdle += tiles.count
                case .row(let row): if isIdle[row] { hiddenIdle += 1 } else { hiddenBusy += 1 }
                default: break
                }
            }
            // A heading on the removed block moves to the next block of its section.
            let headings = kept[index].filter { if case .heading = $0 { return true } else { return false } }
            excess -= kept[index].count - headings.count
            kept.remove(at: index)
            if !headings.isEmpty, index < kept.count, !kept[index].contains(where: { if case .heading = $0 { return true } else { return false } }) {
                kept[index] = headings + kept[index]
            }
            if excess <= 0, let flowed = flow(kept, columns: columns, height: height), fitsWithCount(flowed, columns: columns, height: height) {
                return (flowed, hiddenIdle, hiddenBusy)
            }
        }
        return ([[]], hiddenIdle, hiddenBusy)
    }

    /// Room for the "not shown" line at the end of the last column.
    private static func fitsWithCount(_ flowed: [[Line]], columns: Int, height: Int) -> Bool {
        flowed.count < columns || (flowed.last?.count ?? 0) < height
    }

    // MARK: Places and moving

    private mutating func index() {
        places = [:]
        order = []
        for (columnIndex, column) in columns.enumerated() {
            for (lineIndex, line) in column.lines.enumerated() {
                switch line {
                case .row(let row):
                    places[row] = Place(column: columnIndex, line: lineIndex, x: column.x, width: column.width)
                    order.append(row)
                case .tiles(let tiles):
                    for (slot, row) in tiles.enumerated() {
                        places[row] = Place(column: columnIndex, line: lineIndex, x: column.x + slot * tileWidth, width: tileWidth)
                        order.append(row)
                    }
                default: break
                }
            }
        }
    }

    enum Direction { case up, down, left, right }

    /// The row an arrow key moves to from `row`, in two dimensions on the
    /// grid; nil when there is nowhere to go.
    func move(from row: Int?, _ direction: Direction) -> Int? {
        guard let row, let from = places[row] else { return order.first }
        switch direction {
        case .up, .down:
            if from.width == tileWidth && form == .compact {
                // Tiles: the tile above or below, else on along the reading order.
                let lineStep = direction == .down ? 1 : -1
                if let target = nearest(column: from.column, line: from.line + lineStep, x: from.x) { return target }
            }
            guard let position = order.firstIndex(of: row) else { return nil }
            let next = position + (direction == .down ? 1 : -1)
            return order.indices.contains(next) ? order[next] : nil
        case .left, .right:
            let step = direction == .right ? 1 : -1
            if form == .compact, case .tiles(let tiles) = columns[from.column].lines[from.line],
               let slot = tiles.firstIndex(of: row), tiles.indices.contains(slot + step) {
                return tiles[slot + step]
            }
            let column = from.column + step
            guard columns.indices.contains(column) else { return nil }
            return nearest(column: column, line: from.line, x: columns[column].x + (step > 0 ? 0 : columns[column].width))
        }
    }

    /// The shown extension in `column` closest to `line`, then to `x`.
    private func nearest(column: Int, line: Int, x: Int) -> Int? {
        guard columns.indices.contains(column), columns[column].lines.indices.contains(line) else { return nil }
        let candidates = places.filter { $0.value.column == column }
        return candidates.min { left, right in
            let a = (abs(left.value.line - line), abs(left.value.x - x)), b = (abs(right.value.line - line), abs(right.value.x - x))
            return a != b ? a < b : left.key < right.key
        }?.key
    }

    /// Lines of the list form before `row`'s first line.
    func line(of row: Int) -> Int? { places[row]?.line }
    var lineCount: Int { columns.first?.lines.count ?? 0 }
}
