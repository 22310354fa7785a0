import Foundation
import PBXSimulator
import PresenceEngine
import Testing
import TestSupport

/// Directory, extension, queue and conference services: fields and shapes.
@Suite struct InformationServicesTests {
    func loggedIn(_ sim: PBXSimulator) async throws -> SimClient {
        let client = SimClient(sim)
        try await client.login()
        return client
    }

    @Test func directoryListsBridgesQueuesAndExtensionsWithStatus() async throws {
        try await withSimulator { sim in
            let people = sim.account.extensions.filter(\.isPerson)
            _ = sim.control.setDoNotDisturb(people[1].number, true)
            sim.ring(people[2].number, from: "15551234567")
            let directory = try await loggedIn(sim).object("/presence/rest/directory")
            let extensions = try #require(directory["extensions"] as? [String: [String: Any]])
            #expect(extensions.count == sim.account.extensions.count)
            #expect(extensions[people[0].number]?["status"] as? String == "available")
            #expect(extensions[people[1].number]?["status"] as? String == "dnd")
            #expect(extensions[people[2].number]?["status"] as? String == "busy")
            #expect(extensions[people[0].number]?["name"] as? String == people[0].name)
            #expect(extensions[people[0].number]?["loginName"] as? String == people[0].loginName)
            // The non-user entry: no name, no login.
            #expect(extensions.values.contains { ($0["name"] as? String) == "" && ($0["loginName"] as? String) == "" })
            let queues = try #require(directory["queues"] as? [String: [String: Any]])
            #expect(queues[sim.account.queues[0].number]?["queueId"] as? String == sim.account.queues[0].queueId)
            #expect(queues[sim.account.queues[0].number]?["calls"] as? Int == 0)
            let conferences = try #require(directory["conferences"] as? [String: [String: Any]])
            #expect(conferences[sim.account.bridges[0].number]?["name"] as? String == sim.account.bridges[0].name)
        }
    }

    @Test func extensionWithOneCallHasOnePresenceObject() async throws {
        try await withSimulator { sim in
            let number = sim.account.extensions[0].number
            _ = sim.control.startCall(CallRequest(extension: number, otherNumber: "15557852675", otherName: "Jane Doe",
                                                  direction: .outbound, connected: true, recorded: true, customTag: "sales"))
            let object = try await loggedIn(sim).object("/presence/rest/extension/\(number)")
            let details = try #require(object["details"] as? [String: Any])
            let presence = try #require(details["presence"] as? [String: Any])
            #expect(presence["status"] as? String == "outbound")
            #expect(presence["direction"] as? String == "outbound")  // live: read by a public client
            #expect(presence["onCallWith"] as? String == "15557852675")
            #expect(presence["onCallWithName"] as? String == "Jane Doe")
            #expect(presence["isRecorded"] as? String == "true")
            #expect(presence["startedWithClickToCall"] as? String == "false")
            #expect(presence["customTag"] as? String == "sales")
            #expect((presence["presenceCallId"] as? String)?.allSatisfy(\.isNumber) == true)
            #expect((presence["duration"] as? Int).map { $0 >= 0 } == true)
            // The live shape: who it is sits beside `details`, as in the guide's queue and conference examples.
            #expect(details.keys.sorted() == ["presence"])
            #expect(object["type"] as? String == "extension")
            #expect(object["extensionNumber"] as? String == number)
            #expect(object["name"] as? String == sim.account.extensions[0].name)
            #expect(object["loginName"] as? String == sim.account.extensions[0].loginName)
            #expect(object["phoneNumbers"] as? [String] == [sim.account.extensions[0].did])
        }
    }

    @Test func extensionWithSeveralCallsHasAPresenceArray() async throws {
        try await withSimulator { sim in
            let number = sim.account.extensions[0].number
            sim.ring(number, from: "15550000001")
            sim.ring(number, from: "15550000002")
            let details = try #require(try await loggedIn(sim).object("/presence/rest/extension/\(number)")["details"] as? [String: Any])
            let presence = try #require(details["presence"] as? [[String: Any]])
            #expect(presence.map { $0["onCallWith"] as? String } == ["15550000001", "15550000002"])
            // Not connected yet: -1, and the unknown name as the literal "null".
            #expect(presence.allSatisfy { $0["duration"] as? Int == -1 && $0["onCallWithName"] as? String == "null" })
        }
    }

