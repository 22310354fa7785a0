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
    /// When the call began; nil when the answer's timestamp could not be
    /// read (the record is still shown, its time as unknown).
    public var time: Date?
    public var from: String
    public var to: String
    public var isInbound: Bool
    public var extensionNumber: String
    public var customTag: String
    /// The other party's name; empty when unknown.
    public var callerId: String
    /// Seconds connected; nil when the answer's figure could not be read.
    public var durationSeconds: Int?
    /// `Answered`, `Unanswered`, `Voicemail`, as sent.
    public var result: String
    public var recordingURL: String

    public init(time: Date?, from: String, to: String, isInbound: Bool, extensionNumber: String, customTag: String = "",
                callerId: String = "", durationSeconds: Int?, result: String, recordingURL: String = "") {
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
        try decodePage(bytes, timeZone: timeZone).records
    }

    /// A history answer's records, and what of them could not be read (an
    /// unreadable field is empty or unknown in its record, and noted).
    public static func decodePage(_ bytes: [UInt8], timeZone: TimeZone) throws(DecodeError) -> (records: [CallRecord], problems: [String]) {
        let root = try AnswerJSON.parse(bytes)
        var reader = FieldReader()
        let list: [JSONValue]
        switch root {
        case .array(let array): list = array
        case .object(let object):
            switch object["callHistoryList"] {
            case .array(let array): list = array
            case .object(let one): list = [.object(one)]
            case nil, .null: list = []
            default: throw .unexpectedShape("callHistoryList is not a list")
            }
        default: throw .unexpectedShape("history is neither a list nor an object")
        }
        var records: [CallRecord] = []
        records.reserveCapacity(list.count)
        for (index, entry) in list.enumerated() {
            guard let fields = entry.object else {
                reader.note("[\(index)]", "not an object")
                continue
            }
            records.append(record(fields, path: "[\(index)]", timeZone: timeZone, reader: &reader))
        }
        return (records, reader.problems)
    }

    static func record(_ fields: [String: JSONValue], path: String, timeZone: TimeZone, reader: inout FieldReader) -> CallRecord {
        func text(_ key: String) -> String { reader.text(fields[key], at: "\(path).\(key)") ?? "" }
        var time: Date?
        if let stamp = reader.text(fields["timestamp"], at: path + ".timestamp") {
            time = HistoryTimestamp.parse(stamp, timeZone: timeZone)
            if time == nil { reader.note(path + ".timestamp", "'\(FieldReader.excerpt(stamp))' is not M/D/YYYY hh:mm:ss AM") }
        } else {
            reader.note(path + ".timestamp", "missing or null")
        }
        return CallRecord(
            time: time, from: text("from"), to: text("to"), isInbound: text("direction").lowercased() == "inbound",
            extensionNumber: text("extension"), customTag: text("customTag"), callerId: text("callerId"),
            durationSeconds: reader.integer(fields["duration"], at: path + ".duration").map { Int(clamping: $0) },
            result: text("result"), recordingURL: text("recordingUrl"))
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
