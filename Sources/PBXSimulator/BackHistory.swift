import Foundation

/// The calls of the days before the simulator started (`--history-days`),
/// so a fresh demo's `h` shows weeks of calls and recordings to download:
/// busy 9 to 17 on weekdays, a trickle in the evening, little at night and
/// at weekends; answered, unanswered and voicemail; caller IDs, custom tags
/// and recordings for some answered calls. The same seed gives the same
/// history. Days are made newest first and stop at the history's limit, so
/// a large account gets fewer days rather than a slow start.
public enum BackHistory {
    /// Calls an extension takes on a weekday, on average.
    static let callsPerWeekday = 9.0

    /// The records, oldest first (the order the history is appended in).
    public static func generate(account: Account, days dayCount: Int, endingAtMs nowMs: Int64, seed: UInt64, timeZone: TimeZone,
                                limit: Int) -> [HistoryRecord] {
        guard dayCount > 0, limit > 0 else { return [] }
        var maker = Maker(random: SeededRandom(seed: seed ^ 0xB4C4_4157), people: account.extensions.filter(\.isPerson))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let today = calendar.startOfDay(for: Date(timeIntervalSince1970: Double(nowMs) / 1000))
        var newestFirst: [[HistoryRecord]] = []
        var total = 0
        for back in 0...dayCount {
            guard total < limit, let day = calendar.date(byAdding: .day, value: -back, to: today) else { break }
            let weekend = calendar.isDateInWeekend(day)
            let dayMs = Int64(day.timeIntervalSince1970 * 1000)
            // Today only up to now; the oldest day only from the same time of day.
            let records = maker.day(startingAtMs: dayMs, weekend: weekend).filter { record in
                record.endedAtMs < nowMs && (back < dayCount || record.startedAtMs >= nowMs - Int64(dayCount) * 86_400_000)
            }
            newestFirst.append(records)
            total += records.count
        }
        // Ids grow with time, as the service's do.
        return newestFirst.reversed().joined().suffix(limit).enumerated().map { index, record in
            var record = record
            record.callId = CallIDs.make(100_000_000 + Int64(index))
            return record
        }
    }

    /// Draws one day's calls.
    struct Maker {
        var random: SeededRandom
        let people: [SimExtension]

        /// Relative call rate for each hour of the day.
        static let weekdayHours: [Double] = [0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.2, 0.6, 1.0, 1.0, 0.9,
                                             0.7, 0.9, 1.0, 1.0, 0.9, 0.5, 0.2, 0.1, 0.06, 0.04, 0.03, 0.02]
        static let weekendScale = 0.08

        mutating func day(startingAtMs dayMs: Int64, weekend: Bool) -> [HistoryRecord] {
            let weights = Self.weekdayHours.map { $0 * (weekend ? Self.weekendScale : 1) }
            let perHour = BackHistory.callsPerWeekday / Self.weekdayHours.reduce(0, +)
            var records: [HistoryRecord] = []
            for person in people {
                for (hour, weight) in weights.enumerated() {
                    for _ in 0..<poisson(weight * perHour) {
                        let startMs = dayMs + Int64(hour) * 3_600_000 + Int64.random(in: 0..<3_600_000, using: &random)
                        records.append(call(person, at: startMs))
                    }
                }
            }
            return records.sorted { $0.startedAtMs < $1.startedAtMs }
        }

        private mutating func call(_ person: SimExtension, at startMs: Int64) -> HistoryRecord {
            let inbound = random.chance(0.62)
            let other = outsideNumber()
            let roll = Double.random(in: 0..<1, using: &random)
            let result: HistoryRecord.Result = inbound
                ? (roll < 0.72 ? .answered : roll < 0.86 ? .voicemail : .unanswered)
                : (roll < 0.8 ? .answered : .unanswered)
            let talk = result == .answered ? Int.random(in: 15...900, using: &random) : 0
            let ring = Int64(Int.random(in: 3...25, using: &random)) * 1000
            return HistoryRecord(
                callId: "", startedAtMs: startMs, endedAtMs: startMs + ring + Int64(talk) * 1000,
                from: inbound ? other : person.did, to: inbound ? person.did : other, isInbound: inbound,
                extensionNumber: person.number, customTag: NameBank.customTags.randomElement(using: &random) ?? "",
                callerId: random.chance(0.7) ? NameBank.callerNames.randomElement(using: &random) ?? "" : "",
                durationSeconds: talk, result: result, isRecorded: result == .answered && random.chance(0.3))
        }

        private mutating func outsideNumber() -> String {
            if random.chance(0.1) {
                let country = ["44", "33", "49", "61", "81"].randomElement(using: &random)!
                return country + String(Int.random(in: 200_000_000...999_999_999, using: &random))
            }
            let area = [555, 212, 415, 617, 312, 678].randomElement(using: &random)!
            return "1\(area)" + String(Int.random(in: 2_000_000...9_999_999, using: &random))
        }

        private mutating func poisson(_ rate: Double) -> Int {
            let limit = exp(-rate)
            var product = Double.random(in: 0..<1, using: &random)
            var count = 0
            while product > limit && count < 100 {
                count += 1
                product *= Double.random(in: 0..<1, using: &random)
            }
            return count
        }
    }
}
