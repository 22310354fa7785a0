/// One column of a table, as the solver sees it (in the spirit of
/// ratatui's `Constraint`): the narrowest it may be before it drops, the
/// width its content wants, the widest it may grow, a share of the room
/// left over, and how long it survives when room is short.
struct ColumnConstraint: Equatable, Sendable {
    /// The narrowest width before the column drops out (equal to
    /// `preferred` for a column that must never be cut, such as a number).
    var minimum: Int
    /// What the content wants, measured once per data version.
    var preferred: Int
    /// Never wider than this, even with room to spare.
    var maximum: Int
    /// A share of the room left once every column has its preferred width.
    var fill = 0
    /// Higher survives longer: columns shrink to their minimum lowest
    /// first; when that is not enough, they drop, lowest first.
    var keep: Int

    /// A column of one width, that drops whole rather than shrink.
    static func fixed(_ width: Int, keep: Int) -> ColumnConstraint {
        ColumnConstraint(minimum: width, preferred: width, maximum: width, keep: keep)
    }
}

/// Widths for a row of columns in a given space: every table of the board,
/// the history and the command line is laid out by this one function.
enum ColumnSolver {
    /// The width of each column, 0 for one that dropped out (an empty
    /// column, preferred 0, takes no room and no gap). `gap` cells separate
    /// the columns shown.
    static func solve(_ columns: [ColumnConstraint], available: Int, gap: Int = 1) -> [Int] {
        var widths = columns.map { column in
            column.preferred <= 0 ? 0 : min(max(column.preferred, column.minimum), max(column.minimum, column.maximum))
        }
        func used() -> Int {
            let shown = widths.filter { $0 > 0 }
            return shown.reduce(0, +) + gap * max(0, shown.count - 1)
        }
        // Lowest `keep` first; among equals the rightmost goes first.
        let byKeep = columns.indices.sorted { columns[$0].keep != columns[$1].keep ? columns[$0].keep < columns[$1].keep : $0 > $1 }
        // First every column gives way down to its minimum, in that order;
        // only then do whole columns drop, in the same order.
        for index in byKeep {
            let excess = used() - available
            guard excess > 0 else { break }
            guard widths[index] > 0 else { continue }
            widths[index] -= min(excess, widths[index] - columns[index].minimum)
        }
        for index in byKeep where used() > available && widths[index] > 0 {
            widths[index] = 0
        }
        // A drop can free more than was needed: give it back to shrunk
        // columns, the longest-surviving first, then to the fill shares.
        var left = available - used()
        for index in byKeep.reversed() where left > 0 && widths[index] > 0 {
            let wanted = min(max(columns[index].preferred, columns[index].minimum), columns[index].maximum) - widths[index]
            let given = min(left, max(0, wanted))
            widths[index] += given
            left -= given
        }
        distribute(left, to: &widths, columns: columns)
        return widths
    }

    /// Shares out spare cells by `fill`, never past a column's maximum.
    private static func distribute(_ spare: Int, to widths: inout [Int], columns: [ColumnConstraint]) {
        var left = spare
        while left > 0 {
            let growing = columns.indices.filter { widths[$0] > 0 && columns[$0].fill > 0 && widths[$0] < columns[$0].maximum }
            let shares = growing.reduce(0) { $0 + columns[$1].fill }
            guard shares > 0 else { return }
            var given = 0
            for index in growing {
                let share = max(1, left * columns[index].fill / shares)
                let step = min(share, columns[index].maximum - widths[index], left - given)
                widths[index] += step
                given += step
                if given == left { break }
            }
            guard given > 0 else { return }
            left -= given
        }
    }

    /// The cells a solved row takes: its widths and the gaps between them.
    static func totalWidth(_ widths: [Int], gap: Int = 1) -> Int {
        let shown = widths.filter { $0 > 0 }
        return shown.reduce(0, +) + gap * max(0, shown.count - 1)
    }

    /// The x of each column from `x`, for solved widths (a dropped column
    /// gets the x of the next one and takes no room).
    static func offsets(_ widths: [Int], from x: Int, gap: Int = 1) -> [Int] {
        var cursor = x
        return widths.map { width in
            let start = cursor
            if width > 0 { cursor += width + gap }
            return start
        }
    }
}
