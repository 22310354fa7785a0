import Foundation
import PresenceEngine
import Testing
@testable import Switchboard

/// A snapshot is measured once, off the UI thread (issue 22: keys within
/// 100 ms at 200,000 extensions); the board shows exactly what it would
/// have shown measuring it itself.
@Suite struct SnapshotDigestTests {
    func account(_ numbers: [Int], version: Int = 1) -> PresenceSnapshot {
        var snapshot = PresenceSnapshot(version: version, health: .live)
        for number in numbers {
            let state = ExtensionState(number: String(number), name: "Person \(number)")
            snapshot.extensions[state.number] = state
        }
        return snapshot
    }

    @Test func theSamePeopleKeepTheirOrderAndOthersAreSortedAgain() {
        let first = SnapshotDigest(account([204, 99, 1000, 201]))
        #expect(first.people.map(\.number) == ["99", "201", "204", "1000"])
        #expect(first.positions == ["99": 0, "201": 1, "204": 2, "1000": 3])
        var busy = account([204, 99, 1000, 201], version: 2)
        busy.extensions["204"]?.direction = .inbound
        busy.extensions["204"]?.calls = [CallItem(phase: .connected, isRecorded: true, presenceCallId: "c-1")]
        let second = SnapshotDigest(busy, previous: first)
        #expect(second.people.map(\.number) == ["99", "201", "204", "1000"])
        #expect(second.people[2].direction == .inbound)
        #expect(second.totals.onCalls == 1)
        #expect(second.recorded == ["204": "c-1"])
        // As many people, one of them another: sorted again, positions anew.
        let swapped = SnapshotDigest(account([204, 5, 1000, 201], version: 3), previous: second)
        #expect(swapped.people.map(\.number) == ["5", "201", "204", "1000"])
        #expect(swapped.positions["5"] == 0 && swapped.positions["99"] == nil)
        // One who stops being a person (a paging line) leaves the people.
        var paging = account([204, 5, 1000, 201], version: 4)
        paging.extensions["1000"]?.isPerson = false
        let fewer = SnapshotDigest(paging, previous: swapped)
        #expect(fewer.people.map(\.number) == ["5", "201", "204"])
        #expect(fewer.positions["1000"] == nil)
    }

    /// The find index keeps each unchanged name's folding from the last
    /// snapshot: a renamed person is found by the new name only, and a
    /// directory read again brings its logins.
    @Test func aFindFollowsRenamesAndTheDirectory() {
        var snapshot = account([201, 202, 203])
        snapshot.extensions["202"]?.name = "Zoë Ångström"
        let first = SnapshotDigest(snapshot)
        #expect(first.rows(matching: "zoe ang", sort: .number).rows.map(\.number) == ["202"])
        #expect(first.rows(matching: "jdoe", sort: .number).rows.isEmpty)
        snapshot.version = 2
        snapshot.extensions["202"]?.name = "Zoe Brown"
        snapshot.extensions["203"]?.name = "Anna Zed"
        let renamed = SnapshotDigest(snapshot, previous: first)
        #expect(renamed.rows(matching: "zoe ang", sort: .number).rows.isEmpty)
        #expect(renamed.rows(matching: "BROWN", sort: .number).rows.map(\.number) == ["202"])
        #expect(renamed.rows(matching: "", sort: .name).rows.map(\.number) == ["203", "201", "202"])
        snapshot.version = 3
        snapshot.directory = Directory(extensions: ["201": DirectoryEntry(number: "201", name: "Person 201", loginName: "jdoe", status: "available")])
        snapshot.directoryVersion += 1
        let withLogins = SnapshotDigest(snapshot, previous: renamed)
        #expect(withLogins.rows(matching: "jdoe", sort: .number).rows.map(\.number) == ["201"])
        // Paging lines and faxes are found by their number only.
        snapshot.version = 4
        snapshot.extensions["299"] = ExtensionState(number: "299", name: "Paging")
        snapshot.extensions["299"]?.isPerson = false
        let paging = SnapshotDigest(snapshot, previous: withLogins)
        #expect(paging.rows(matching: "29", sort: .number).rows.map(\.number) == ["299"])
        #expect(paging.rows(matching: "Paging", sort: .number).rows.isEmpty)
        #expect(paging.rows(matching: "", sort: .number).rows.map(\.number) == ["201", "202", "203"])
        // What the layout is given is what the rows found need.
        for (query, sort) in [("2", ExtensionSort.status), ("29", .number), ("zoe", .name)] {
            let found = paging.rows(matching: query, sort: sort)
            #expect(found.shapes == WallLayout.RowShapes(found.rows))
        }
    }

    /// Measured apart or by the reducer itself: the same rows, selection and frame.
    @Test func aMeasuredSnapshotGivesTheBoardItWouldHaveDrawn() {
        var numbers = Array(200..<260)
        var itself = BoardFixture.app(width: 120, height: 40, snapshot: account(numbers))
        var apart = BoardFixture.app(width: 120, height: 40, snapshot: account(numbers))
        var previous: SnapshotDigest?
        for version in 2..<6 {
            numbers.append(300 + version)
            var snapshot = account(numbers, version: version)
            snapshot.extensions["2\(version)0"]?.direction = .inbound
            for key in [Key.down, .down, .right] {
                _ = itself.reduce(.key(key))
                _ = apart.reduce(.key(key))
            }
            _ = itself.reduce(.snapshot(snapshot))
            let digest = SnapshotDigest(snapshot, previous: previous)
            previous = digest
            _ = apart.reduce(.digest(digest))
            #expect(apart.rows.map(\.number) == itself.rows.map(\.number))
            #expect(apart.selectedIndex == itself.selectedIndex)
            #expect(BoardFixture.render(apart, width: 120, height: 40).text == BoardFixture.render(itself, width: 120, height: 40).text)
        }
    }

    /// The preparer's thread hands the UI the newest snapshot, measured,
    /// once; the UI wakes on its pipe.
    @Test func thePreparerHandsOverTheNewestSnapshotOnce() throws {
        let mailbox = SnapshotMailbox()
        let preparer = SnapshotPreparer(mailbox: mailbox, first: SnapshotDigest(mailbox.latest()))
        preparer.start()
        defer { preparer.stop() }
        #expect(preparer.take() == nil)
        mailbox.publish(account([201, 202], version: 1), counters: EngineCounters())
        mailbox.publish(account([201, 202, 203], version: 2), counters: EngineCounters())
        var descriptor = pollfd(fd: preparer.wakePipe.readDescriptor, events: Int16(POLLIN), revents: 0)
        var taken: SnapshotDigest?
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, taken?.snapshot.version != 2 {
            _ = poll(&descriptor, 1, 1000)
            if let digest = preparer.take() { taken = digest }
        }
        let digest = try #require(taken)
        #expect(digest.snapshot.version == 2)
        #expect(digest.people.map(\.number) == ["201", "202", "203"])
        #expect(preparer.take() == nil)
    }
}
