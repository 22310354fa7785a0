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
        /// A compact tile, not a whole row.
        var isTile = false
    }

    /// Where each shown row is: a slot per row into the places, not a
    /// dictionary (the list form places every row: 200,000 of them).
    struct Places: Equatable, Sendable {
        private var slots: [Int32] = []
        private var all: [Place] = []

        subscript(row: Int) -> Place? {
            guard slots.indices.contains(row), slots[row] >= 0 else { return nil }
            return all[Int(slots[row])]
        }

        /// How many rows are placed.
        var count: Int { all.count }

        fileprivate mutating func add(_ place: Place, row: Int) {
            if row >= slots.count { slots += repeatElement(-1, count: row - slots.count + 1) }
            slots[row] = Int32(all.count)
            all.append(place)
        }
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
    var places = Places()
    /// Shown rows in reading order: down each column, then across.
    var order: [Int] = []
    /// Extensions not on screen (compact form only).
    var hiddenCount = 0

    static let empty = WallLayout(table: ExtensionColumns(.init(numberWidth: 3, nameWidth: 12), width: 0), tileWidth: 0)

    init(table: ExtensionColumns, tileWidth: Int) {
        self.table = table
        self.tileWidth = tileWidth
    }

    /// What the layout needs of a row: its lines, and whether it may
    /// become a tile. Measured with the snapshot (`SnapshotDigest`), off
    /// the UI thread, for the rows that are the account's people as they are.
    struct RowShapes: Equatable, Sendable {
        var lineCounts: [Int]
        var isIdle: [Bool]

        init(_ rows: [ExtensionState]) {
            lineCounts = rows.map(ExtensionRow.lineCount)
            isIdle = rows.map { ExtensionStatus($0).isIdle }
        }

        private init(lineCounts: [Int], isIdle: [Bool]) {
            self.lineCounts = lineCounts
            self.isIdle = isIdle
        }

        /// The shapes of the rows at `indices`, in that order.
        func picking(_ indices: [Int]) -> RowShapes {
            RowShapes(lineCounts: indices.map { lineCounts[$0] }, isIdle: indices.map { isIdle[$0] })
        }
    }

    /// `shapes` are those of `App.rows`, `sections` index into them in display order.
    static func make(shapes: RowShapes, sections: [Section], measure: ExtensionColumns.Measure,
                     width: Int, height: Int, grid: Bool) -> WallLayout {
        let lineCounts = shapes.lineCounts
        let tileWidth = measure.numberWidth + 12
        let units = FlowUnit.whole(sections, lineCounts: lineCounts)
        guard grid, height > 0 else {
            var layout = WallLayout(table: ExtensionColumns(measure, width: width), tileWidth: tileWidth)
            layout.columns = [Column(x: 0, width: width, lines: units.flatMap { $0.lines(sections: sections, lineCounts: lineCounts) })]
            layout.index()
            return layout
        }
        let mostColumns = max(1, (width + 1) / (ExtensionColumns.minimumRowWidth(measure) + 1))
        // Whole rows, in as few columns as hold them.
        if let count = (1...mostColumns).first(where: { FlowUnit.fits(units, columns: $0, height: height) }) {
            return build(.grid, units: units, columns: count, width: width, height: height, measure: measure, tileWidth: tileWidth,
                         sections: sections, lineCounts: lineCounts)
        }
        return compact(isIdle: shapes.isIdle, sections: sections, lineCounts: lineCounts, measure: measure, width: width, height: height,
                       mostColumns: mostColumns)
    }

    /// The compact form: from as many columns as whole rows would like up
    /// to as many as fit, and from roomy tile names down to short ones, the
    /// first that hides nothing. When something must be hidden, the most
    /// columns and the shortest names hide the least.
    private static func compact(isIdle: [Bool], sections: [Section], lineCounts: [Int], measure: ExtensionColumns.Measure,
                                width: Int, height: Int, mostColumns: Int) -> WallLayout {
        let preferred = ExtensionColumns.preferredRowWidth(measure)
        let fewest = min(mostColumns, max(1, Int((Double(width + 1) / Double(preferred + 1)).rounded())))
        struct Attempt { var columns: Int; var units: [FlowUnit]; var removed: Int; var tileWidth: Int }
        func attempt(columns: Int, nameWidth: Int) -> Attempt {
            let columnWidth = (width - (columns - 1)) / columns
            let narrowest = measure.numberWidth + 4 + nameWidth
            let perLine = max(1, columnWidth / narrowest)
            let units = FlowUnit.compact(sections, isIdle: isIdle, lineCounts: lineCounts, tilesPerLine: perLine)
            // Tiles share the column's width out evenly.
            return Attempt(columns: columns, units: units, removed: FlowUnit.fewestRemoved(units, columns: columns, height: height),
                           tileWidth: max(narrowest, columnWidth / perLine))
        }
        var best = attempt(columns: mostColumns, nameWidth: 6)
        if best.removed == 0 {
            search: for count in fewest...mostColumns {
                for nameWidth in [14, 12, 10, 8] {
                    let tried = attempt(columns: count, nameWidth: nameWidth)
                    if tried.removed == 0 {
                        best = tried
                        break search
                    }
                }
            }
        }
        let (kept, hidden) = FlowUnit.removing(best.removed, from: best.units, isIdle: isIdle)
        return build(.compact, units: kept, columns: best.columns, width: width, height: height, measure: measure,
                     tileWidth: best.tileWidth, sections: sections, lineCounts: lineCounts, hidden: hidden)
    }

    /// The layout for units that fit: flowed into lines and columns, places indexed.
    private static func build(_ form: Form, units: [FlowUnit], columns count: Int, width: Int, height: Int,
                              measure: ExtensionColumns.Measure, tileWidth: Int, sections: [Section], lineCounts: [Int],
                              hidden: (idle: Int, busy: Int) = (0, 0)) -> WallLayout {
        let columnWidth = (width - (count - 1)) / count
        var layout = WallLayout(table: ExtensionColumns(measure, width: columnWidth), tileWidth: tileWidth)
        layout.form = form
        var flowed: [[Line]] = [[]]
        for unit in units {
            if flowed[flowed.count - 1].count + unit.height > height, !flowed[flowed.count - 1].isEmpty { flowed.append([]) }
            flowed[flowed.count - 1] += unit.lines(sections: sections, lineCounts: lineCounts)
        }
        layout.columns = flowed.enumerated().map { Column(x: $0.offset * (columnWidth + 1), width: columnWidth, lines: $0.element) }
        if hidden.idle + hidden.busy > 0, !layout.columns.isEmpty {
            layout.columns[layout.columns.count - 1].lines.append(.hidden(idle: hidden.idle, busy: hidden.busy))
        }
        layout.hiddenCount = hidden.idle + hidden.busy
        layout.index()
        return layout
    }

    // MARK: Places and moving

    private mutating func index() {
        places = Places()
        order = []
        for (columnIndex, column) in columns.enumerated() {
            for (lineIndex, line) in column.lines.enumerated() {
                switch line {
                case .row(let row):
                    places.add(Place(column: columnIndex, line: lineIndex, x: column.x, width: column.width), row: row)
                    order.append(row)
                case .tiles(let tiles):
                    for (slot, row) in tiles.enumerated() {
                        places.add(Place(column: columnIndex, line: lineIndex, x: column.x + slot * tileWidth, width: tileWidth, isTile: true),
                                   row: row)
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
            if from.isTile {
                // Tiles: the tile above or below, else on along the reading order.
                let lineStep = direction == .down ? 1 : -1
                if let target = nearest(column: from.column, line: from.line + lineStep, x: from.x) { return target }
            }
            guard let position = order.firstIndex(of: row) else { return nil }
            let next = position + (direction == .down ? 1 : -1)
            return order.indices.contains(next) ? order[next] : nil
        case .left, .right:
            let step = direction == .right ? 1 : -1
            if from.isTile, case .tiles(let tiles) = columns[from.column].lines[from.line],
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
        var best: (row: Int, distance: (Int, Int))?
        for row in order {
            guard let place = places[row], place.column == column else { continue }
            let distance = (abs(place.line - line), abs(place.x - x))
            if let current = best, current.distance < distance || (current.distance == distance && current.row < row) { continue }
            best = (row, distance)
        }
        return best?.row
    }

    /// The line `row` starts on (in the list form, from the top of the list).
    func line(of row: Int) -> Int? { places[row]?.line }
    var lineCount: Int { columns.first?.lines.count ?? 0 }

    /// The lines of the longest column: what the wall uses of its pane.
    var usedLines: Int { columns.map(\.lines.count).max() ?? 0 }

    /// The lines of `column` on screen: the list form scrolls by
    /// `scrollOffset` lines, the grid never does.
    func shown(_ column: Column, scrollOffset: Int, height: Int) -> ArraySlice<Line> {
        column.lines.dropFirst(form == .list ? scrollOffset : 0).prefix(max(0, height))
    }
}

/// A piece of the flow that never splits across columns: a row with its
/// call lines, or a line of idle tiles. The first piece of a titled
/// section carries the title, so a title never ends a column alone.
/// Flows are tried on line counts alone; lines are built once, for the
/// layout chosen.
private struct FlowUnit {
    var section: Int
    var heading: Bool
    /// A whole row, by its index in `App.rows`.
    var row: Int?
    /// Or a line of idle extensions.
    var tiles: [Int] = []
    var rowLines: Int

    var height: Int { rowLines + (heading ? 1 : 0) }

    /// Every row whole.
    static func whole(_ sections: [WallLayout.Section], lineCounts: [Int]) -> [FlowUnit] {
        var units: [FlowUnit] = []
        for (index, section) in sections.enumerated() {
            let titled = section.title != nil
            for (position, row) in section.rows.enumerated() {
                units.append(FlowUnit(section: index, heading: titled && position == 0, row: row, rowLines: lineCounts[row]))
            }
        }
        return units
    }

    /// Each section's ringing and busy rows whole, then its idle ones as
    /// tiles, `tilesPerLine` to a line.
    static func compact(_ sections: [WallLayout.Section], isIdle: [Bool], lineCounts: [Int], tilesPerLine: Int) -> [FlowUnit] {
        var units: [FlowUnit] = []
        for (index, section) in sections.enumerated() {
            let first = units.count
            var idle: [Int] = []
            for row in section.rows {
                if isIdle[row] { idle.append(row) } else { units.append(FlowUnit(section: index, heading: false, row: row, rowLines: lineCounts[row])) }
            }
            for start in stride(from: 0, to: idle.count, by: tilesPerLine) {
                units.append(FlowUnit(section: index, heading: false, tiles: Array(idle[start..<min(idle.count, start + tilesPerLine)]), rowLines: 1))
            }
            if section.title != nil, units.count > first { units[first].heading = true }
        }
        return units
    }

    /// Whether the units flow down then across into `columns` of `height`
    /// lines (with one line left at the end for the count of what is hidden).
    static func fits(_ units: [FlowUnit], columns: Int, height: Int, reservingALine: Bool = false) -> Bool {
        var column = 0, used = 0
        for unit in units {
            let needed = unit.height
            if used + needed > height, used > 0 {
                column += 1
                used = 0
                if column >= columns { return false }
            }
            used += needed
            if used > height { return false }
        }
        return !reservingALine || column < columns - 1 || used < height
    }

    /// The units left when the last `count` removable ones go (tile lines
    /// from the end first, then rows from the end), and what they held. A
    /// title moves to the next unit of its section that stays.
    static func removing(_ count: Int, from units: [FlowUnit], isIdle: [Bool]? = nil) -> (units: [FlowUnit], hidden: (idle: Int, busy: Int)) {
        guard count > 0 else { return (units, (0, 0)) }
        // The last `removedTiles` tile lines and the last `removedRows` rows
        // go: told apart by their place among their kind, in one pass (no
        // set of indices: this runs some twenty times a layout, over every
        // row of a 200,000-extension account).
        let tileCount = units.reduce(0) { $0 + ($1.row == nil ? 1 : 0) }
        let rowCount = units.count - tileCount
        let removedTiles = min(count, tileCount), removedRows = min(rowCount, count - removedTiles)
        var tilesSeen = 0, rowsSeen = 0
        var kept: [FlowUnit] = []
        kept.reserveCapacity(units.count - removedTiles - removedRows)
        var idle = 0, busy = 0
        var headingFor: Int?
        for unit in units {
            let isRemoved: Bool
            if unit.row == nil {
                isRemoved = tilesSeen >= tileCount - removedTiles
                tilesSeen += 1
            } else {
                isRemoved = rowsSeen >= rowCount - removedRows
                rowsSeen += 1
            }
            if isRemoved {
                idle += unit.tiles.count
                if let row = unit.row, let isIdle { if isIdle[row] { idle += 1 } else { busy += 1 } }
                if unit.heading { headingFor = unit.section }
                continue
            }
            var unit = unit
            if headingFor == unit.section { unit.heading = true }
            headingFor = nil
            kept.append(unit)
        }
        return (kept, (idle, busy))
    }

    /// The fewest removable units to take away so the rest, and the count
    /// of what is hidden, fit: 0 when everything fits.
    static func fewestRemoved(_ units: [FlowUnit], columns: Int, height: Int) -> Int {
        if fits(units, columns: columns, height: height) { return 0 }
        // Every unit is a row or a line of tiles: any may go. No more than a
        // line each fits in `columns` of `height`, so at least the rest go.
        var low = max(1, units.count - columns * height), high = units.count
        while low < high {
            let middle = (low + high) / 2
            if fits(removing(middle, from: units).units, columns: columns, height: height, reservingALine: true) {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }

    func lines(sections: [WallLayout.Section], lineCounts: [Int]) -> [WallLayout.Line] {
        var lines: [WallLayout.Line] = []
        if heading, let title = sections[section].title { lines.append(.heading(title, count: sections[section].rows.count)) }
        if let row {
            lines.append(.row(row))
            for call in 0..<max(0, lineCounts[row] - 1) { lines.append(.call(row: row, call: call)) }
        } else if !tiles.isEmpty {
            lines.append(.tiles(tiles))
        }
        return lines
    }
}
