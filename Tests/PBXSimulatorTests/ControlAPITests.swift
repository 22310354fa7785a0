import Foundation
import PBXSimulator
import PresenceEngine
import Testing
import TestSupport

/// The control API over HTTP, under `/_sim/`.
@Suite struct ControlAPITests {
    func status(_ client: SimClient, _ path: String, query: [(String, String)] = []) async throws -> Int {
        try await client.post(path, query: query).status
    }

    func json(_ response: HTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    @Test func callsStartAnswerAndEnd() async throws {
        try await withSimulator { sim in
            let control = SimClient(sim)
            let started = try await control.post("/_sim/calls", query: [("extension", "203"), ("from", "15557852675"),
                                                                         ("name", "Jane Doe"), ("recorded", "true"), ("tag", "vip")])
            #expect(started.status == 200)
            let id = try #require(try json(started)["id"] as? String)
            let call = try #require(sim.pbx.read { $0.line("203")?.calls.first })
            #expect(String(call.id) == id)
            #expect(call.phase == .ringing)
            #expect(call.otherName == "Jane Doe")
            #expect(call.customTag == "vip")
            let status1 = try await status(control, "/_sim/calls/\(id)/answer")
            #expect(status1 == 200)
            #expect(sim.pbx.read { $0.line("203")?.calls.first?.phase } == .connected)
            let status2 = try await status(control, "/_sim/calls/\(id)/end")
            #expect(status2 == 200)
            #expect(sim.pbx.read { $0.line("203")?.calls.isEmpty } == true)
            let status3 = try await status(control, "/_sim/calls/\(id)/end")
            #expect(status3 == 404)
            let status4 = try await status(control, "/_sim/calls", query: [("extension", "999")])
            #expect(status4 == 404)
            let status5 = try await status(control, "/_sim/calls", query: [("extension", "203"), ("direction", "sideways")])
            #expect(status5 == 400)
        }
    }

    @Test func doNotDisturbQueuesAndBridges() async throws {
        try await withSimulator { sim in
            let control = SimClient(sim)
            let status6 = try await status(control, "/_sim/dnd", query: [("extension", "204"), ("on", "true")])
            #expect(status6 == 200)
            #expect(sim.pbx.read { $0.line("204")?.doNotDisturb } == true)
            let status7 = try await status(control, "/_sim/dnd", query: [("extension", "204"), ("on", "false")])
            #expect(status7 == 200)
            #expect(sim.pbx.read { $0.line("204")?.doNotDisturb } == false)

            let queue = sim.account.queues[0].number
            let status8 = try await status(control, "/_sim/queues/\(queue)", query: [("waiting", "4"), ("longest", "161")])
            #expect(status8 == 200)
            #expect(sim.pbx.read { $0.figures(ofQueue: 0) }.callersWaiting == 4)
            let status9 = try await status(control, "/_sim/queues/\(queue)", query: [("clear", "true")])
            #expect(status9 == 200)
            #expect(sim.pbx.read { $0.figures(ofQueue: 0) }.callersWaiting == 0)

            let bridge = sim.account.bridges[0].number
            let status10 = try await status(control, "/_sim/bridges/\(bridge)", query: [("participants", "201,15551234567")])
            #expect(status10 == 200)
            #expect(sim.pbx.read { $0.bridges[0].participants } == ["201", "15551234567"])
            let status11 = try await status(control, "/_sim/bridges/1", query: [])
            #expect(status11 == 404)
        }
    }

    @Test func sessionsExpireAndTheAccountChanges() async throws {
        try await withSimulator { sim in
            let client = SimClient(sim)
            try await client.login()
            let control = SimClient(sim)
            let status12 = try await status(control, "/_sim/sessions/expire")
            #expect(status12 == 200)
            #expect(try await client.get("/presence/rest/directory").status == 403)
            let status13 = try await status(control, "/_sim/account", query: [("international", "blocked"), ("active", "true")])
            #expect(status13 == 200)
            try await client.login()
            #expect(try await client.get("/presence/rest/clicktocall/442079460018").bodyText == "INTERNATIONAL BLOCKED")
        }
    }

    @Test func theRequestLogMasksPasswords() async throws {
        try await withSimulator { sim in
            let client = SimClient(sim)
            _ = try await client.get("/appserver/rest/user/null", query: [("htmlLogin", "receptionist"), ("htmlPassword", "switchboard-demo")])
            let log = try await SimClient(sim).get("/_sim/requests")
            #expect(log.status == 200)
            #expect(!log.bodyText.contains("switchboard-demo"))
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(log.body)) as? [[String: Any]])
            let login = try #require(entries.first { ($0["target"] as? String)?.contains("user/null") == true })
            #expect(login["target"] as? String == "/appserver/rest/user/null?htmlLogin=receptionist&htmlPassword=***")
            #expect(login["status"] as? Int == 200)
        }
    }

    @Test func stateReportsCallsSessionsAndPolls() async throws {
        try await withSimulator { sim in
            sim.ring("201", from: "15550000000")
            let state = try json(try await SimClient(sim).get("/_sim/state"))
            #expect(state["calls"] as? Int == 1)
            #expect(state["pendingPolls"] as? Int == 0)
        }
    }
}
