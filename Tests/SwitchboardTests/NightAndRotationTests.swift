import Foundation
import PresenceEngine
import Testing
@testable import Switchboard

/// Issue 25: quiet hours dim the wall to a clock and the missed count; a
/// ringing call or a key wakes it; a wall with no keyboard turns through its faces.
@Suite struct NightAndRotationTests {
    @Test func quietHoursMayRunPastMidnight() throws {
        let night = try #require(QuietHours("19:00-07:00"))
        #expect(night.contains(minuteOfDay: 19 * 60) && night.contains(minuteOfDay: 23 * 60 + 59) && night.contains(minuteOfDay: 6 * 60 + 59))
        #expect(!night.contains(minuteOfDay: 7 * 60) && !night.contains(minuteOfDay: 12 * 60))
        let lunch = try #require(QuietHours("12:00-13:30"))
        #expect(lunch.contains(minuteOfDay: 12 * 60 + 15) && !lunch.contains(minuteOfDay: 13 * 60 + 30))
        for bad in ["19:00", "7:00-19:00", "19:00-19:00", "25:00-07:00", "19:00-07:60", "evening"] { #expect(QuietHours(bad) == nil, "\(bad)") }
    }

    @Test func theConfigIsRead() throws {
        let settings = try ConfigFile.parse("quiet_hours = \"19:00-07:00\"\nrotate = [\"board\", \"wallboard\"]\nrotate_seconds = 20", file: "c.toml")
        #expect(settings.quietHours == QuietHours("19:00-07:00"))
        #expect(settings.rotation == WallRotation(faces: [.board, .wallboard], seconds: 20))
        #expect(throws: ConfigError.self) { try ConfigFile.parse("rotate = [\"board\", \"night\"]", file: "c.toml") }
        #expect(throws: ConfigError.self) { try ConfigFile.parse("quiet_hours = \"late\"", file: "c.toml") }
    }

    static var quietSnapshot: PresenceSnapshot {
        var snapshot = BoardFixture.snapshot
        for (number, state) in snapshot.extensions where state.isRinging { snapshot.extensions[number] = ExtensionState(number: number, name: state.name) }
        return snapshot
    }

    @Test(arguments: [(80, 24), (120, 40), (240, 67)])
    func theNightFaceWakesForARingingCallAndForAKey(width: Int, height: Int) throws {
        var app = JournalScreensTests.app(width: width, height: height)
        _ = app.reduce(.key(.escape))  // the digest
        _ = app.reduce(.snapshot(Self.quietSnapshot))
        _ = app.reduce(.quietHours(true))
        #expect(app.showsNight)
        let night = BoardFixture.render(app, width: width, height: height).text
        try SnapshotFile.assertMatches(night, named: "night-\(width)x\(height).txt")
        #expect(night.contains("Missed 3 to call back") && !night.contains("Extensions"))
        // A ringing call wakes it.
        _ = app.reduce(.snapshot(BoardFixture.snapshot))
        #expect(!app.showsNight)
        #expect(BoardFixture.render(app, width: width, height: height).text.contains("Extensions"))
        // Quiet again; a key brings the board back and does nothing else, until quiet hours next begin.
        _ = app.reduce(.snapshot(Self.quietSnapshot))
        #expect(app.showsNight)
        #expect(app.reduce(.key(.character("q"))).isEmpty)
        #expect(!app.showsNight && app.mode == .board)
        _ = app.reduce(.quietHours(false))
        _ = app.reduce(.quietHours(true))
        #expect(app.showsNight)
    }

    /// A night board that lost its link says so, with its last good update:
    /// its "no missed calls" may be old, and a call cannot wake it. With the
    /// journal off it claims no missed calls at all.
    @Test(arguments: [(80, 24), (120, 40), (240, 67)])
    func theNightFaceSaysWhenTheBoardIsNotLive(width: Int, height: Int) throws {
        var app = JournalScreensTests.app(width: width, height: height)
        _ = app.reduce(.key(.escape))  // the digest
        var snapshot = Self.quietSnapshot
        snapshot.version += 1
        snapshot.health = .reconnecting(attempt: 4, since: BoardFixture.wallClock)
        _ = app.reduce(.snapshot(snapshot))
        _ = app.reduce(.quietHours(true))
        let night = BoardFixture.render(app, width: width, height: height).text
        try SnapshotFile.assertMatches(night, named: "night-reconnecting-\(width)x\(height).txt")
        #expect(night.contains("Missed 3 to call back") && night.contains("reconnecting (4) — last update"))
        var off = BoardFixture.app(width: width, height: height)
        _ = off.reduce(.journal(.turnedOff))
        _ = off.reduce(.snapshot(Self.quietSnapshot))
        _ = off.reduce(.quietHours(true))
        let dark = BoardFixture.render(off, width: width, height: height).text
        #expect(dark.contains("the journal is off: missed calls are not kept") && !dark.contains("no missed calls"))
        #expect(!dark.contains("live"), "a live board says nothing of its link")
    }

    @Test func aWallTurnsThroughItsFaces() {
        let rotation = WallRotation(faces: [.board, .wallboard], seconds: 30)
        var app = BoardFixture.app(width: 120, height: 40)
        _ = app.reduce(.showFace(rotation.next(after: app.view)))
        #expect(app.view == .wallboard)
        _ = app.reduce(.showFace(rotation.next(after: app.view)))
        #expect(app.view == .board)
        // Not while someone is using a screen of its own.
        _ = app.reduce(.key(.character("?")))
        _ = app.reduce(.showFace(.wallboard))
        #expect(app.view == .board)
    }
}
