import PresenceEngine

/// The extension list's columns. Their constraints are measured from the
/// account (once per snapshot, never per tick or scroll), then solved for
/// the width of a list or of one grid column.
///
/// When room is short the marks shorten to one (`REC`), the party's name
/// and then the name are cut with `…`; past that, columns drop: the marks,
/// the party's name, the name, the duration. The last to go are the
/// extension number, the status and the other party's number (never cut
/// inside).
struct ExtensionColumns: Equatable, Sendable {
    enum Column: Int, CaseIterable { case number, name, status, partyName, partyNumber, duration, marks }

    /// What the content needs, measured from the account.
    struct Measure: Equatable, Sendable {
        var numberWidth = 3
        var nameWidth = 12

        /// The longest number and name of the account's people (names capped).
        init(_ states: some Sequence<ExtensionState>) {
            var number = 3, name = 4
            for state in states where state.isPerson {
                number = max(number, state.number.utf8.count)
                // A name's cell width is never more than its UTF-8 length,
                // so most names need no measuring.
                if state.name.utf8.count > name, name < ExtensionColumns.nameCap {
                    name = max(name, min(ExtensionColumns.nameCap, TextWidth.width(of: TextWidth.sanitized(state.name))))
                }
            }
            numberWidth = min(6, number)
            nameWidth = name
        }

        init(numberWidth: Int, nameWidth: Int) {
            self.numberWidth = numberWidth
            self.nameWidth = nameWidth
        }
    }

    static let nameCap = 20
    /// A full international number as the board formats it (`+44 20 7946 0018`);
    /// a longer one borrows from the party's name.
    static let partyNumberWidth = 16
    static let durationWidth = 7

    static func constraints(_ measure: Measure) -> [ColumnConstraint] {
        [
            .fixed(measure.numberWidth, keep: 7),
            ColumnConstraint(minimum: min(8, measure.nameWidth), preferred: measure.nameWidth, maximum: nameCap, keep: 3),
            .fixed(ExtensionStatus.cellWidth, keep: 6),
            ColumnConstraint(minimum: 8, preferred: 16, maximum: 24, fill: 1, keep: 2),
            .fixed(partyNumberWidth, keep: 5),
            .fixed(durationWidth, keep: 4),
            // "REC C2C", or the first mark alone.
            ColumnConstraint(minimum: 3, preferred: CallMarks.cellWidth, maximum: CallMarks.cellWidth, keep: 1),
        ]
    }

    /// The width of each column, 0 for one that dropped.
    let widths: [Int]
    /// Where each starts, from the row's left edge (after its lead space).
    let offsets: [Int]
    /// The whole row: lead space and columns.
    let rowWidth: Int

    init(_ measure: Measure, width: Int) {
        widths = ColumnSolver.solve(ExtensionColumns.constraints(measure), available: max(0, width - 1))
        offsets = ColumnSolver.offsets(widths, from: 1)
        rowWidth = 1 + ColumnSolver.totalWidth(widths)
    }

    subscript(_ column: Column) -> (x: Int, width: Int) { (offsets[column.rawValue], widths[column.rawValue]) }

    /// The row width with every column at its preferred width.
    static func preferredRowWidth(_ measure: Measure) -> Int {
        1 + ColumnSolver.totalWidth(constraints(measure).map(\.preferred))
    }

    /// The narrowest row that keeps the number, name (shrunk), status,
    /// party number and duration.
    static func minimumRowWidth(_ measure: Measure) -> Int {
        1 + ColumnSolver.totalWidth(constraints(measure).filter { $0.keep >= 3 }.map(\.minimum))
    }
}
