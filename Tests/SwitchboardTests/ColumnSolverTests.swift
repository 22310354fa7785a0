import PresenceEngine
import Testing
@testable import Switchboard

/// The one column solver: preferred widths when they fit, then the
/// lowest `keep` shrinks to its minimum and drops before the next one.
@Suite struct ColumnSolverTests {
    let columns = [
        ColumnConstraint.fixed(3, keep: 9),                                            // number
        ColumnConstraint(minimum: 6, preferred: 20, maximum: 20, keep: 3),            // name
        ColumnConstraint.fixed(16, keep: 8),                                           // phone number
        ColumnConstraint(minimum: 4, preferred: 10, maximum: 30, fill: 1, keep: 2),   // party name
        ColumnConstraint.fixed(7, keep: 1),                                            // marks
    ]

    @Test func everyColumnGetsItsPreferredWidthWhenThereIsRoom() {
        #expect(ColumnSolver.solve(columns, available: 60) == [3, 20, 16, 10, 7])
    }

    @Test func roomToSpareGoesToTheFillColumnUpToItsMaximum() {
        #expect(ColumnSolver.solve(columns, available: 70) == [3, 20, 16, 20, 7])
        #expect(ColumnSolver.solve(columns, available: 500) == [3, 20, 16, 30, 7])
    }

    @Test func columnsShrinkLowestKeepFirstAndDropOnlyWhenAllAreAtTheirMinimum() {
        // 60 wanted. At 58 the party name (keep 2) gives two cells.
        #expect(ColumnSolver.solve(columns, available: 58) == [3, 20, 16, 8, 7])
        // At 48 it is at its minimum and the name (keep 3) gives the rest.
        #expect(ColumnSolver.solve(columns, available: 48) == [3, 14, 16, 4, 7])
        #expect(ColumnSolver.solve(columns, available: 40) == [3, 6, 16, 4, 7])
        // Below every minimum, the marks (keep 1) drop first and the cells
        // they free go back to the name.
        #expect(ColumnSolver.solve(columns, available: 36) == [3, 10, 16, 4, 0])
        #expect(ColumnSolver.solve(columns, available: 30) == [3, 9, 16, 0, 0])
        // The number and the phone number stay whole to the end.
        #expect(ColumnSolver.solve(columns, available: 25) == [3, 0, 16, 0, 0])
        #expect(ColumnSolver.solve(columns, available: 10) == [3, 0, 0, 0, 0])
    }

    @Test func aFixedColumnIsNeverCutInside() {
        for available in 0...80 {
            let widths = ColumnSolver.solve(columns, available: available)
            #expect(widths[2] == 0 || widths[2] == 16, "at \(available)")
            #expect(widths[0] == 0 || widths[0] == 3)
            #expect(ColumnSolver.totalWidth(widths) <= max(available, 0), "at \(available)")
        }
    }

    @Test func anEmptyColumnTakesNoRoomAndNoGap() {
        var empty = columns
        empty[3].preferred = 0
        #expect(ColumnSolver.solve(empty, available: 60) == [3, 20, 16, 0, 7])
        #expect(ColumnSolver.totalWidth([3, 20, 16, 0, 7]) == 49)
        #expect(ColumnSolver.offsets([3, 20, 16, 0, 7], from: 1) == [1, 5, 26, 43, 43])
    }

    /// The extension columns are measured from the account, not the calls
    /// of the moment: a tick, a new call or a scroll never moves them.
    @Test func extensionColumnsStayPutAcrossUpdatesAndChangeWithTheAccount() {
        var snapshot = BoardFixture.snapshot
        let before = ExtensionColumns(ExtensionColumns.Measure(snapshot.extensions.values), width: 72)
        snapshot.extensions["212"]!.direction = .inbound
        snapshot.extensions["212"]!.onCallWith = "4930123456789"
        snapshot.extensions["212"]!.calls = [CallItem(phase: .connected, otherPartyName: "A caller with a very long name indeed")]
        #expect(ExtensionColumns(ExtensionColumns.Measure(snapshot.extensions.values), width: 72) == before)
        var app = BoardFixture.app(width: 120, height: 40)
        let wall = app.wall
        _ = app.reduce(.key(.down))
        _ = app.reduce(.snapshot(snapshot))
        #expect(app.wall.table == wall.table)
        // A longer name on the account widens the name column (up to its cap).
        let short = ExtensionColumns.Measure([ExtensionState(number: "201", name: "Al")])
        let long = ExtensionColumns.Measure([ExtensionState(number: "201", name: "Warehouse Floor East")])
        #expect(short.nameWidth == 4)
        #expect(long.nameWidth == 20)
        #expect(ExtensionColumns.Measure([ExtensionState(number: "201", name: String(repeating: "x", count: 80))]).nameWidth == 20)
    }

    @Test func wideCharactersAreMeasuredInCells() {
        #expect(ExtensionColumns.Measure([ExtensionState(number: "221", name: "李娜李娜李娜")]).nameWidth == 12)
        #expect(ExtensionColumns.Measure([ExtensionState(number: "221", name: "Zoe\u{0308} Weiß")]).nameWidth == 8)
    }

    /// At 120x40 beside the side column: a 20-character name and a whole
    /// international number, the duration right after the party.
    @Test func aTwentyCharacterNameAndAnInternationalNumberFitAt120x40() {
        var snapshot = BoardFixture.snapshot
        snapshot.extensions["212"] = ExtensionState(number: "212", name: "Warehouse Floor East", direction: .inbound, durationMs: 12_000,
                                                    onCallWith: "442079460018",
                                                    calls: [CallItem(phase: .connected, otherPartyName: "Jane Doe")],
                                                    receivedAt: BoardFixture.received)
        let buffer = BoardFixture.render(BoardFixture.app(width: 120, height: 40, snapshot: snapshot), width: 120, height: 40)
        let line = buffer.text.split(separator: "\n").first { $0.contains("│ 212 ") }.map(String.init) ?? ""
        #expect(line.contains("Warehouse Floor East"))
        #expect(line.contains("● inbound    Jane Doe   +44 20 7946 0018"))
        #expect(line.contains("+44 20 7946 0018   00:14"))
        // And the recording mark, shortened to the first one if need be.
        let recorded = buffer.text.split(separator: "\n").first { $0.contains("│ 204 ") }.map(String.init) ?? ""
        #expect(recorded.contains("03:14 REC"))
    }

    /// The command line's tables use the same solver: into a pipe nothing is
    /// cut; on a narrow terminal the later columns give way, the key stays.
    @Test func commandLineTablesAreSolvedToo() {
        let header = ["EXT", "NAME", "STATUS", "WITH"]
        let rows = [["204", "Ana Lima", "inbound", "Jane Doe  +1 555 785 2675"], ["1001", "李娜", "available", ""]]
        let wide = CommandOutput.table(header, rows, width: nil)
        #expect(wide == """
            EXT   NAME      STATUS     WITH
            204   Ana Lima  inbound    Jane Doe  +1 555 785 2675
            1001  李娜      available

            """)
        let narrow = CommandOutput.table(header, rows, width: 36)
        for line in narrow.split(separator: "\n") { #expect(TextWidth.width(of: String(line)) <= 36, "\(line)") }
        #expect(narrow.contains("204   Ana Lima  inbound    Jane Doe…"))
    }
}
