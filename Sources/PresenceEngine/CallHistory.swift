import Foundation

/// The call history filters of API.md, as a client sends them.
public struct HistoryQuery: Sendable, Equatable {
    public enum Result: String, Sendable, CaseIterable { case answered, unanswered, voicemail }

    public var start: Date?
    public var end: Date?
    public var from: String?
    public var to: String?
    public var results: [Result] = []
    public var callerId: String?
    public var customTag: String?
    public var minDurationSeconds: Int?
    public var maxDurationSeconds: Int?
    public var isRecorded: Bool?

    public init() {}

    /// The query parameters, times as `YYYY-MM-DDTHH:MM:SS` in `timeZone`.
    public func parameters(timeZone: TimeZone) -> [(String, String)] {
        var query: [(String, String)] = []
        if let start { query.append(("start", HistoryTimestamp.filterText(start, timeZone: timeZone))) }
        if let end { query.append(("end", HistoryTimestamp.filterText(end, timeZone: timeZone))) }
        if let from { query.append(("from", from)) }
        if let to { query.append(("to", to)) }
        if !results.isEmpty { query.append(("result", results.map(\.rawValue).joined(separator: ","))) }
        if let callerId { query.append(("callerid", callerId)) }
        if let customTag { query.append(("customtag", customTag)) }
        if let minDurationSeconds { query.append(("minduration", String(minDurationSeconds))) }
        if let maxDurationSeconds { query.append(("maxduration", String(maxDurationSeconds))) }
        if let isRecorded { query.append(("isrecorded", isRecorded ? "true" : "false")) }
        return query
    }
}

/// One call in the history.
public struct CallRecord: Sendable, Equatable, Hashable {
    public var time: Date
    public var from: String
    public var to: String
    public var isInbound: Bool
    public var extensionNumber: String
    public var customTag: String
    /// The other party's name; empty when unknown.
    public var callerId: String
    public var durationSeconds: Int
    /// `Answered`, `Unanswered`, `Voicemail`, as sent.
    public var result: String
    public var recordingURL: String

    public init(time: Date, from: String, to: String, isInbound: Bool, extensionNumber: String, customTag: String = "",
                callerId: String = "", durationSeconds: Int, result: String, recordingURL: String = "") {
        self.time = time
        self.from = from
        self.to = to
        self.isInbound = isInbound
        self.extensionNumber = extensionNumber
        self.customTag = customTag
        self.callerId = callerId
        self.durationSeconds = durationSeconds
        self.result = result
        self.recordingURL = recordingURL
    }

    /// The recording's id: the digits that end `recordingURL`.
    public var recordingId: String? {
        let digits = recordingURL.reversed().prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : String(digits.reversed())
    }

    /// Decodes a history answer: `{"callHistoryList": [...]}`, a bare array,
    /// or the guide's unquoted key and trailing commas.
    public static func decodeList(_ bytes: [UInt8], timeZone: TimeZone) throws(DecodeError) -> [CallRecord] {
        let root = try LenientJSON.parse(bytes)
        let list: [Any]
        if let array = root as? [Any] {
            list = array
        } else if let object = root as? [String: Any] {
            list = object["callHistoryList"] as? [Any] ?? []
        } else {
            throw .unexpectedShape("history is neither a list nor an object")
        }
        var records: [CallRecord] = []
        for entry in list {
            guard let fields = entry as? [String: Any] else { continue }
            let stamp = Lenient.string(fields["timestamp"]) ?? ""
            guard let time = HistoryTimestamp.parse(stamp, timeZone: timeZone) else {
                throw .unexpectedShape("timestamp '\(stamp.prefix(40))' is not M/D/YYYY hh:mm:ss AM")
            }
            records.append(CallRecord(
                time: time, from: Lenient.string(fields["from"]) ?? "", to: Lenient.string(fields["to"]) ?? "",
                isInbound: (Lenient.string(fields["direction"]) ?? "").lowercased() == "inbound",
                extensionNumber: Lenient.string(fields["extension"]) ?? "", customTag: Lenient.string(fields["customTag"]) ?? "",
                callerId: Lenient.string(fields["callerId"]) ?? "",
                durationSeconds: Lenient.int64(fields["duration"]).map { Int(clamping: $0) } ?? 0,
                result: Lenient.string(fields["result"]) ?? "", recordingURL: Lenient.string(fields["recordingUrl"]) ?? ""))
        }
        return records
    }
}

/// The history's times: `M/D/YYYY hh:mm:ss AM` (or zero-padded), in the
/// account's time zone, with no zone in the text.
public enum HistoryTimestamp {
    public static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard parts.count == 3 else { return nil }
        let date = parts[0].split(separator: "/").map { Int($0) }
        let time = parts[1].split(separator: ":").map { Int($0) }
        let meridiem = parts[2].uppercased()
        guard date.count == 3, time.count == 3, let month = date[0], let day = date[1], let year = date[2],
              let hour12 = time[0], let minute = time[1], let second = time[2],
              (1...12).contains(month), (1...31).contains(day), (1...12).contains(hour12),
              (0...59).contains(minute), (0...59).contains(second), meridiem == "AM" || meridiem == "PM"
        else { return nil }
        let hour = hour12 % 12 + (meridiem == "PM" ? 12 : 0)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
    }

    static func filterText(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}
