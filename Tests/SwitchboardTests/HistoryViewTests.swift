import Foundation
import PresenceEngine
import Testing
@testable import Switchboard

@Suite struct HistoryViewTests {
    static func record(_ minutesAgo: Int, duration: Int, result: String = "Answered", recording: String = "") -> CallRecord {
        CallRecord(time: BoardFixture.wallClock.addingTimeInterval(Double(-minutesAgo * 60)), from: "15557852675", to: "15553000204",
                   isInbound: true, extensionNumber: "204", customTag: "sales", callerId: "Jane Doe", durationSeconds: duration,
                   result: result, recordingURL: recording)
    }

    @Test func hOpensTheSelectedExtensionsHistoryAndAsksForIt() {
        var app = BoardFixture.app(width: 120, height: 40)
        let effects = app.reduce(.key(.character("h")))
        #expect(effects == [.loadHistory(extension: "204", query: HistoryQuery(), before: nil)])
        _ = app.reduce(.historyLoaded(extension: "204", records: [Self.record(5, duration: 61, recording: "https://x/recordingplayer/777"),
                                                                   Self.record(30, duration: 0, result: "Voicemail")], older: false))
        let buffer = BoardFixture.render(app, width: 120, height: 40)
        #expect(buffer.text.contains("History 204 Ana Lima · 2 calls"))
        #expect(buffer.text.contains("Jane Doe"))
        #expect(buffer.text.contains("Voicemail"))
        #expect(buffer.text.contains("recording 777 (r saves it)"))
        let when = ClockText.historyTime(Self.record(5, duration: 61).time)
        #expect(app.reduce(.key(.character("r"))) == [.saveRecording(id: "777", label: "204 Ana Lima \(when)")])
        _ = app.reduce(.key(.down))
        _ = app.reduce(.key(.character("r")))
        #expect(app.notice?.text == "that call has no recording")
        _ = app.reduce(.key(.escape))
        #expect(app.mode == .board)
    }

    /// 350 calls, pages of 100 with an inclusive `end` (the boundary call
    /// comes back on the next page): `n` pages through every one, then says
    /// there are no more.
    @Test func nPagesThroughEveryCallOfAnExtensionWith350() throws {
        let calls = (0..<350).map { Self.record($0 * 3, duration: $0) }  // newest first
        func page(before end: Date?) -> [CallRecord] {
            Array(calls.filter { end == nil || $0.time! <= end! }.prefix(100))
        }
        var app = BoardFixture.app(width: 120, height: 40)
        var effects = app.reduce(.key(.character("h")))
        var pages = 0
        while case .loadHistory(let number, _, let before)? = effects.first {
            pages += 1
            _ = app.reduce(.historyLoaded(extension: number, records: page(before: before), older: before != nil))
            effects = app.reduce(.key(.character("n")))
            #expect(pages < 10, "paging does not end")
            if pages >= 10 { break }
        }
        guard case .history(let view) = app.mode else { throw Failure("not in the history") }
        #expect(view.records.count == 350)
        #expect(Set(view.records).count == 350)
        #expect(pages == 4)
        #expect(app.notice?.text == "no older calls")
    }

    struct Failure: Error { var text: String; init(_ text: String) { self.text = text } }

    @Test func theFilterLineCoversEveryAPIFilter() throws {
        let query = try HistoryFilterText.parse("start=2026-03-05 end=2026-03-06T12:00:00 from=555 to=1415 result=answered,voicemail "
                                                + "callerid=jo customtag=sales min=30 max=600 recorded=true", timeZone: TimeZone(identifier: "UTC")!).get()
        #expect(query.start == Date(timeIntervalSince1970: 1_772_668_800))
        #expect(query.end == Date(timeIntervalSince1970: 1_772_798_400))
        #expect(query.from == "555" && query.to == "1415")
        #expect(query.results == [.answered, .voicemail])
        #expect(query.callerId == "jo" && query.customTag == "sales")
        #expect(query.minDurationSeconds == 30 && query.maxDurationSeconds == 600)
        #expect(query.isRecorded == true)
    }

    @Test(arguments: ["result=missed", "min=-3", "when=today", "start=yesterday", "callerid"])
    func badFiltersAreRefusedWithAReason(text: String) {
        guard case .failure(let problem) = HistoryFilterText.parse(text) else { Issue.record("accepted \(text)"); return }
        #expect(!problem.text.isEmpty)
    }

    @Test func filteringAsksAgainAndOlderPagesAppend() {
        var app = BoardFixture.app(width: 120, height: 40)
        _ = app.reduce(.key(.character("h")))
        let page = (0..<100).map { Self.record($0, duration: $0) }
        _ = app.reduce(.historyLoaded(extension: "204", records: page, older: false))
        let oldest = page.compactMap(\.time).min()!
        #expect(app.reduce(.key(.character("n"))) == [.loadHistory(extension: "204", query: HistoryQuery(), before: oldest)])
        _ = app.reduce(.historyLoaded(extension: "204", records: [page[99], Self.record(200, duration: 7)], older: true))
        guard case .history(let view) = app.mode else { Issue.record("left the history"); return }
        #expect(view.records.count == 101)
        _ = app.reduce(.key(.character("f")))
        for character in "result=voicemail" { _ = app.reduce(.key(.character(character))) }
        var expected = HistoryQuery()
        expected.results = [.voicemail]
        #expect(app.reduce(.key(.enter)) == [.loadHistory(extension: "204", query: expected, before: nil)])
    }

    @Test func rOnTheBoardSavesTheLiveOrLastRecording() {
        var app = BoardFixture.app(width: 120, height: 40)
        // 204's live call is recorded, but the fixture gives it no id: nothing seen yet.
        _ = app.reduce(.key(.character("r")))
        #expect(app.notice?.isError == true)
        var snapshot = BoardFixture.snapshot
        snapshot.extensions["204"]?.calls = [CallItem(phase: .connected, isRecorded: true, presenceCallId: "4242")]
        _ = app.reduce(.snapshot(snapshot))
        #expect(app.reduce(.key(.character("r"))) == [.saveRecording(id: "4242", label: "204 Ana Lima")])
        // After the call ends, the last one seen is still saved.
        snapshot.extensions["204"]?.calls = []
        _ = app.reduce(.snapshot(snapshot))
        #expect(app.reduce(.key(.character("r"))) == [.saveRecording(id: "4242", label: "204 Ana Lima")])
    }
}
