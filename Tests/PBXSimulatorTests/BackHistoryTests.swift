import Foundation
import PBXSimulator
import Testing
import TestSupport

/// The made-up history a fresh simulator starts with.
@Suite struct BackHistoryTests {
    static let account = Account.generate(extensionCount: 20, seed: 7)
    /// Tuesday 2026-12-01 15:00 UTC.
    static let now: Int64 = 1_796_137_200_000
    static let utc = TimeZone(identifier: "UTC")!

    static func history(days: Int = 14, seed: UInt64 = 7, limit: Int = 20_000) -> [HistoryRecord] {
        BackHistory.generate(account: account, days: days, endingAtMs: now, seed: seed, timeZone: utc, limit: limit)
    }

    @Test func theSameSeedGivesTheSameHistoryAndAnotherSeedAnother() {
        #expect(Self.history() == Self.history())
        #expect(Self.history(seed: 8) != Self.history())
        #expect(Self.history(days: 0).isEmpty)
    }

    @Test func itIsShapedLikeABusinessWeek() throws {
        let records = Self.history()
        #expect(records.count > 1_000)
        let inTheWindow = records.allSatisfy { $0.endedAtMs < Self.now && $0.startedAtMs >= Self.now - 14 * 86_400_000 }
        #expect(inTheWindow)
        #expect(zip(records, records.dropFirst()).allSatisfy { $0.startedAtMs <= $1.startedAtMs }, "oldest first")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.utc
        let dates = records.map { Date(timeIntervalSince1970: Double($0.startedAtMs) / 1000) }
        let weekend = dates.count { calendar.isDateInWeekend($0) }
        let officeHours = dates.count { !calendar.isDateInWeekend($0) && (9..<17).contains(calendar.component(.hour, from: $0)) }
        let nights = dates.count { (0..<6).contains(calendar.component(.hour, from: $0)) }
        #expect(Double(officeHours) / Double(records.count) > 0.6, "most calls between 9 and 17 on weekdays")
        #expect(Double(weekend) / Double(records.count) < 0.05)
        #expect(Double(nights) / Double(records.count) < 0.03)
    }

    @Test func itHasEveryResultCallerIdsTagsAndRecordingsOnAnsweredCalls() {
        let records = Self.history()
        for result in HistoryRecord.Result.allCases { #expect(records.contains { $0.result == result }, "\(result)") }
        #expect(records.contains { !$0.callerId.isEmpty })
        #expect(records.contains { !$0.customTag.isEmpty })
        let anyRecorded = records.contains { $0.isRecorded }
        #expect(anyRecorded)
        let recordedAreAnswered = records.filter(\.isRecorded).allSatisfy { $0.result == .answered }
        #expect(recordedAreAnswered)
        #expect(records.contains { $0.isInbound } && records.contains { !$0.isInbound })
        let twentyTwoDigits = records.allSatisfy { $0.callId.count == 22 }
        #expect(twentyTwoDigits)
        #expect(Set(records.map(\.callId)).count == records.count)
    }

    @Test func aLargeAccountGetsFewerDaysNotMoreThanTheLimit() {
        let big = Account.generate(extensionCount: 2_000, seed: 7)
        let records = BackHistory.generate(account: big, days: 14, endingAtMs: Self.now, seed: 7, timeZone: Self.utc, limit: 5_000)
        #expect(records.count == 5_000)
        #expect(records.last.map { Self.now - $0.startedAtMs < 2 * 86_400_000 } == true, "the newest calls are kept")
    }

    /// A fresh simulator's history answers with those calls, and their
    /// recordings download.
    @Test func aFreshSimulatorsHistoryAndRecordingsAreThere() async throws {
        try await withSimulator({ $0.historyDays = 14 }) { sim in
            let client = SimClient(sim)
            try await client.login()
            let number = sim.account.extensions.first(where: \.isPerson)!.number
            let history = try await client.get("/presence/rest/callhistory/\(number)")
            #expect(history.status == 200)
            let text = history.bodyText
            #expect(text.components(separatedBy: "\"callId\"").count > 50 || text.components(separatedBy: "presenceCallId").count > 50
                    || text.count > 10_000, "a page of calls")
            let recorded = try #require(text.range(of: #"recordingplayer/[0-9]{22}"#, options: .regularExpression))
            let id = String(text[recorded].dropFirst("recordingplayer/".count))
            let recording = try await client.get("/presence/rest/callrecording/\(id)")
            #expect(recording.status == 200)
            #expect(recording.header("Content-Type") == "audio/mpeg")
        }
    }
}
