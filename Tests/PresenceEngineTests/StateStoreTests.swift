import Foundation
import PresenceEngine
import Testing

@Suite struct StateStoreTests {
    let noon = Date(timeIntervalSince1970: 1_800_000_000)

    func state(_ number: String, _ direction: CallDirection = .idle) -> ExtensionState {
        ExtensionState(number: number, name: "N\(number)", direction: direction)
    }

    @Test func aDiffMergesByExtensionAndKeepsTheRest() {
        var store = StateStore()
        store.fold(DashuiAnswer(extensions: [state("201"), state("202"), state("203")]), isComplete: true, at: noon)
        store.fold(DashuiAnswer(extensions: [state("202", .inbound)]), isComplete: false, at: noon)
        #expect(store.snapshot.extensions.count == 3)
        #expect(store.snapshot.extensions["202"]?.direction == .inbound)
        #expect(store.snapshot.extensions["201"]?.direction == .idle)
        #expect(store.snapshot.version == 2)
    }

    /// An idle extension whose last call moved on: nothing on screen
    /// changed, but a call rang and ended between two answers, and the
    /// journal hears of it (an answer that repeats the state does not).
    @Test func aLastCallThatMovedOnIsAnEventThoughNothingShows() {
        var store = StateStore()
        var idle = state("201")
        idle.lastCallMs = 1_000
        store.fold(DashuiAnswer(extensions: [idle]), isComplete: true, at: noon)
        #expect(store.fold(DashuiAnswer(extensions: [idle]), isComplete: false, at: noon).isEmpty)
        idle.lastCallMs = 2_000
        #expect(store.fold(DashuiAnswer(extensions: [idle]), isComplete: false, at: noon) == [.extensionChanged(idle)])
    }

    @Test func aCompleteAnswerReplacesTheStore() {
        var store = StateStore()
        store.fold(DashuiAnswer(extensions: [state("201"), state("202")]), isComplete: true, at: noon)
        store.fold(DashuiAnswer(extensions: [state("202")]), isComplete: true, at: noon)
        #expect(store.snapshot.extensions.keys.sorted() == ["202"])
    }

    @Test func confirmingMovesTheLastGoodTimeButNotTheVersion() {
        var store = StateStore()
        store.fold(DashuiAnswer(extensions: [state("201")]), isComplete: true, at: noon)
        store.confirm(at: noon.addingTimeInterval(30))
        #expect(store.snapshot.version == 1)
        #expect(store.snapshot.lastGoodUpdate == noon.addingTimeInterval(30))
    }

    @Test func extensionsSortNumerically() {
        var store = StateStore()
        store.fold(DashuiAnswer(extensions: [state("1001"), state("99"), state("204")]), isComplete: true, at: noon)
        #expect(store.snapshot.extensionsByNumber.map(\.number) == ["99", "204", "1001"])
    }

    @Test func durationsTickOnTheMonotonicClock() {
        let received = MonotonicInstant(nanoseconds: 5_000_000_000)
        let call = ExtensionState(number: "201", name: "A", direction: .inbound, durationMs: 61_500, receivedAt: received)
        #expect(call.durationSeconds(at: received) == 61)
        #expect(call.durationSeconds(at: received.adding(seconds: 0.5)) == 62)
        #expect(call.durationSeconds(at: received.adding(seconds: 60)) == 121)
        #expect(ExtensionState(number: "1", name: "", receivedAt: received).durationSeconds(at: received) == nil)
    }
}

@Suite struct DirectoryFoldTests {
    let noon = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func theDirectoryNamesPeopleMarksNonUsersAndRemovesThoseWhoLeft() {
        var store = StateStore()
        store.fold(DashuiAnswer(extensions: [ExtensionState(number: "201", name: ""), ExtensionState(number: "202", name: "Bo"),
                                             ExtensionState(number: "299", name: "")]), isComplete: true, at: noon)
        let directory = Directory(extensions: [
            "201": DirectoryEntry(number: "201", name: "Ana Lima", loginName: "alima", status: "dnd"),
            "299": DirectoryEntry(number: "299", name: "", loginName: "", status: "available"),
        ])
        let events = store.fold(directory: directory)
        #expect(store.snapshot.extensions["201"]?.name == "Ana Lima")
        #expect(store.snapshot.extensions["201"]?.doNotDisturb == true)
        #expect(store.snapshot.extensions["299"]?.isPerson == false)
        #expect(store.snapshot.extensions["202"] == nil)
        #expect(events.contains(.extensionRemoved("202")))
        // A later diff keeps what the directory taught.
        store.fold(DashuiAnswer(extensions: [ExtensionState(number: "299", name: "")]), isComplete: false, at: noon)
        #expect(store.snapshot.extensions["299"]?.isPerson == false)
    }

    /// Who is a person may change with no state changing: a new or changed
    /// directory is an event of its own (the journal waits for it), the
    /// same directory read again each minute is not.
    @Test func aNewOrChangedDirectoryIsAnEventAndTheSameOneAgainIsNot() {
        var store = StateStore()
        store.fold(DashuiAnswer(extensions: [ExtensionState(number: "201", name: "A")]), isComplete: true, at: noon)
        let directory = Directory(extensions: ["201": DirectoryEntry(number: "201", name: "A", loginName: "a", status: "available")])
        #expect(store.fold(directory: directory) == [.directoryChanged])
        #expect(store.fold(directory: directory).isEmpty)
        let changed = Directory(extensions: ["201": DirectoryEntry(number: "201", name: "A", loginName: "a2", status: "available")])
        #expect(store.fold(directory: changed) == [.directoryChanged])
    }

    @Test func dashuiAvailabilityWinsOverTheDirectory() {
        var store = StateStore()
        store.fold(directory: Directory(extensions: ["201": DirectoryEntry(number: "201", name: "A", loginName: "a", status: "dnd")]))
        store.fold(DashuiAnswer(extensions: [ExtensionState(number: "201", name: "A", availableFlag: true)]), isComplete: true, at: noon)
        #expect(store.snapshot.extensions["201"]?.doNotDisturb == false)
    }

    @Test func queueAndBridgeFoldsReportOnlyRealChanges() {
        var store = StateStore()
        let queue = QueueState(number: "9100", callersWaiting: 2)
        #expect(store.fold(queue: queue) == [.queueChanged(queue)])
        #expect(store.fold(queue: queue).isEmpty)
        let bridge = BridgeState(number: "8800", participants: ["201"])
        #expect(store.fold(bridge: bridge) == [.bridgeChanged(bridge)])
        #expect(store.fold(bridge: bridge).isEmpty)
    }
}
