import Foundation
import PBXSimulator
import PresenceEngine
import Testing
import TestSupport

/// Call history: every filter, the cap, the order, the formats, the shapes.
@Suite struct CallHistoryTests {
    static let ext = "201"
    /// 2026-03-05 14:00:00 in the account's time zone (the machine's).
    static let base: Int64 = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let date = calendar.date(from: DateComponents(year: 2026, month: 3, day: 5, hour: 14))!
        return Int64(date.timeIntervalSince1970 * 1000)
    }()

    /// Five calls an hour apart, the newest last, each with its own traits.
    static let records: [HistoryRecord] = [
        HistoryRecord(callId: "9001", startedAtMs: base, endedAtMs: base + 60_000, from: "17701234567", to: "15553000201",
                      isInbound: true, extensionNumber: ext, customTag: "sales", callerId: "John Doe", durationSeconds: 60,
                      result: .answered, isRecorded: true),
        HistoryRecord(callId: "9002", startedAtMs: base + 3_600_000, endedAtMs: base + 3_600_000, from: "19902223333",
                      to: "15553000201", isInbound: true, extensionNumber: ext, customTag: "", callerId: "",
                      durationSeconds: 0, result: .unanswered),
        HistoryRecord(callId: "9003", startedAtMs: base + 7_200_000, endedAtMs: base + 7_200_000, from: "19902223333",
                      to: "15553000201", isInbound: true, extensionNumber: ext, customTag: "Support", callerId: "Acme Supplies",
                      durationSeconds: 0, result: .voicemail),
        HistoryRecord(callId: "9004", startedAtMs: base + 10_800_000, endedAtMs: base + 10_800_000 + 325_000, from: "15553000201",
                      to: "14155550100", isInbound: false, extensionNumber: ext, customTag: "SALES", callerId: "john smith",
                      durationSeconds: 325, result: .answered, isRecorded: false),
        HistoryRecord(callId: "9005", startedAtMs: base + 14_400_000, endedAtMs: base + 14_400_000 + 10_000, from: "15553000201",
                      to: "442079460018", isInbound: false, extensionNumber: ext, durationSeconds: 10, result: .answered,
                      isRecorded: true),
        // Another extension's call never shows in 201's history.
        HistoryRecord(callId: "9006", startedAtMs: base, endedAtMs: base + 1000, from: "1", to: "2", isInbound: true,
                      extensionNumber: "202", durationSeconds: 1, result: .answered),
    ]

    func history(_ query: [(String, String)] = [], configure: (inout SimulatorConfiguration) -> Void = { _ in },
                 as user: String = Account.demoLogin, password: String = Account.demoPassword) async throws -> (Int, [[String: Any]], String) {
        let (status, body) = try await withSimulator(configure) { sim in
            sim.control.recordHistory(Self.records)
            let client = SimClient(sim)
            try await client.login(user, password)
            let response = try await client.get("/presence/rest/callhistory/\(Self.ext)", query: query)
            return (response.status, response.bodyText)
        }
        guard status == 200 else { return (status, [], body) }
        // The guide's sloppy form, made strict so JSONSerialization reads it.
        let text = body.replacingOccurrences(of: "callHistoryList :", with: "\"callHistoryList\":")
            .replacingOccurrences(of: ",]", with: "]").replacingOccurrences(of: ",\n}", with: "\n}")
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let list = (json as? [String: Any])?["callHistoryList"] as? [[String: Any]] ?? json as? [[String: Any]] ?? []
        return (status, list, body)
    }

    func durations(_ list: [[String: Any]]) -> [Int] { list.compactMap { $0["duration"] as? Int } }

    @Test func everythingNewestFirstWithTheDocumentedFields() async throws {
        let (status, list, _) = try await history()
        #expect(status == 200)
        #expect(durations(list) == [10, 325, 0, 0, 60])
        let first = try #require(list.last)
        #expect(first["timestamp"] as? String == "03/05/2026 02:00:00 PM")
        #expect(first["from"] as? String == "17701234567")
        #expect(first["to"] as? String == "15553000201")
        #expect(first["direction"] as? String == "Inbound")
        #expect(first["extension"] as? String == "201")
        #expect(first["customTag"] as? String == "sales")
        #expect(first["callerId"] as? String == "John Doe")
        #expect(first["result"] as? String == "Answered")
        #expect((first["recordingUrl"] as? String)?.hasSuffix("/9001") == true)
        #expect(list[1]["direction"] as? String == "Outbound")
        #expect(list[1]["recordingUrl"] as? String == "")
    }

    @Test func theGuideShapeUsesTheDocumentedUnpaddedDate() async throws {
        let (_, list, _) = try await history(configure: { $0.shape = .guide })
        #expect(list.last?["timestamp"] as? String == "3/5/2026 02:00:00 PM")
    }

    @Test func startAndEndBoundTheStartTime() async throws {
        let (_, list, _) = try await history([("start", "2026-03-05T15:00:00"), ("end", "2026-03-05T17:30:00")])
        #expect(durations(list) == [325, 0, 0])
        let (_, later, _) = try await history([("start", "2026-03-05T15:00:01")])
        #expect(durations(later) == [10, 325, 0])
    }

    @Test func fromAndToMatchAnyPartOfTheNumber() async throws {
        #expect(durations(try await history([("from", "222333")]).1) == [0, 0])
        #expect(durations(try await history([("to", "1-415")]).1) == [325])
    }

    @Test(arguments: [("answered", [10, 325, 60]), ("unanswered", [0]), ("voicemail,unanswered", [0, 0]), ("Voicemail", [0])])
    func resultTakesACommaList(value: String, expected: [Int]) async throws {
        #expect(durations(try await history([("result", value)]).1) == expected)
    }

    @Test func callerIdIsACaseInsensitiveSubstring() async throws {
        #expect(durations(try await history([("callerid", "JOHN")]).1) == [325, 60])
    }

    @Test func customTagIsACaseInsensitiveExactMatch() async throws {
        #expect(durations(try await history([("customtag", "sales")]).1) == [325, 60])
        #expect(durations(try await history([("customtag", "sal")]).1) == [])
    }

    @Test func durationBoundsAreExclusive() async throws {
        #expect(durations(try await history([("minduration", "10")]).1) == [325, 60])
        #expect(durations(try await history([("maxduration", "60")]).1) == [10, 0, 0])
        #expect(durations(try await history([("minduration", "0"), ("maxduration", "325")]).1) == [10, 60])
    }

    @Test func isRecordedFiltersBothWays() async throws {
        #expect(durations(try await history([("isrecorded", "true")]).1) == [10, 60])
        #expect(durations(try await history([("isrecorded", "false")]).1) == [325, 0, 0])
    }

    @Test(arguments: [("start", "yesterday"), ("end", "2026-13-01T00:00:00"), ("result", "missed"), ("minduration", "-1"),
                      ("isrecorded", "maybe")])
    func badFilterValuesAreRefusedNamingTheParameter(name: String, value: String) async throws {
        let (status, _, text) = try await history([(name, value)])
        #expect(status == 400)
        #expect(text == "BAD PARAMETER \(name)")
    }

    @Test func atMost100RecordsNewestFirst() async throws {
        try await withSimulator({ $0.historyShape = .wrapped }) { sim in
            let many = (0..<150).map { index in
                HistoryRecord(callId: String(100 + index), startedAtMs: Self.base + Int64(index) * 1000, endedAtMs: Self.base + Int64(index) * 1000,
                              from: "1", to: "2", isInbound: true, extensionNumber: Self.ext, durationSeconds: index, result: .answered)
            }
            sim.control.recordHistory(many.shuffled())
            let client = SimClient(sim)
            try await client.login()
            let object = try await client.object("/presence/rest/callhistory/\(Self.ext)")
            let list = try #require(object["callHistoryList"] as? [[String: Any]])
            #expect(durations(list) == Array((50..<150).reversed()))
        }
    }

    @Test func theLiveShapeSendsABareListTheGuideAWrappedOne() async throws {
        let (_, list, text) = try await history()
        #expect(text.hasPrefix("[{\"timestamp\":\"03/05/2026 06:00:00 PM\""))
        #expect(list.count == 5)
        let (_, wrapped, guideText) = try await history(configure: { $0.shape = .guide })
        #expect(guideText.hasPrefix("{\"callHistoryList\":[{\"timestamp\":\"3/5/2026 06:00:00 PM\""))
        #expect(wrapped.count == 5)
        let (_, bare, mixedText) = try await history(configure: { $0.shape = .guide; $0.historyShape = .bare })
        #expect(mixedText.hasPrefix("["))
        #expect(bare.count == 5)
    }

    /// Public clients send `start`/`end` with `Z`, an offset, or a space for
    /// the `T`: converted (not ignored); `end` takes in its whole second.
    @Test(arguments: [
        ("2026-03-05T15:00:00", "2026-03-05T17:30:00"),
        ("2026-03-05 15:00:00", "2026-03-05 17:30:00"),
        ("2026-03-05T15:00:00.000", "2026-03-05T17:30:00.999"),
    ])
    func startAndEndInTheFormsClientsSend(start: String, end: String) async throws {
        let (status, list, _) = try await history([("start", start), ("end", end)])
        #expect(status == 200)
        #expect(durations(list) == [325, 0, 0])
    }

    @Test func anOffsetIsConvertedToTheAccountsTime() async throws {
        let offset = TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: Double(Self.base) / 1000))
        func stamp(_ hour: Int, _ shift: Int) -> String {
            // The account's 15:00 written in another zone, `shift` hours east of the account's.
            let total = offset / 3600 + shift
            let sign = total < 0 ? "-" : "+"
            return String(format: "2026-03-05T%02d:00:00%@%02d:00", hour + shift, sign, abs(total))
        }
        for shift in [-3, 0, 2] {
            let (status, list, _) = try await history([("start", stamp(15, shift)), ("end", stamp(17, shift))])
            #expect(status == 200, "shift \(shift)")
            #expect(durations(list) == [325, 0, 0], "shift \(shift)")
        }
        if offset == 0 {
            let (_, utc, _) = try await history([("start", "2026-03-05T15:00:00Z")])
            #expect(durations(utc) == [10, 325, 0, 0])
        }
    }

    @Test func aCallExactlyAtEndIsIncluded() async throws {
        let (_, list, _) = try await history([("end", "2026-03-05T14:00:00")])
        #expect(durations(list) == [60])
        let (_, before, _) = try await history([("end", "2026-03-05T13:59:59")])
        #expect(before.isEmpty)
    }

    @Test func theGuidesSloppyFormHasAnUnquotedKeyAndTrailingCommas() async throws {
        let (_, list, text) = try await history(configure: { $0.historyShape = .guide })
        #expect(text.hasPrefix("{\n  callHistoryList : ["))
        #expect(text.hasSuffix(",],\n}"))
        #expect(list.count == 5)
    }

    @Test func aStaffUserMayReadOnlyTheirOwnHistory() async throws {
        let own = try await history(as: "user201-never", password: "x")
        #expect(own.0 == 403)  // not logged in at all
        try await withSimulator { sim in
            let staff = sim.account.extensions[1]
            let client = SimClient(sim)
            try await client.login(staff.loginName, Account.staffPassword)
            #expect(try await client.get("/presence/rest/callhistory/\(staff.number)").status == 200)
            let other = try await client.get("/presence/rest/callhistory/\(sim.account.extensions[0].number)")
            #expect(other.status == 403)
            #expect(other.bodyText == "USER NOT PERMITTED")
        }
    }

    @Test func everyEndedCallLandsInTheHistory() async throws {
        try await withSimulator({ $0.historyShape = .wrapped }) { sim in
            let number = sim.account.extensions[0].number
            let id = try #require(sim.control.startCall(CallRequest(extension: number, otherNumber: "15557852675", otherName: "Jane Doe")))
            #expect(sim.control.answerCall(id))
            #expect(sim.control.endCall(id))
            let missed = try #require(sim.control.startCall(CallRequest(extension: number, otherNumber: "15550000000")))
            #expect(sim.control.endCall(missed, voicemail: true))
            let client = SimClient(sim)
            try await client.login()
            let list = try #require(try await client.object("/presence/rest/callhistory/\(number)")["callHistoryList"] as? [[String: Any]])
            #expect(Set(list.compactMap { $0["result"] as? String }) == ["Answered", "Voicemail"])
            #expect(list.contains { $0["callerId"] as? String == "Jane Doe" && $0["from"] as? String == "15557852675" })
        }
    }
}
