import Foundation
import PresenceEngine

/// Reads the one-line history filter: space-separated `key=value` pairs for
/// every API filter. Dates are `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`.
enum HistoryFilterText {
    static let keys = "start end from to result callerid customtag min max recorded"

    static func parse(_ text: String, timeZone: TimeZone = .current) -> Result<HistoryQuery, HistoryFilterProblem> {
        var query = HistoryQuery()
        for word in text.split(separator: " ") {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else { return .failure(.init("'\(word)' is not key=value (keys: \(keys))")) }
            let (key, value) = (parts[0].lowercased(), parts[1])
            switch key {
            case "start", "end":
                guard let date = parseDate(value, timeZone: timeZone) else { return .failure(.init("\(key): use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS")) }
                if key == "start" { query.start = date } else { query.end = date }
            case "from": query.from = value
            case "to": query.to = value
            case "result":
                var results: [HistoryQuery.Result] = []
                for item in value.split(separator: ",") {
                    guard let result = HistoryQuery.Result(rawValue: item.lowercased()) else {
                        return .failure(.init("result: answered, unanswered or voicemail"))
                    }
                    results.append(result)
                }
                query.results = results
            case "callerid": query.callerId = value
            case "customtag", "tag": query.customTag = value
            case "min", "minduration":
                guard let seconds = Int(value), seconds >= 0 else { return .failure(.init("min: whole seconds")) }
                query.minDurationSeconds = seconds
            case "max", "maxduration":
                guard let seconds = Int(value), seconds >= 0 else { return .failure(.init("max: whole seconds")) }
                query.maxDurationSeconds = seconds
            case "recorded", "isrecorded":
                guard ["true", "false", "yes", "no"].contains(value.lowercased()) else { return .failure(.init("recorded: true or false")) }
                query.isRecorded = ["true", "yes"].contains(value.lowercased())
            default:
                return .failure(.init("unknown filter '\(key)' (keys: \(keys))"))
            }
        }
        return .success(query)
    }

    static func parseDate(_ text: String, timeZone: TimeZone) -> Date? {
        let pieces = text.split(whereSeparator: { "-T:".contains($0) }).map { Int($0) }
        guard pieces.count == 3 || pieces.count == 6, pieces.allSatisfy({ $0 != nil }) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let values = pieces.map { $0! } + [0, 0, 0]
        let components = DateComponents(year: values[0], month: values[1], day: values[2], hour: values[3], minute: values[4], second: values[5])
        guard (1...12).contains(values[1]), (1...31).contains(values[2]), (0...23).contains(values[3]),
              (0...59).contains(values[4]), (0...59).contains(values[5]) else { return nil }
        return calendar.date(from: components)
    }
}

struct HistoryFilterProblem: Error, Equatable, Sendable {
    var text: String
    init(_ text: String) { self.text = text }
}