    @Test func anIdleExtensionHasEmptyPresenceAndTheGuideShapeLeavesItOut() async throws {
        try await withSimulator { sim in
            let number = sim.account.extensions[0].number
            let details = try #require(try await loggedIn(sim).object("/presence/rest/extension/\(number)")["details"] as? [String: Any])
            #expect((details["presence"] as? [String: Any])?.isEmpty == true)
        }
        try await withSimulator({ $0.shape = .guide }) { sim in
            let number = sim.account.extensions[0].number
            let details = try #require(try await loggedIn(sim).object("/presence/rest/extension/\(number)")["details"] as? [String: Any])
            #expect(details["presence"] == nil)
            #expect(details["extensionNumber"] as? Int == Int(number))
        }
    }

    @Test func extensionNumbersAreStrippedAndChecked() async throws {
        try await withSimulator { sim in
            let client = try await loggedIn(sim)
            let number = sim.account.extensions[0].number
            #expect(try await client.get("/presence/rest/extension/x\(number)-").status == 200)
            #expect(try await client.get("/presence/rest/extension/1").status == 400)
            #expect(try await client.get("/presence/rest/extension/1234567").status == 400)
            #expect(try await client.get("/presence/rest/extension/99").status == 404)
        }
    }

    @Test func queueDetailsAreDigitStringsFromTheLivingQueue() async throws {
        try await withSimulator { sim in
            let queue = sim.account.queues[0]
            let object = try await loggedIn(sim).object("/presence/rest/queue/\(queue.number)")
            let details = try #require(object["details"] as? [String: String])
            for field in ["numberOfCalls", "callersOnHold", "averageWaitTime", "agentsAvailable", "callersWaiting", "agentsBusy", "agentsLoggedIn"] {
                #expect(details[field]?.allSatisfy(\.isNumber) == true, "\(field)")
            }
            #expect(details["agentsLoggedIn"] == String(queue.agents.count))
            #expect(details["agentsAvailable"] == String(queue.agents.count))
            #expect(object["queueId"] as? String == queue.queueId)
            #expect(object["name"] as? String == queue.name)
            #expect(object["type"] as? String == "queue")
            #expect(object["extensionNumber"] as? String == queue.number)
        }
    }

    @Test func pinnedQueueFiguresAreServedAsSet() async throws {
        try await withSimulator { sim in
            let queue = sim.account.queues[0]
            let figures = QueueFigures(numberOfCalls: 5, callersOnHold: 1, averageWaitTime: 42, agentsAvailable: 2, callersWaiting: 3,
                                       agentsBusy: 3, agentsLoggedIn: 6, longestWaitTime: 161)
            #expect(sim.control.pinQueueFigures(queue.number, figures))
            let details = try #require(try await loggedIn(sim).object("/presence/rest/queue/\(queue.number)")["details"] as? [String: String])
            #expect(details["numberOfCalls"] == "5")
            #expect(details["callersOnHold"] == "1")
            #expect(details["averageWaitTime"] == "42")
            #expect(details["agentsAvailable"] == "2")
            #expect(details["callersWaiting"] == "3")
            #expect(details["agentsBusy"] == "3")
            #expect(details["agentsLoggedIn"] == "6")
        }
    }

    @Test func conferenceListsParticipantsAndNoneWhenIdle() async throws {
        try await withSimulator { sim in
            let bridge = sim.account.bridges[0]
            let client = try await loggedIn(sim)
            let idle = try await client.object("/presence/rest/conference/\(bridge.number)")
            #expect((idle["details"] as? [String: Any])?["participants"] == nil)
            #expect(idle["type"] as? String == "conference")
            #expect(idle["name"] as? String == bridge.name)
            #expect(idle["extensionNumber"] as? String == bridge.number)
            #expect(sim.control.setBridgeParticipants(bridge.number, ["201", "202", "15551234567"]))
            let busy = try await client.object("/presence/rest/conference/\(bridge.number)")
            #expect((busy["details"] as? [String: Any])?["participants"] as? [String] == ["201", "202", "15551234567"])
            #expect(try await client.get("/presence/rest/conference/8899").status == 404)
            #expect(try await client.get("/presence/rest/queue/9999").status == 404)
        }
    }
}
