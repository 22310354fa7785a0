import Foundation
import PresenceEngine
@testable import Switchboard

/// A fixed board state for renderer tests: every kind of row, hostile and
/// wide names included, at a fixed instant.
enum BoardFixture {
    static let received = MonotonicInstant(nanoseconds: 1_000_000_000_000)
    static let now = received.adding(seconds: 2.4)
    /// 14:03:22 UTC.
    static let wallClock = Date(timeIntervalSince1970: 1_795_010_602)

    static var snapshot: PresenceSnapshot {
        let states = [
            ExtensionState(number: "204", name: "Ana Lima", direction: .inbound, durationMs: 192_000, onCallWith: "15557852675",
                           calls: [CallItem(phase: .connected, otherPartyName: "Jane Doe", isRecorded: true)], receivedAt: received),
            ExtensionState(number: "208", name: "Anatole Brun", direction: .inbound, durationMs: 5_000, onCallWith: "442079460018",
                           calls: [CallItem(phase: .ringing)], receivedAt: received),
            ExtensionState(number: "212", name: "Diana Ross", receivedAt: received),
            ExtensionState(number: "215", name: "Zoe\u{0308} Weiß", direction: .outbound, durationMs: 3_725_000, onCallWith: "15551234567",
                           calls: [CallItem(phase: .connected, startedWithClickToCall: true)], receivedAt: received),
            ExtensionState(number: "221", name: "李娜", direction: .intraPBX, durationMs: 42_000, onCallWith: "204",
                           calls: [CallItem(phase: .connected, otherPartyName: "Ana Lima")], receivedAt: received),
            ExtensionState(number: "230", name: "Evil\u{1B}]0;pwned\u{07}\u{1B}[2J Name", receivedAt: received),
            ExtensionState(number: "233", name: "Joanna Park", availableFlag: false, receivedAt: received),
            ExtensionState(number: "231", name: "A very long name that will not fit in its column at all", direction: .queueCall,
                           durationMs: 61_000, onCallWith: "15550001111",
                           calls: [CallItem(phase: .connected, otherPartyName: "Contoso Billing", isRecorded: true, startTimeMs: 1_795_010_480_000),
                                   CallItem(phase: .ringing, startTimeMs: 1_795_010_541_000)],
                           receivedAt: received),
        ]
        var snapshot = PresenceSnapshot(version: 1, health: .live, lastGoodUpdate: wallClock)
        snapshot.accountName = "Acme Dental"
        for state in states { snapshot.extensions[state.number] = state }
        // A paging line: not a person, never listed.
        var paging = ExtensionState(number: "299", name: "", receivedAt: received)
        paging.isPerson = false
        snapshot.extensions["299"] = paging
        snapshot.queues = [
            "9100": QueueState(number: "9100", queueId: "5120", name: "Front Desk", numberOfCalls: 4, callersOnHold: 0, averageWaitSeconds: 40,
                               agentsAvailable: 4, callersWaiting: 3, agentsBusy: 1, agentsLoggedIn: 6, longestWaitSeconds: 161),
            "9200": QueueState(number: "9200", queueId: "5121", name: "Support", numberOfCalls: 1, callersOnHold: 0, averageWaitSeconds: 12,
                               agentsAvailable: 2, callersWaiting: 0, agentsBusy: 1, agentsLoggedIn: 3, longestWaitSeconds: 0),
        ]
        snapshot.bridges = [
            "8800": BridgeState(number: "8800", name: "All Hands", participants: ["204", "212", "15551234567"]),
            "8801": BridgeState(number: "8801", name: "Team Huddle"),
        ]
        return snapshot
    }

    static func app(width: Int, height: Int, snapshot: PresenceSnapshot = snapshot) -> App {
        var app = App()
        _ = app.reduce(.resized(width: width, height: height))
        _ = app.reduce(.snapshot(snapshot))
        return app
    }

    static func render(_ app: App, width: Int, height: Int, glyphs: Glyphs = .unicode) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        let screen = BoardScreen(identity: "receptionist@my.vonagebusiness.com", glyphs: glyphs, timeZone: TimeZone(identifier: "UTC")!)
        screen.render(app, now: now, wallClock: wallClock, into: &buffer)
        return buffer
    }
}
