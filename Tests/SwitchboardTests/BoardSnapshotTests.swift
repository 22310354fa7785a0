import Foundation
import PresenceEngine
import Testing
@testable import Switchboard

/// The whole board drawn into the cell buffer, compared with the expected
/// screens in `Snapshots/` (text, and a legend of the roles per row).
@Suite struct BoardSnapshotTests {
    @Test func extensionsPaneAt80x24() throws {
        let buffer = BoardFixture.render(BoardFixture.app(width: 80, height: 24), width: 80, height: 24)
        try SnapshotFile.assertMatches(buffer.text, named: "board-80x24.txt")
        try SnapshotFile.assertMatches(buffer.roleLegend, named: "board-80x24.roles.txt")
    }

    @Test func extensionsPaneAt120x40() throws {
        let buffer = BoardFixture.render(BoardFixture.app(width: 120, height: 40), width: 120, height: 40)
        try SnapshotFile.assertMatches(buffer.text, named: "board-120x40.txt")
    }

    @Test func asciiGlyphsWhenTheLocaleIsNotUTF8() throws {
        let buffer = BoardFixture.render(BoardFixture.app(width: 80, height: 24), width: 80, height: 24, glyphs: .ascii)
        #expect(buffer.text.contains("~ ringing"))
        #expect(buffer.text.contains("o available"))
        #expect(!buffer.text.contains("◌"))
    }

    @Test func aTooSmallTerminalGetsAClearNotice() {
        let buffer = BoardFixture.render(BoardFixture.app(width: 60, height: 20), width: 60, height: 20)
        #expect(buffer.text.contains("Terminal too small: need 80x24, have 60x20"))
    }

    @Test func nothingFromTheServerReachesACellAsAControlCharacter() {
        let buffer = BoardFixture.render(BoardFixture.app(width: 120, height: 40), width: 120, height: 40)
        for cell in buffer.cells {
            #expect(!cell.character.unicodeScalars.contains { TextWidth.isUnsafe($0) })
        }
        #expect(buffer.text.contains("Evil� Name"))
    }

    @Test func theHeaderShowsStaleDataWithTheLastGoodTime() {
        var snapshot = BoardFixture.snapshot
        snapshot.health = .reconnecting(attempt: 3, since: BoardFixture.wallClock)
        let buffer = BoardFixture.render(BoardFixture.app(width: 120, height: 40, snapshot: snapshot), width: 120, height: 40)
        #expect(buffer.line(at: 0).contains("reconnecting (3) — last update 14:03:22"))
        snapshot.health = .stale(lastGood: BoardFixture.wallClock)
        let stale = BoardFixture.render(BoardFixture.app(width: 120, height: 40, snapshot: snapshot), width: 120, height: 40)
        #expect(stale.line(at: 0).contains("stale since 14:03:22"))
        snapshot.health = .refused(service: "live status", reason: "HTTP 403, not permitted")
        let refused = BoardFixture.render(BoardFixture.app(width: 120, height: 40, snapshot: snapshot), width: 120, height: 40)
        #expect(refused.line(at: 0).contains("refused: live status (HTTP 403, not permitted) — last update 14:03:22"))
        #expect(!refused.line(at: 0).contains("live  "))
    }
}

/// Whole screens in the other states, as text files.
@Suite struct BoardStateSnapshotTests {
    @Test func anEmptyAccountWhileConnectingAt80x24() throws {
        let app = BoardFixture.app(width: 80, height: 24, snapshot: PresenceSnapshot())
        try SnapshotFile.assertMatches(BoardFixture.render(app, width: 80, height: 24).text, named: "connecting-80x24.txt")
    }

    @Test func loginRefusedAt120x40() throws {
        var snapshot = BoardFixture.snapshot
        snapshot.health = .loginFailed(reason: "USER NOT LOGGED IN")
        let app = BoardFixture.app(width: 120, height: 40, snapshot: snapshot)
        try SnapshotFile.assertMatches(BoardFixture.render(app, width: 120, height: 40).text, named: "login-refused-120x40.txt")
    }

