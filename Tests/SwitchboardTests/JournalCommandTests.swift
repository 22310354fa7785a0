import Foundation
import PBXSimulator
import Testing
import TestSupport

/// `switchboard missed` and `switchboard report` as a script runs them:
/// filled from the call history, their documented keys, their refusals.
@Suite struct JournalCommandTests {
    @Test func missedAndReportFromTheCallHistory() async throws {
        let home = try CommandLineTests.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try await withSimulator { sim in
            let base = Int64(Date().timeIntervalSince1970 * 1000) - 3_600_000
            sim.control.recordHistory([
                HistoryRecord(callId: "9001", startedAtMs: base, endedAtMs: base, from: "15557771234", to: "15553000201",
                              isInbound: true, extensionNumber: "201", customTag: "VIP", callerId: "Jane Doe", durationSeconds: 0, result: .unanswered),
                HistoryRecord(callId: "9002", startedAtMs: base + 60_000, endedAtMs: base + 60_000, from: "15551112222", to: "15553000202",
                              isInbound: true, extensionNumber: "202", durationSeconds: 0, result: .voicemail),
                // 203 called that one back and got through: off the list.
                HistoryRecord(callId: "9003", startedAtMs: base + 600_000, endedAtMs: base + 660_000, from: "15553000203", to: "15551112222",
                              isInbound: false, extensionNumber: "203", durationSeconds: 60, result: .answered),
            ])
            let account = CommandLineTests.account(sim)
            let json = try await CommandLineTests.run(["missed", "--json"] + account, home: home)
            #expect(json.status == 0, "\(json.stderr)")
            let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            #expect(list.count == 1)
            let caller = try #require(list.first)
            #expect(caller.keys.sorted() == ["calls", "extensions", "first", "last", "name", "number", "queues", "repeatCaller", "voicemail"])
            #expect(caller["number"] as? String == "15557771234")
            #expect(caller["name"] as? String == "Jane Doe")
            #expect(caller["extensions"] as? [String] == ["201"])
            #expect(caller["voicemail"] as? Bool == false)

            // Filled once: offline reads the same, and a second fill adds no duplicate.
            _ = try await CommandLineTests.run(["missed"] + account, home: home)
            let csv = try await CommandLineTests.run(["missed", "--offline", "--csv"], home: home)
            let rows = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(rows.first == "last,number,name,calls,first,extensions,queues,voicemail,repeatCaller")
            #expect(rows.count == 2)
            #expect(rows.last?.contains(",1,") == true)

            let report = try await CommandLineTests.run(["report", "--offline", "--json"], home: home)
            let figures = try CommandLineTests.json(report.stdout)
            #expect(figures.keys.sorted() == ["day", "extensions", "queues", "tags"])
            let extensions = try #require(figures["extensions"] as? [[String: Any]])
            #expect(extensions.first?.keys.sorted() == ["extension", "inbound", "missed", "outbound", "talkSeconds"])
            let tags = try #require(figures["tags"] as? [[String: Any]])
            #expect(tags.first?["tag"] as? String == "VIP")
            #expect(tags.first?.keys.sorted() == ["answered", "calls", "missed", "tag"])
        }
    }

    @Test func refusalsAreUsageErrors() async throws {
        let home = try CommandLineTests.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let day = try await CommandLineTests.run(["report", "--day", "2026-02-30", "--offline"], home: home)
        #expect(day.status == 2)
        #expect(day.stderr.contains("YYYY-MM-DD"))
        let since = try await CommandLineTests.run(["missed", "--since", "yesterday", "--offline"], home: home)
        #expect(since.status == 2)
        let off = try await CommandLineTests.run(["missed", "--no-journal", "--offline"], home: home)
        #expect(off.status == 2)
        #expect(off.stderr.contains("turned off"))
        let both = try await CommandLineTests.run(["missed", "--json", "--csv", "--offline"], home: home)
        #expect(both.status == 2)
    }

    @Test func theJournalFileIsPrivate() async throws {
        let home = try CommandLineTests.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = try await CommandLineTests.run(["missed", "--offline"], home: home)
        #expect(result.status == 0)
        let path = home + "/state/switchboard/journal.sqlite"
        let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
    }
}
