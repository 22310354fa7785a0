import Foundation
import PBXSimulator
import PresenceEngine
import Testing
import TestSupport

/// The real service's quirks, on by default, and the clean `--strict` form.
@Suite struct QuirksTests {
    /// The first dashui answer as parsed JSON, after `prepare` set the PBX up.
    func firstAnswer(strict: Bool, prepare: @Sendable (PBXSimulator) -> Void = { _ in }) async throws -> [String: Any] {
        let body = try await withSimulator({ $0.strict = strict }) { sim in
            prepare(sim)
            let client = SimClient(sim)
            try await client.login()
            return try await client.get("/presence/dashui", query: [("firstRequest", "true")]).body
        }
        return try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
    }

    func entry(_ answer: [String: Any], _ number: String) -> [String: Any]? {
        (answer["extensions"] as? [[String: Any]])?.first { $0["extension"] as? String == number }
    }

    /// One call on 201 (named caller), two on 202, 203 idle.
    static let prepare: @Sendable (PBXSimulator) -> Void = { sim in
        _ = sim.control.startCall(CallRequest(extension: "201", otherNumber: "15557852675", otherName: "Jane Doe", connected: true, recorded: true))
        sim.ring("202", from: "15550000001")
        sim.ring("202", from: "15550000002")
    }

    @Test func envelopeFieldsAndCountsAsStrings() async throws {
        let answer = try await firstAnswer(strict: false, prepare: Self.prepare)
        #expect(answer["name"] as? String == "message")
        #expect(answer["type"] as? String == "event")
        #expect(answer["servicedBy"] != nil)
        #expect(answer["availability"] as? String == "MIXED")
        #expect(answer["numAvailableExts"] is String)
        #expect(entry(answer, "201")?["duration"] is String)
    }

    @Test func everyDocumentedFieldIsThere() async throws {
        let answer = try await firstAnswer(strict: false, prepare: Self.prepare)
        for field in ["availability", "numAvailableExts", "numUnavailableExts", "extensions"] { #expect(answer[field] != nil, "\(field)") }
        let first = try #require(entry(answer, "201"))
        for field in ["name", "status", "extension", "duration", "phoneNumbers", "onCallWith", "statusItems"] {
            #expect(first[field] != nil, "\(field)")
        }
        #expect((first["phoneNumbers"] as? [String])?.first?.hasPrefix("1") == true)
        #expect(first["status"] as? String == "inbound")
        let items = try #require(first["statusItems"] as? [String: Any])
        for field in ["callername", "isRecorded", "onCallWithName", "callStatus", "StartTime", "startedWithClickToCall",
                      "presenceCallId", "customTag", "loginName", "uid", "userId", "accountId"] {
            #expect(items[field] != nil, "\(field)")
        }
    }

    @Test func statusItemsIsAnObjectForOneCallAndAnArrayForSeveral() async throws {
        let answer = try await firstAnswer(strict: false, prepare: Self.prepare)
        let one = try #require(entry(answer, "201")?["statusItems"] as? [String: Any])
        #expect(one["callStatus"] as? String == "Connected")
        #expect(one["onCallWithName"] as? String == "Jane Doe")
        #expect(one["isRecorded"] as? String == "true")
        let startTime = try #require(one["StartTime"] as? Int64)
        #expect(startTime > 100_000_000_000)  // milliseconds
        let two = try #require(entry(answer, "202")?["statusItems"] as? [[String: Any]])
        #expect(two.map { $0["callStatus"] as? String } == ["Ringing", "Ringing"])
        #expect(two.allSatisfy { $0["onCallWithName"] as? String == "null" })
    }

    @Test func idleExtensionsComeInEveryShape() async throws {
        let answer = try await firstAnswer(strict: false)
        let idle = (answer["extensions"] as? [[String: Any]] ?? [])
        #expect(idle.allSatisfy { $0["status"] as? String == "" && $0["duration"] as? String == "-1" && $0["onCallWith"] as? String == "" })
        #expect(idle.contains { $0["statusItems"] == nil })
        #expect(idle.contains { ($0["statusItems"] as? [String: Any])?.isEmpty == true })
        #expect(idle.contains { ($0["statusItems"] as? [String: Any])?["callStatus"] as? String == "Idle" })
        #expect(idle.allSatisfy { ($0["available"] as? String) == "true" })
    }

    @Test func doNotDisturbShowsAsUnavailable() async throws {
        let answer = try await firstAnswer(strict: false) { sim in _ = sim.control.setDoNotDisturb("203", true) }
        #expect(entry(answer, "203")?["available"] as? String == "false")
        #expect(entry(answer, "204")?["available"] as? String == "true")
    }

    @Test func strictServesTheDocumentedForm() async throws {
        let answer = try await firstAnswer(strict: true, prepare: Self.prepare)
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

    @Test func theEngineDecodesBothForms() async throws {
        for strict in [false, true] {
            let bytes = try await withSimulator({ $0.strict = strict }) { sim in
                Self.prepare(sim)
                let client = SimClient(sim)
                try await client.login()
                return try await client.get("/presence/dashui", query: [("firstRequest", "true")]).body
            }
            let answer = try DashuiDecoder.decode(bytes, receivedAt: .zero)
            let first = try #require(answer.extensions.first { $0.number == "201" })
            #expect(first.primaryCall?.phase == .connected)
            #expect(first.primaryCall?.otherPartyName == "Jane Doe")
            #expect(first.primaryCall?.isRecorded == true)
            #expect(answer.extensions.first { $0.number == "202" }?.calls.count == 2)
            #expect(answer.extensions.first { $0.number == "203" }?.isBusy == false)
        }
    }
}
