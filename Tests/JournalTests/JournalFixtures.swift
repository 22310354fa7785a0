import Foundation
import Journal
import PresenceEngine

/// Times and calls for the journal's tests: a fixed day in New York.
enum Fixture {
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let day = LocalDay(timeZone: newYork)
    /// 2026-12-01 00:00 in New York.
    static let midnight = day.day(named: "2026-12-01")!

    static func at(_ hours: Double) -> Date { midnight.addingTimeInterval(hours * 3600) }

    static func call(_ ext: String, _ direction: JournalCall.Direction, _ number: String, at hours: Double,
                     outcome: JournalCall.Outcome, id: String? = nil, viaQueue: Bool = false, tag: String = "",
                     talk: Double = 60) -> JournalCall {
        let rang = at(hours)
        let answered = outcome == .answered ? rang.addingTimeInterval(5) : nil
        return JournalCall(callId: id, extensionNumber: ext, direction: direction, number: number, viaQueue: viaQueue,
                           rang: rang, answered: answered, ended: (answered ?? rang).addingTimeInterval(outcome == .answered ? talk : 20),
                           tag: tag, outcome: outcome, source: .live)
    }

    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "switchboard-journal-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
