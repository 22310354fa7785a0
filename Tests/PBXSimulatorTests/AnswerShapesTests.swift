import Foundation
import PBXSimulator
import PresenceEngine
import Testing
import TestSupport

/// The simulator's three answer shapes (`--shape`): live by default, the
/// guide's documented form, and the mixed variants.
@Suite struct AnswerShapesTests {
    /// The first dashui answer, raw and parsed, after `prepare` set the PBX up.
    func firstAnswer(_ shape: AnswerShape, prepare: @Sendable (PBXSimulator) -> Void = { _ in }) async throws -> (String, [String: Any]) {
        let body = try await withSimulator({ $0.shape = shape }) { sim in
            prepare(sim)
            let client = SimClient(sim)
            try await client.login()
            return try await client.get("/presence/dashui", query: [("firstRequest", "true")]).body
        }
        return (String(decoding: body, as: UTF8.self), try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]))
    }

    func entry(_ answer: [String: Any], _ number: String) -> [String: Any]? {
        (answer["extensions"] as? [[String: Any]])?.first { $0["extension"] as? String == number }
    }

    /// One call on 201 (named caller, the receptionist's own line), two on 202, 203 idle.
    static let prepare: @Sendable (PBXSimulator) -> Void = { sim in
        _ = sim.control.startCall(CallRequest(extension: "201", otherNumber: "15557852675", otherName: "Jane Doe", connected: true, recorded: true))
        sim.ring("202", from: "15550000001")
        sim.ring("202", from: "15550000002")
    }

    @Test func liveIsTheDefault() {
        #expect(SimulatorConfiguration().shape == .live)
    }

    @Test func liveHasTheEnvelopeAndNumbersAsNumbers() async throws {
        let (_, answer) = try await firstAnswer(.live, prepare: Self.prepare)
        #expect(answer["name"] as? String == "message")
        #expect(answer["type"] as? String == "event")
        #expect(answer["servicedBy"] is String)
        #expect(answer["numAvailableExts"] as? Int == 1)
        #expect(answer["numUnavailableExts"] as? Int == 0)
        #expect(entry(answer, "201")?["duration"] as? Int ?? 0 > 0)
        #expect(entry(answer, "203")?["duration"] as? Int == -1)
    }

    @Test func liveIdleExtensionsCarryAnIdleStatusItem() async throws {
        let (_, answer) = try await firstAnswer(.live)
        let lines = answer["extensions"] as? [[String: Any]] ?? []
        #expect(lines.count == 20)
        for line in lines {
            #expect(line["status"] as? String == "" && line["duration"] as? Int == -1 && line["onCallWith"] as? String == "")
            #expect(line["available"] == nil, "available sits inside statusItems")
            let items = try #require(line["statusItems"] as? [String: Any])
            #expect(items["callStatus"] as? String == "Idle")
            #expect(items["StartTime"] as? String == "")
            #expect(items["available"] as? String == "true")
            #expect((items["lastCallTime"] as? String)?.allSatisfy(\.isNumber) == true)
            for field in ["callername", "uid", "accountId", "userId", "loginName", "contactE", "contactD", "contactF", "contactH", "contactM"] {
                #expect(items[field] is String, "\(field)")
            }
            #expect(items["BLF_Monitored_Extensions"] as? String == "{}")
        }
    }

    @Test func liveStatusItemsIsAnObjectForOneCallAndAListForSeveral() async throws {
        let (_, answer) = try await firstAnswer(.live, prepare: Self.prepare)
        let one = try #require(entry(answer, "201")?["statusItems"] as? [String: Any])
        #expect(one["callStatus"] as? String == "Connected")
        #expect(one["onCallWithName"] as? String == "Jane Doe")
        #expect(one["isRecorded"] as? String == "true")
        #expect(Int64(one["StartTime"] as? String ?? "") ?? 0 > 100_000_000_000)  // milliseconds
        let two = try #require(entry(answer, "202")?["statusItems"] as? [[String: Any]])
        #expect(two.map { $0["callStatus"] as? String } == ["Ringing", "Ringing"])
        #expect(two.allSatisfy { $0["onCallWithName"] as? String == "null" })
    }

    @Test func guideServesTheDocumentedForm() async throws {
        let (_, answer) = try await firstAnswer(.guide, prepare: Self.prepare)
        #expect(answer["name"] == nil)
        #expect(answer["type"] == nil)
        #expect(answer["numAvailableExts"] is Int)
        let first = try #require(entry(answer, "201"))
        #expect(first["duration"] is Int)
        let items = try #require(first["statusItems"] as? [[String: Any]])
        #expect(items.first?["callStatus"] as? String == "connected")
        let startTime = try #require(items.first?["StartTime"] as? Int64)
        #expect(startTime < 100_000_000_000)  // seconds
        #expect((entry(answer, "203")?["statusItems"] as? [Any])?.isEmpty == true)
        #expect(((entry(answer, "202")?["statusItems"] as? [[String: Any]]) ?? []).allSatisfy { $0["onCallWithName"] as? String == "" })
    }

    @Test func mixedSendsStringsForNumbersLongIdsAndEveryIdleShape() async throws {
        let (text, answer) = try await firstAnswer(.mixed, prepare: Self.prepare)
        #expect(answer["numAvailableExts"] is String)
        #expect(entry(answer, "201")?["duration"] is String)
        // The call id as a JSON number of 22 digits.
        #expect(text.range(of: #""presenceCallId":[0-9]{22}[,}]"#, options: .regularExpression) != nil)
        let idle = (answer["extensions"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "" }
        #expect(idle.allSatisfy { $0["duration"] as? String == "-1" && ($0["available"] as? String) == "true" })
        #expect(idle.contains { $0["statusItems"] == nil })
        #expect(idle.contains { ($0["statusItems"] as? [String: Any])?.isEmpty == true })
        #expect(idle.contains { ($0["statusItems"] as? [String: Any])?["callStatus"] as? String == "Idle" })
    }

    /// The guide: over the user's own extensions, and only Do Not Disturb
    /// makes one unavailable (a busy one stays available).
    @Test func availabilityCountsTheUsersOwnExtensionsAndOnlyDoNotDisturb() async throws {
        let (_, busy) = try await firstAnswer(.live, prepare: Self.prepare)
        #expect(busy["availability"] as? String == "AVAILABLE")
        #expect(busy["numAvailableExts"] as? Int == 1)
        let (_, away) = try await firstAnswer(.live) { sim in
            _ = sim.control.setDoNotDisturb("201", true)
            _ = sim.control.setDoNotDisturb("203", true)
        }
        #expect(away["availability"] as? String == "UNAVAILABLE")
        #expect(away["numAvailableExts"] as? Int == 0)
        #expect(away["numUnavailableExts"] as? Int == 1)
        #expect(entry(away, "203")?["statusItems"].flatMap { ($0 as? [String: Any])?["available"] as? String } == "false")
    }

    @Test func theEngineDecodesEveryShape() async throws {
        for shape in AnswerShape.allCases {
            let bytes = try await withSimulator({ $0.shape = shape }) { sim in
                Self.prepare(sim)
                let client = SimClient(sim)
                try await client.login()
                return try await client.get("/presence/dashui", query: [("firstRequest", "true")]).body
            }
            let answer = try DashuiDecoder.decode(bytes, receivedAt: .zero)
            let first = try #require(answer.extensions.first { $0.number == "201" }, "\(shape)")
            #expect(first.primaryCall?.phase == .connected, "\(shape)")
            #expect(first.primaryCall?.otherPartyName == "Jane Doe", "\(shape)")
            #expect(first.primaryCall?.isRecorded == true, "\(shape)")
            #expect(first.primaryCall?.presenceCallId?.count == 22, "\(shape)")
            #expect(answer.extensions.first { $0.number == "202" }?.calls.count == 2, "\(shape)")
            #expect(answer.extensions.first { $0.number == "203" }?.isBusy == false, "\(shape)")
            #expect(answer.extensions.allSatisfy { $0.number == "201" || $0.number == "202" || !$0.doNotDisturb }, "\(shape)")
        }
    }
}
