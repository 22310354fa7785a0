import Foundation
import PresenceEngine
import Testing
@testable import Switchboard

/// Groups as titled sections, and durations that turn warning then critical.
@Suite struct GroupsAndAlarmsTests {
    static let groups = ExtensionGroups(groups: [
        .init(title: "Sales", members: [210...219, 230...230]),
        .init(title: "Front Desk", members: [201...205]),
    ])

    static func app(width: Int, height: Int, extensions: Int = 40, sort: Int = 0) -> App {
        var app = BoardFixture.app(width: width, height: height, snapshot: WallFixture.snapshot(extensions))
        app.groups = groups
        for _ in 0..<sort { _ = app.reduce(.key(.character("s"))) }
        return app
    }

    @Test func groupsAreTitledSectionsInConfigOrderWithOthersLast() {
        let app = Self.app(width: 80, height: 60)
        let numbers = app.rows.map(\.number)
        #expect(Array(numbers.prefix(11)) == ["210", "211", "212", "213", "214", "215", "216", "217", "218", "219", "230"])
        #expect(Array(numbers[11..<16]) == ["201", "202", "203", "204", "205"])
        #expect(numbers[16] == "206")
        let text = BoardFixture.render(app, width: 80, height: 60).text
        let lines = text.split(separator: "\n").map(String.init)
        let sales = lines.firstIndex { $0.contains("Sales · 11 ─") }
        let desk = lines.firstIndex { $0.contains("Front Desk · 5 ─") }
        let others = lines.firstIndex { $0.contains("Others · 24 ─") }
        #expect(sales != nil && desk != nil && others != nil)
        #expect(sales! < desk! && desk! < others!)
    }

    @Test func theSortOrdersRowsWithinEachGroup() {
        let app = Self.app(width: 80, height: 60, sort: 1)
        #expect(app.sort == .name)
        let sales = app.rows.prefix(11).map { SearchText.fold($0.name) }
        #expect(sales == sales.sorted())
        #expect(Set(app.rows.prefix(11).map(\.number)) == Set(["210", "211", "212", "213", "214", "215", "216", "217", "218", "219", "230"]))
    }

    @Test(arguments: WallSnapshotTests.sizes)
    func groupsOnTheListAndTheGrid(width: Int, height: Int) throws {
        let app = Self.app(width: width, height: height, extensions: 300)
        try SnapshotFile.assertMatches(BoardFixture.render(app, width: width, height: height).text, named: "groups-300-\(width)x\(height).txt")
    }

    @Test func aCallRingingPastItsThresholdsTurnsWarningThenCritical() {
        let alarms = CallAlarms()
        #expect(alarms.level(ringing: true, seconds: 19) == .none)
        #expect(alarms.level(ringing: true, seconds: 20) == .warning)
        #expect(alarms.level(ringing: true, seconds: 40) == .critical)
        // Connected calls have no alarm unless set.
        #expect(alarms.level(ringing: false, seconds: 10_000) == .none)
        let timed = CallAlarms(callWarningMinutes: 10, callCriticalMinutes: 20)
        #expect(timed.level(ringing: false, seconds: 599) == .none)
        #expect(timed.level(ringing: false, seconds: 600) == .warning)
        #expect(timed.level(ringing: false, seconds: 1_200) == .critical)
    }

