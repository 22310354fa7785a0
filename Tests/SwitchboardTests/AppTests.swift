import PresenceEngine
import Testing
@testable import Switchboard

@Suite struct AppTests {
    func manyExtensions(_ count: Int) -> PresenceSnapshot {
        var snapshot = PresenceSnapshot(version: 1, health: .live)
        for number in 0..<count {
            let state = ExtensionState(number: String(200 + number), name: "Person \(number)")
            snapshot.extensions[state.number] = state
        }
        return snapshot
    }

    /// The order by number is kept across snapshots with the same people
    /// (no sort of every row for each change), and redone when they differ.
    @Test func rowsFollowEachSnapshotWhetherThePeopleStayOrChange() {
        var app = BoardFixture.app(width: 120, height: 40, snapshot: manyExtensions(5))
        #expect(app.rows.map(\.number) == ["200", "201", "202", "203", "204"])
        var busy = manyExtensions(5)
        busy.extensions["202"]?.direction = .inbound
        _ = app.reduce(.snapshot(busy))
        #expect(app.rows.map(\.number) == ["200", "201", "202", "203", "204"])
        #expect(app.rows[2].direction == .inbound)
        // As many people, one of them another: sorted again.
        var swapped = manyExtensions(5)
        swapped.extensions["201"] = nil
        swapped.extensions["199"] = ExtensionState(number: "199", name: "Newcomer")
        _ = app.reduce(.snapshot(swapped))
        #expect(app.rows.map(\.number) == ["199", "200", "202", "203", "204"])
        // One who stops being a person (a paging line) leaves the list.
        var paging = swapped
        paging.extensions["203"]?.isPerson = false
        _ = app.reduce(.snapshot(paging))
        #expect(app.rows.map(\.number) == ["199", "200", "202", "204"])
    }

    @Test func movingPastTheBottomScrollsToKeepTheSelectionVisible() {
        var app = BoardFixture.app(width: 80, height: 24, snapshot: manyExtensions(50))
        let visible = app.visibleRowCount
        #expect(visible == 20)
        for _ in 0..<25 { _ = app.reduce(.key(.down)) }
        #expect(app.selectedIndex == 25)
        #expect(app.scrollOffset == 25 - visible + 1)
        _ = app.reduce(.key(.home))
        #expect(app.selectedIndex == 0)
        #expect(app.scrollOffset == 0)
        _ = app.reduce(.key(.character("G")))
        #expect(app.selectedIndex == 49)
        #expect(app.scrollOffset == 30)
    }

    @Test func rowsWithSeveralCallsTakeSeveralLinesAndTheSelectionStaysInView() {
        var snapshot = manyExtensions(30)
        // Every extension on three calls: each row takes three lines.
        for number in snapshot.extensions.keys {
            snapshot.extensions[number]!.direction = .inbound
            snapshot.extensions[number]!.calls = [CallItem(phase: .connected), CallItem(phase: .connected), CallItem(phase: .ringing)]
        }
        var app = BoardFixture.app(width: 80, height: 24, snapshot: snapshot)
        #expect(app.visibleRowCount == 20)
        for _ in 0..<6 { _ = app.reduce(.key(.down)) }
        // Rows 0-5 fill 18 lines; row 6 needs lines 19-21, so the view
        // (counted in lines) moves by one line.
        #expect(app.selectedIndex == 6)
        #expect(app.scrollOffset == 1)
        _ = app.reduce(.key(.character("G")))
        // The last 20 of the 90 lines fill the pane; no empty lines below.
        #expect(app.scrollOffset == 70)
        _ = app.reduce(.key(.character("g")))
        #expect(app.scrollOffset == 0)
    }

    @Test func theSelectionFollowsItsExtensionAcrossUpdates() {
        var app = BoardFixture.app(width: 80, height: 24, snapshot: manyExtensions(10))
        _ = app.reduce(.key(.character("j")))
        _ = app.reduce(.key(.character("j")))
        var update = manyExtensions(10)
        update.extensions["150"] = ExtensionState(number: "150", name: "New first")
        _ = app.reduce(.snapshot(update))
        #expect(app.rows[app.selectedIndex!].number == "202")
    }

