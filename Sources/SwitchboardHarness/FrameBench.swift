import Foundation
import PresenceEngine
import Switchboard

/// The board's reducer and renderer without a terminal, for
/// `switchboard-bench`: whole frames into the cell buffer, and the number
/// of cells a flush would send to the terminal (those that changed).
public struct FrameBench {
    private var app = App()
    private let screen = BoardScreen(identity: "receptionist@bench", timeZone: TimeZone(identifier: "UTC")!)
    private var previous: Buffer?

    public init(snapshot: PresenceSnapshot, width: Int, height: Int) {
        _ = app.reduce(.resized(width: width, height: height))
        _ = app.reduce(.snapshot(snapshot))
    }

    public mutating func update(_ snapshot: PresenceSnapshot) {
        _ = app.reduce(.snapshot(snapshot))
    }

    /// A snapshot as the board takes it: measured apart (the preparer's
    /// thread), then reduced (the UI thread). Returns the second part.
    public struct Measured: Sendable { fileprivate let digest: SnapshotDigest }

    public func measured(_ snapshot: PresenceSnapshot, after previous: Measured? = nil) -> Measured {
        Measured(digest: SnapshotDigest(snapshot, previous: previous?.digest))
    }

    public mutating func update(_ measured: Measured) {
        _ = app.reduce(.digest(measured.digest))
    }

    /// `/` and `text` typed into the find, one key at a time.
    public mutating func find(_ text: String) {
        _ = app.reduce(.key(.character("/")))
        for character in text { _ = app.reduce(.key(.character(character))) }
    }

    /// Esc: the find is put away.
    public mutating func escape() {
        _ = app.reduce(.key(.escape))
    }

    /// A key on the board: ↓ then ↑ (the selection moves and comes back).
    public mutating func pressDownThenUp() {
        _ = app.reduce(.key(.down))
        _ = app.reduce(.key(.up))
    }

    /// Draws the board for `now`; returns how many cells differ from the
    /// previous frame (every cell the first time), as `CursesTerminal` sends.
    @discardableResult
    public mutating func frame(now: MonotonicInstant, wallClock: Date) -> Int {
        var buffer = Buffer(width: app.screenWidth, height: app.screenHeight)
        screen.render(app, now: now, wallClock: wallClock, into: &buffer)
        defer { previous = buffer }
        guard let previous, previous.width == buffer.width, previous.height == buffer.height else { return buffer.cells.count }
        var changed = 0
        for index in buffer.cells.indices where buffer.cells[index] != previous.cells[index] { changed += 1 }
        return changed
    }

    /// One tick as the board does it: only what time changes is redrawn
    /// into the last frame. Returns the rows written (the terminal then
    /// compares only those).
    @discardableResult
    public mutating func tick(now: MonotonicInstant, wallClock: Date, previousNow: MonotonicInstant, previousWallClock: Date) -> Int {
        guard var frame = previous else { return self.frame(now: now, wallClock: wallClock) }
        previous = nil  // the frame's storage stays unshared: no copy while drawing
        let rows = screen.renderTick(app, now: now, wallClock: wallClock, previous: (previousNow, previousWallClock), into: &frame)
        previous = frame
        return rows?.count ?? frame.height
    }

    /// Draws the board into a fresh buffer and nothing else (no comparison
    /// with the last frame); returns the cell count.
    @discardableResult
    public func renderOnly(now: MonotonicInstant, wallClock: Date) -> Int {
        var buffer = Buffer(width: app.screenWidth, height: app.screenHeight)
        screen.render(app, now: now, wallClock: wallClock, into: &buffer)
        return buffer.cells.count
    }

    /// The frame's text, for checking what it shows.
    public func text(now: MonotonicInstant, wallClock: Date) -> String {
        var buffer = Buffer(width: app.screenWidth, height: app.screenHeight)
        screen.render(app, now: now, wallClock: wallClock, into: &buffer)
        return buffer.text
    }
}