    /// Only alarmed durations carry colour; the others stay plain text (the idle byte budget).
    @Test func alarmedDurationsAreDrawnInTheirRoleAtBothLevels() throws {
        var snapshot = BoardFixture.snapshot
        snapshot.extensions["208"]!.durationMs = 25_000  // ringing 27 s at the fixture's now: warning
        snapshot.extensions["231"]!.durationMs = 45_000  // ringing 47 s: critical
        var app = BoardFixture.app(width: 120, height: 40, snapshot: snapshot)
        var buffer = Buffer(width: 120, height: 40)
        var screen = BoardScreen(identity: "receptionist@my.vonagebusiness.com", timeZone: TimeZone(identifier: "UTC")!)
        screen.alarms = CallAlarms(callWarningMinutes: 60)
        screen.render(app, now: BoardFixture.now, wallClock: BoardFixture.wallClock, into: &buffer)
        try SnapshotFile.assertMatches(buffer.text, named: "alarms-120x40.txt")
        try SnapshotFile.assertMatches(buffer.roleLegend, named: "alarms-120x40.roles.txt")
        for (width, height) in WallSnapshotTests.sizes where width != 120 {
            var other = Buffer(width: width, height: height)
            screen.render(BoardFixture.app(width: width, height: height, snapshot: snapshot), now: BoardFixture.now,
                          wallClock: BoardFixture.wallClock, into: &other)
            try SnapshotFile.assertMatches(other.text, named: "alarms-\(width)x\(height).txt")
            try SnapshotFile.assertMatches(other.roleLegend, named: "alarms-\(width)x\(height).roles.txt")
        }
        func durationRole(_ number: String, _ text: String) -> Role? {
            guard let y = (0..<buffer.height).first(where: { buffer.line(at: $0).contains("│ \(number) ") }) else { return nil }
            let line = buffer.line(at: y)
            guard let range = line.range(of: text) else { return nil }
            return buffer[line.distance(from: line.startIndex, to: range.lowerBound), y].role
        }
        #expect(durationRole("208", "00:27") == .alarmWarning)
        #expect(durationRole("231", "00:47") == .alarmCritical)
        #expect(durationRole("215", "1:02:07") == .alarmWarning, "connected past call_warning_minutes")
        #expect(durationRole("204", "03:14") == .text)
        // A tick redraws the durations in the same roles.
        _ = app.reduce(.key(.down))
        _ = app.reduce(.key(.up))
        var ticked = buffer
        screen.renderTick(app, now: BoardFixture.now, wallClock: BoardFixture.wallClock,
                          previous: (BoardFixture.now, BoardFixture.wallClock), into: &ticked)
        #expect(ticked == buffer)
    }

    @Test func theBellRingsOnceWhenACallOrQueueFirstTurnsCritical() {
        var snapshot = BoardFixture.snapshot
        var watch = CriticalWatch()
        let alarms = CallAlarms(), queues = QueueAlerts()
        func rings(_ now: MonotonicInstant = BoardFixture.now) -> Bool { watch.update(snapshot, now: now, calls: alarms, queues: queues).ringsBell }
        #expect(rings(), "231 has been ringing for 63 s")
        #expect(!rings())
        snapshot.extensions["208"]!.durationMs = 45_000
        #expect(rings())
        #expect(!rings(BoardFixture.now.adding(seconds: 1)), "once, not every tick")
        snapshot.queues["9100"]!.callersWaiting = 9
        #expect(rings())
        #expect(!rings())
    }

    /// Issue 25: unacknowledged, the bell rings again every minute; `a` stops it for what is critical now;
    /// something new rings again; `on_alarm` hears each start and end.
    @Test func theBellRepeatsUntilAcknowledgedAndANewAlarmRingsAgain() {
        var snapshot = BoardFixture.snapshot
        var watch = CriticalWatch()
        let alarms = CallAlarms(), queues = QueueAlerts()
        let start = BoardFixture.now
        func update(_ seconds: Double) -> CriticalWatch.Changes { watch.update(snapshot, now: start.adding(seconds: seconds), calls: alarms, queues: queues) }
        let first = update(0)
        #expect(first.ringsBell && first.started.map(\.number) == ["231"] && first.started[0].kind == .call)
        #expect(!update(30).ringsBell)
        #expect(update(61).ringsBell, "not acknowledged: again a minute on")
        watch.acknowledge()
        #expect(!update(130).ringsBell && !update(200).ringsBell, "acknowledged: quiet")
        snapshot.queues["9100"]!.callersWaiting = 9
        let queue = update(201)
        #expect(queue.ringsBell && queue.started.map(\.key) == ["queue 9100"])
        snapshot.queues["9100"]!.callersWaiting = 0
        let ended = update(202)
        #expect(ended.ended.map(\.key) == ["queue 9100"] && !ended.ringsBell)
    }
}