    /// Not live: the rows stay, and each pane whose data may be old says
    /// since when, in the stale role (queues and bridges by their own refresh).
    @Test func reconnectingWithEveryPaneMarkedStaleAt120x40() throws {
        var snapshot = BoardFixture.snapshot
        snapshot.health = .reconnecting(attempt: 2, since: BoardFixture.wallClock)
        snapshot.servicesFailingSince = BoardFixture.wallClock.addingTimeInterval(-4)
        let buffer = BoardFixture.render(BoardFixture.app(width: 120, height: 40, snapshot: snapshot), width: 120, height: 40)
        try SnapshotFile.assertMatches(buffer.text, named: "reconnecting-120x40.txt")
        try SnapshotFile.assertMatches(buffer.roleLegend, named: "reconnecting-120x40.roles.txt")
        snapshot.servicesFailingSince = .distantPast
        let neverLoaded = BoardFixture.render(BoardFixture.app(width: 120, height: 40, snapshot: snapshot), width: 120, height: 40)
        #expect(neverLoaded.line(at: 1).contains("Queues 2 · 3 waiting  not updated"))
    }

    @Test func reconnectingAndStaleHeaders() throws {
        var snapshot = BoardFixture.snapshot
        snapshot.health = .reconnecting(attempt: 3, since: BoardFixture.wallClock)
        let reconnecting = BoardFixture.render(BoardFixture.app(width: 120, height: 40, snapshot: snapshot), width: 120, height: 40)
        snapshot.health = .stale(lastGood: BoardFixture.wallClock)
        let stale = BoardFixture.render(BoardFixture.app(width: 120, height: 40, snapshot: snapshot), width: 120, height: 40)
        try SnapshotFile.assertMatches(reconnecting.line(at: 0) + "\n" + stale.line(at: 0), named: "headers-120.txt")
    }

    /// Every connection state in the header of a small terminal.
    @Test func everyHealthStateAt80Columns() throws {
        var lines: [String] = []
        for health in [ConnectionHealth.connecting, .live, .reconnecting(attempt: 3, since: BoardFixture.wallClock),
                       .stale(lastGood: BoardFixture.wallClock), .stale(lastGood: nil), .loginFailed(reason: "USER NOT LOGGED IN")] {
            var snapshot = BoardFixture.snapshot
            snapshot.health = health
            lines.append(BoardFixture.render(BoardFixture.app(width: 80, height: 24, snapshot: snapshot), width: 80, height: 24).line(at: 0))
        }
        try SnapshotFile.assertMatches(lines.joined(separator: "\n"), named: "headers-80.txt")
    }

    @Test func helpOverlayAt80x24() throws {
        var app = BoardFixture.app(width: 80, height: 24)
        _ = app.reduce(.key(.character("?")))
        try SnapshotFile.assertMatches(BoardFixture.render(app, width: 80, height: 24).text, named: "help-80x24.txt")
    }

    @Test func dialPromptAt80x24() throws {
        var app = BoardFixture.app(width: 80, height: 24)
        _ = app.reduce(.key(.character("d")))
        for character in "011 44 20 7946 0018" { _ = app.reduce(.key(.character(character))) }
        let buffer = BoardFixture.render(app, width: 80, height: 24)
        try SnapshotFile.assertMatches(buffer.line(at: 23), named: "dial-80x24.txt")
    }

    /// The `h` view with three calls, then with the details of the first open.
    @Test func historyViewAt120x40AndItsDetailsAt80x24() throws {
        var app = BoardFixture.app(width: 120, height: 40)
        _ = app.reduce(.key(.character("h")))
        _ = app.reduce(.historyLoaded(extension: "204", records: [
            HistoryViewTests.record(5, duration: 61, recording: "https://x/recordingplayer/777"),
            HistoryViewTests.record(30, duration: 0, result: "Voicemail"),
            HistoryViewTests.record(95, duration: 3_725, result: "Answered"),
        ], older: false))
        try SnapshotFile.assertMatches(BoardFixture.render(app, width: 120, height: 40).text, named: "history-120x40.txt")
        _ = app.reduce(.resized(width: 80, height: 24))
        _ = app.reduce(.key(.enter))
        try SnapshotFile.assertMatches(BoardFixture.render(app, width: 80, height: 24).text, named: "history-details-80x24.txt")
    }

