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

/// A made-up account of any size for wall snapshots: names of every length,
/// a share on calls (inbound with a caller, outbound, internal), ringing,
/// on Do Not Disturb; the same every time.
enum WallFixture {
    static let firstNames = ["Ana", "Bartholomew", "Chen", "Dolores", "Eve", "Francesca", "Gus", "Hiroshi", "Ines", "Jo",
                             "Kwame", "Lakshmi", "Mo", "Nadia", "Olu", "Priyanka", "Quinn", "Rafael", "Siobhan", "Tom"]
    static let lastNames = ["Lima", "Okonkwo-Smith", "Wei", "Brun", "Ng", "Castellanos", "Park", "Yamamoto", "Diaz", "Ross"]
    static let callers = [("Jane Doe", "15557852675"), ("", "442079460018"), ("Contoso Billing", "4930123456789"),
                          ("Fabrikam Ltd", "15551234567"), ("", "61291234567")]

    static func snapshot(_ count: Int, queues: Int = 2) -> PresenceSnapshot {
        var snapshot = BoardFixture.snapshot
        snapshot.extensions = [:]
        let received = BoardFixture.received
        for index in 0..<count {
            let number = String(201 + index)
            let name = "\(firstNames[index % firstNames.count]) \(lastNames[(index / 3) % lastNames.count])"
            var state = ExtensionState(number: number, name: index % 37 == 5 ? "Warehouse Floor East" : name, receivedAt: received)
            let caller = callers[index % callers.count]
            switch index % 23 {
            case 3, 11:
                state.direction = .inbound
                state.durationMs = Int64(30_000 + index * 7_000 % 900_000)
                state.onCallWith = caller.1
                state.calls = [CallItem(phase: .connected, otherPartyName: caller.0.isEmpty ? nil : caller.0, isRecorded: index % 2 == 0)]
            case 7:
                state.direction = .outbound
                state.durationMs = Int64(95_000 + index * 1_000)
                state.onCallWith = caller.1
                state.calls = [CallItem(phase: .connected, startedWithClickToCall: true)]
            case 15:
                state.direction = .inbound
                state.durationMs = Int64([8_000, 25_000, 47_000][index % 3])
                state.onCallWith = caller.1
                state.calls = [CallItem(phase: .ringing, otherPartyName: caller.0.isEmpty ? nil : caller.0)]
            case 19:
                state.availableFlag = false
            default:
                break
            }
            snapshot.extensions[number] = state
        }
        snapshot.queues = [:]
        for index in 0..<queues {
            let number = String(9100 + index * 100)
            snapshot.queues[number] = QueueState(number: number, queueId: String(5120 + index), name: ["Front Desk", "Support", "Sales", "Billing"][index % 4],
                                                 numberOfCalls: index, callersOnHold: 0, averageWaitSeconds: 20 + index * 5,
                                                 agentsAvailable: 2 + index % 3, callersWaiting: [3, 0, 1, 7][index % 4],
                                                 agentsBusy: 1, agentsLoggedIn: 5, longestWaitSeconds: [161, 0, 45, 330][index % 4])
        }
        return snapshot
    }
}
