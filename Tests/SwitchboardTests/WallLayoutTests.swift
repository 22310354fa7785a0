import PresenceEngine
import Testing
@testable import Switchboard

/// The wall: a list below 96 columns; wider, columns flowing down then
/// across; then idle tiles; then a count of what is not shown.
@Suite struct WallLayoutTests {
    static func numbersOnScreen(_ buffer: Buffer) -> Set<String> {
        var found = Set<String>()
        for line in buffer.text.split(separator: "\n") {
            for word in line.split(whereSeparator: { $0 == " " || $0 == "│" }) where word.count == 3 || word.count == 4 {
                if word.allSatisfy(\.isNumber) { found.insert(String(word)) }
            }
        }
        return found
    }

    @Test func at240x67EveryExtensionOfA300ExtensionAccountIsOnScreen() {
        let snapshot = WallFixture.snapshot(300)
        let app = BoardFixture.app(width: 240, height: 67, snapshot: snapshot)
        #expect(app.wall.form == .compact)
        #expect(app.wall.hiddenCount == 0)
        #expect(app.wall.places.count == 300)
        let shown = Self.numbersOnScreen(BoardFixture.render(app, width: 240, height: 67))
        for number in snapshot.extensions.keys { #expect(shown.contains(number), "\(number) not on screen") }
    }

    @Test func busyAndRingingExtensionsKeepTheirWholeLineInCompactForm() {
        let snapshot = WallFixture.snapshot(300)
        let app = BoardFixture.app(width: 240, height: 67, snapshot: snapshot)
        let buffer = BoardFixture.render(app, width: 240, height: 67)
        for state in snapshot.extensions.values where !ExtensionStatus(state).isIdle {
            let line = buffer.text.split(separator: "\n").first { $0.contains("│ \(state.number) ") }
            #expect(line?.contains(ExtensionStatus(state).word) == true, "\(state.number) not shown whole")
            #expect(line?.contains(PhoneNumberFormat.display(state.onCallWith)) == true || line?.contains(PhoneNumberFormat.compact(state.onCallWith)) == true)
        }
    }

    @Test func whatDoesNotFitIsCountedOnScreenNeverCutSilently() {
        let app = BoardFixture.app(width: 240, height: 67, snapshot: WallFixture.snapshot(1000))
        #expect(app.wall.hiddenCount > 0)
        #expect(app.wall.places.count + app.wall.hiddenCount == 1000)
        let text = BoardFixture.render(app, width: 240, height: 67).text
        #expect(text.contains("+\(app.wall.hiddenCount) idle not shown") || text.contains("+\(app.wall.hiddenCount) not shown"))
        #expect(text.contains("Extensions 1000 · \(app.wall.hiddenCount) not shown"))
    }

    /// Found with `/`, then the filter cleared: an extension the wall must
    /// hide does not stay selected out of sight.
    @Test func aSelectionTheWallHidesMovesToOneOnScreen() throws {
        var app = BoardFixture.app(width: 240, height: 67, snapshot: WallFixture.snapshot(1000))
        let hidden = try #require(app.rows.indices.first { app.wall.places[$0] == nil }.map { app.rows[$0].number })
        _ = app.reduce(.key(.character("/")))
        for character in hidden { _ = app.reduce(.key(.character(character))) }
        _ = app.reduce(.key(.enter))
        #expect(app.rows[try #require(app.selectedIndex)].number == hidden)
        _ = app.reduce(.key(.character("/")))
        _ = app.reduce(.key(.escape))
        let selected = try #require(app.selectedIndex)
        #expect(app.wall.places[selected] != nil, "\(app.rows[selected].number) selected but not on screen")
    }

    @Test func aFewExtensionsOnAWideScreenAreOneColumnAndBelow96ColumnsAListThatScrolls() {
        let wide = BoardFixture.app(width: 240, height: 67, snapshot: WallFixture.snapshot(20))
        #expect(wide.wall.form == .grid)
        #expect(wide.wall.columns.count == 1)
        let narrow = BoardFixture.app(width: 95, height: 30, snapshot: WallFixture.snapshot(300))
        #expect(narrow.wall.form == .list)
        #expect(narrow.wall.places.count == 300)
    }

    @Test func rowsFlowDownThenAcrossAndTheArrowsMoveInTwoDimensions() {
        // 150 idle extensions at 240x67: full rows in three columns of 63 lines.
        var snapshot = WallFixture.snapshot(150)
        for number in snapshot.extensions.keys {
            snapshot.extensions[number] = ExtensionState(number: number, name: "Person \(number)", receivedAt: BoardFixture.received)
        }
        var app = BoardFixture.app(width: 240, height: 67, snapshot: snapshot)
        #expect(app.wall.form == .grid)
        #expect(app.wall.columns.count == 3)
        #expect(app.wall.columns[0].lines.count == 63)
        #expect(app.rows[app.selectedIndex!].number == "201")
        _ = app.reduce(.key(.right))
        #expect(app.rows[app.selectedIndex!].number == "264", "→ goes to the same line of the next column")
        _ = app.reduce(.key(.down))
        #expect(app.rows[app.selectedIndex!].number == "265")
        _ = app.reduce(.key(.left))
        #expect(app.rows[app.selectedIndex!].number == "202")
        _ = app.reduce(.key(.left))
        #expect(app.rows[app.selectedIndex!].number == "202", "nothing left of the first column")
        _ = app.reduce(.key(.end))
        #expect(app.rows[app.selectedIndex!].number == "350")
        // Down from the bottom of a column continues at the top of the next.
        _ = app.reduce(.key(.home))
        for _ in 0..<63 { _ = app.reduce(.key(.down)) }
        #expect(app.rows[app.selectedIndex!].number == "264")
        #expect(app.scrollOffset == 0, "the grid never scrolls")
    }

    @Test func inCompactFormTheArrowsMoveBetweenTiles() {
        var app = BoardFixture.app(width: 240, height: 67, snapshot: WallFixture.snapshot(300))
        let wall = app.wall
        guard case .tiles(let tiles)? = wall.columns[0].lines.first(where: { if case .tiles = $0 { return true } else { return false } }),
              tiles.count > 2 else {
            Issue.record("no tile line")
            return
        }
        // Select the first tile by moving down from the top until on it.
        for _ in 0..<200 where app.selectedIndex != tiles[0] { _ = app.reduce(.key(.down)) }
        #expect(app.selectedIndex == tiles[0])
        _ = app.reduce(.key(.right))
        #expect(app.selectedIndex == tiles[1])
        _ = app.reduce(.key(.down))
        #expect(app.wall.places[app.selectedIndex!]?.line == wall.places[tiles[1]]!.line + 1)
        #expect(app.wall.places[app.selectedIndex!]?.x == wall.places[tiles[1]]!.x)
    }
}