    /// Under 110 columns the focused side pane takes the main area.
    @Test func queuesAndConferencesAloneAt80x24() throws {
        var app = BoardFixture.app(width: 80, height: 24)
        _ = app.reduce(.key(.tab))
        try SnapshotFile.assertMatches(BoardFixture.render(app, width: 80, height: 24).text, named: "queues-80x24.txt")
        try SnapshotFile.assertMatches(BoardFixture.render(app, width: 80, height: 24).roleLegend, named: "queues-80x24.roles.txt")
        _ = app.reduce(.key(.tab))
        try SnapshotFile.assertMatches(BoardFixture.render(app, width: 80, height: 24).text, named: "conferences-80x24.txt")
    }

    @Test func findTypingZoeAt80x24() throws {
        var app = BoardFixture.app(width: 80, height: 24)
        _ = app.reduce(.key(.character("/")))
        for character in "zoe" { _ = app.reduce(.key(.character(character))) }
        try SnapshotFile.assertMatches(BoardFixture.render(app, width: 80, height: 24).text, named: "find-80x24.txt")
    }

    @Test func callQuestionAt80x24() throws {
        var app = BoardFixture.app(width: 80, height: 24)
        _ = app.reduce(.key(.character("j")))
        _ = app.reduce(.key(.enter))
        try SnapshotFile.assertMatches(BoardFixture.render(app, width: 80, height: 24).line(at: 23), named: "call-question-80x24.txt")
    }
}

/// A tick redraws only what time changes; the result must be the frame a
/// full render would give at that moment.
@Suite struct TickRenderTests {
    let screen = BoardScreen(identity: "receptionist@my.vonagebusiness.com", timeZone: TimeZone(identifier: "UTC")!)

    @Test(arguments: [(80, 24), (120, 40)])
    func aTickEqualsAFullRender(width: Int, height: Int) {
        var app = BoardFixture.app(width: width, height: height)
        _ = app.reduce(.notice("saved /tmp/x.mp3", isError: false, at: BoardFixture.now))
        var frame = Buffer(width: width, height: height)
        screen.render(app, now: BoardFixture.now, wallClock: BoardFixture.wallClock, into: &frame)
        var previous = (now: BoardFixture.now, wallClock: BoardFixture.wallClock)
        for seconds in [1.0, 2.0, 7.0, 61.0, 3_600.0] {
            let later = BoardFixture.now.adding(seconds: seconds)
            let wall = BoardFixture.wallClock.addingTimeInterval(seconds)
            screen.renderTick(app, now: later, wallClock: wall, previous: previous, into: &frame)
            previous = (later, wall)
            var full = Buffer(width: width, height: height)
            screen.render(app, now: later, wallClock: wall, into: &full)
            #expect(frame.text == full.text, "after \(seconds) s")
            #expect(frame.roleLegend == full.roleLegend, "after \(seconds) s")
        }
    }

    @Test func theBoardSleepsAMinuteWhenNothingTicksAndASecondWhenADurationDoes() {
        let quiet = BoardFixture.app(width: 120, height: 40, snapshot: PresenceSnapshot(version: 1, health: .live))
        let atSecond = Date(timeIntervalSince1970: 1_795_010_580.25)  // 14:03:00.25
        #expect(screen.millisecondsToNextChange(quiet, now: BoardFixture.now, wallClock: atSecond) == 59_752)
        let busy = BoardFixture.app(width: 120, height: 40)
        #expect(screen.millisecondsToNextChange(busy, now: BoardFixture.now, wallClock: atSecond) == 752)
    }
}