    @Test func shrinkingTheTerminalKeepsTheSelectionVisible() {
        var app = BoardFixture.app(width: 120, height: 40, snapshot: manyExtensions(50))
        for _ in 0..<30 { _ = app.reduce(.key(.down)) }
        _ = app.reduce(.resized(width: 80, height: 24))
        let index = app.selectedIndex!
        #expect(index >= app.scrollOffset && index < app.scrollOffset + app.visibleRowCount)
    }

    @Test func qAndCtrlCQuit() {
        var app = App()
        _ = app.reduce(.resized(width: 80, height: 24))  // (says what is on screen, once)
        #expect(app.reduce(.key(.character("q"))) == [.quit])
        #expect(app.reduce(.key(.control("c"))) == [.quit])
        #expect(app.reduce(.key(.character("x"))) == [])
    }
}

/// How often the UI thread takes a new snapshot (a large account's keys
/// must not wait behind a stream of changes).
@Suite struct SnapshotPaceTests {
    let start = MonotonicInstant(nanoseconds: 1_000_000_000_000)

    @Test func aCheapSnapshotIsNeverHeld() {
        var pace = SnapshotPace()
        pace.started(at: start)
        pace.finished(at: start.adding(seconds: 0.004))
        #expect(pace.holdMilliseconds(at: start.adding(seconds: 0.004)) == 0)
    }

    @Test func anExpensiveOneHoldsTheNextForAsLongAsItTook() {
        var pace = SnapshotPace()
        pace.started(at: start)
        let done = start.adding(seconds: 0.120)
        pace.finished(at: done)
        #expect(pace.holdMilliseconds(at: done) == 120)
        #expect(pace.holdMilliseconds(at: done.adding(seconds: 0.1)) == 20)
        #expect(pace.holdMilliseconds(at: done.adding(seconds: 0.2)) == 0)
        // A frame with no snapshot in it changes nothing.
        pace.finished(at: done.adding(seconds: 0.05))
        #expect(pace.holdMilliseconds(at: done.adding(seconds: 0.1)) == 20)
    }

    @Test func theHoldIsAtMostASecond() {
        var pace = SnapshotPace()
        pace.started(at: start)
        let done = start.adding(seconds: 5)
        pace.finished(at: done)
        #expect(pace.holdMilliseconds(at: done) == 1000)
    }
}

/// The engine is told which queues and bridges are on screen, once each
/// time that changes (issue 23: the budget goes where people look).
@Suite struct SeenItemsTests {
    func account(queues: Int, bridges: Int) -> PresenceSnapshot {
        var snapshot = WallFixture.snapshot(20)
        snapshot.queues = [:]
        snapshot.bridges = [:]
        for index in 0..<queues { snapshot.queues[String(9100 + index)] = QueueState(number: String(9100 + index)) }
        for index in 0..<bridges { snapshot.bridges[String(8800 + index)] = BridgeState(number: String(8800 + index)) }
        return snapshot
    }

    func told(_ effects: [Effect]) -> Set<RefreshScheduler.Item>?? {
        for case .refreshFirst(let items) in effects { return .some(items) }
        return nil
    }

    @Test func theSideColumnsQueuesAndBridgesAreTheOnesSeen() throws {
        var app = App()
        _ = app.reduce(.resized(width: 120, height: 40))
        let first = try #require(told(app.reduce(.snapshot(account(queues: 30, bridges: 15)))))
        // 40 lines: the queues pane takes half of the 38 (19: 8 queues of two
        // lines inside its border), the bridges the rest (17 inside).
        let seen = try #require(first)
        #expect(seen.filter { if case .queue = $0 { return true } else { return false } }.count == 8)
        #expect(seen.contains(.queue("9100")) && !seen.contains(.queue("9129")))
        #expect(seen.filter { if case .bridge = $0 { return true } else { return false } }.count == 15)
        // The same again: nothing to tell.
        #expect(told(app.reduce(.snapshot(account(queues: 30, bridges: 15)))) == nil)
        // A taller screen shows more queues; the wallboard shows them all.
        #expect(try #require(told(app.reduce(.resized(width: 120, height: 67))))?.count ?? 0 > seen.count)
        #expect(told(app.reduce(.key(.character("w")))) == .some(nil))
        // A narrow board shows them only when their pane has the focus.
        _ = app.reduce(.key(.character("w")))
        #expect(told(app.reduce(.resized(width: 80, height: 24))) == .some([]))
    }
}

