import Foundation
import PresenceEngine
import Testing
@testable import Switchboard

/// The queue wallboard: a card per queue with big figures, coloured by its
/// alert level, filling the screen; `w` goes there and back.
@Suite struct WallboardTests {
    static func app(width: Int, height: Int, queues: Int) -> App {
        var app = BoardFixture.app(width: width, height: height, snapshot: WallFixture.snapshot(40, queues: queues))
        _ = app.reduce(.key(.character("w")))
        return app
    }

    @Test(arguments: [1, 4, 30])
    func theWallboardAtEveryWallSize(queues: Int) throws {
        for (width, height) in WallSnapshotTests.sizes {
            let app = Self.app(width: width, height: height, queues: queues)
            let buffer = BoardFixture.render(app, width: width, height: height)
            try SnapshotFile.assertMatches(buffer.text, named: "wallboard-\(queues)-\(width)x\(height).txt")
            try SnapshotFile.assertMatches(buffer.roleLegend, named: "wallboard-\(queues)-\(width)x\(height).roles.txt")
        }
    }

    @Test func wTogglesTheViewAndTheFooterSaysHowBack() {
        var app = Self.app(width: 120, height: 40, queues: 2)
        #expect(app.view == .wallboard)
        let text = BoardFixture.render(app, width: 120, height: 40).text
        #expect(text.contains("w board"))
        #expect(!text.contains("Extensions"))
        _ = app.reduce(.key(.character("w")))
        #expect(app.view == .board)
        #expect(BoardFixture.render(app, width: 120, height: 40).text.contains("Extensions 40"))
    }

    @Test func kioskModeAllowsTheWallboard() {
        var app = BoardFixture.app(width: 120, height: 40)
        app.kiosk = true
        _ = app.reduce(.key(.character("w")))
        #expect(app.view == .wallboard)
    }

    @Test func oneQueueGetsOneHugeCardWithFiguresManyRowsHigh() {
        let app = Self.app(width: 240, height: 67, queues: 1)
        let buffer = BoardFixture.render(app, width: 240, height: 67)
        let blockRows = (0..<buffer.height).filter { buffer.line(at: $0).contains("█") }
        #expect(blockRows.count >= 20, "big digits: \(blockRows.count) rows")
        #expect(buffer.text.contains("9100 Front Desk · warning"))
    }

    @Test func cardsAreColouredByTheirAlertLevel() {
        // Queue 9100: 3 waiting, 2:41 (warning); 9400: 7 waiting, 5:30 (critical); 9200: nothing.
        let app = Self.app(width: 200, height: 60, queues: 4)
        let buffer = BoardFixture.render(app, width: 200, height: 60)
        func titleRole(_ title: String) -> Role? {
            for y in 0..<buffer.height {
                let line = buffer.line(at: y)
                guard let range = line.range(of: title) else { continue }
                let x = line.distance(from: line.startIndex, to: range.lowerBound)
                return buffer[x, y].role
            }
            return nil
        }
        #expect(titleRole("9100 Front Desk") == .alarmWarning)
        #expect(titleRole("9400 Billing") == .alarmCritical)
        #expect(titleRole("9200 Support") == .paneTitle)
        #expect(buffer.cells.contains { $0.role == .figureCritical && $0.character != " " })
    }

    @Test func thirtyQueuesMakeAGridOfCardsThatFillsTheScreen() {
        let area = Rect(x: 0, y: 1, width: 240, height: 64)
        let cards = WallboardPane.cards(count: 30, in: area)
        #expect(cards.count == 30)
        #expect(Set(cards.map(\.x)).count > 1 && Set(cards.map(\.y)).count > 1)
        #expect(cards.map { $0.width * $0.height }.reduce(0, +) == area.width * area.height)
    }

    @Test func bigDigitsAreTheFontScaled() {
        #expect(BigDigits.lines("1", scale: 1) == ["▄█ ", " █ ", "▀▀▀"])
        #expect(BigDigits.size("2:41", scale: 2) == (width: 26, height: 5))
        #expect(WallboardPane.waitText(161) == "2:41")
        #expect(WallboardPane.waitText(3_725) == "1:02:05")
        #expect(BigDigits.scale("12", width: 7, height: 3) == 1)
        #expect(BigDigits.scale("12", width: 6, height: 3) == nil)
        #expect(BigDigits.lines("0", scale: 1, ascii: true) == ["###", "# #", "###"])
    }

    /// The wallboard does not tick: it wakes once a minute for the clock.
    @Test func theWallboardSleepsUntilTheNextMinute() {
        let app = Self.app(width: 120, height: 40, queues: 2)
        let screen = BoardScreen(identity: "x", timeZone: TimeZone(identifier: "UTC")!)
        let wait = screen.millisecondsToNextChange(app, now: BoardFixture.now, wallClock: BoardFixture.wallClock)
        #expect(wait > 30_000)
    }
}
