import Foundation

/// The service's rules for numbers, as API.md states them.
public enum CallRules {
    public enum Kind: Equatable, Sendable {
        case extensionOnAccount
        case domestic
        case international
    }

    /// The API strips non-digits before it validates anything.
    public static func digits(_ text: String) -> String {
        String(text.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
    }

    /// Classifies a click-to-call number, or nil when it breaks the rules:
    /// an extension on the account is always valid; otherwise at least 6
    /// digits, or 9 when it starts with 011. Domestic is 10 digits, or 11
    /// starting with 1; everything else is international.
    public static func classify(_ digits: String, isExtension: (String) -> Bool) -> Kind? {
        if !digits.isEmpty && isExtension(digits) { return .extensionOnAccount }
        if digits.hasPrefix("011") ? digits.count < 9 : digits.count < 6 { return nil }
        if digits.count == 10 || (digits.count == 11 && digits.hasPrefix("1")) { return .domestic }
        return .international
    }

    /// Extension numbers in paths: 2 to 6 digits.
    public static func isExtensionShaped(_ digits: String) -> Bool { (2...6).contains(digits.count) }
}

/// The call history filters of API.md.
struct HistoryFilter {
    var startMs: Int64?
    var endMs: Int64
    var from: String?
    var to: String?
    var results: Set<HistoryRecord.Result>?
    var callerId: String?
    var customTag: String?
    var minDuration: Int?
    var maxDuration: Int?
    var isRecorded: Bool?

    struct BadParameter: Error { var name: String }

    init(query: [String: String], nowMs: Int64, timeZone: TimeZone) throws(BadParameter) {
        func time(_ name: String) throws(BadParameter) -> Int64? {
            guard let text = query[name] else { return nil }
            guard let value = HistoryTime.parseFilter(text, timeZone: timeZone) else { throw BadParameter(name: name) }
            return value
        }
        func seconds(_ name: String) throws(BadParameter) -> Int? {
            guard let text = query[name] else { return nil }
            guard let value = Int(text), value >= 0 else { throw BadParameter(name: name) }
            return value
        }
        startMs = try time("start")
        // `end` takes in the whole of its second: a call at 12:00:00.400 is "at 12:00:00".
        endMs = try time("end").map { $0 + 999 } ?? nowMs
        from = query["from"].map(CallRules.digits)
        to = query["to"].map(CallRules.digits)
        if let list = query["result"] {
            var results = Set<HistoryRecord.Result>()
            for word in list.split(separator: ",", omittingEmptySubsequences: false) {
                guard let result = HistoryRecord.Result.allCases.first(where: { $0.rawValue.lowercased() == word.lowercased() })
                else { throw BadParameter(name: "result") }
                results.insert(result)
            }
            self.results = results
        }
        callerId = query["callerid"]?.lowercased()
        customTag = query["customtag"]?.lowercased()
        minDuration = try seconds("minduration")
        maxDuration = try seconds("maxduration")
        if let flag = query["isrecorded"] {
            guard ["true", "false"].contains(flag.lowercased()) else { throw BadParameter(name: "isrecorded") }
            isRecorded = flag.lowercased() == "true"
        }
    }

    func matches(_ record: HistoryRecord) -> Bool {
        if let startMs, record.startedAtMs < startMs { return false }
        if record.startedAtMs > endMs { return false }
        if let from, !from.isEmpty, !record.from.contains(from) { return false }
        if let to, !to.isEmpty, !record.to.contains(to) { return false }
        if let results, !results.contains(record.result) { return false }
        if let callerId, !record.callerId.lowercased().contains(callerId) { return false }
        if let customTag, record.customTag.lowercased() != customTag { return false }
        if let minDuration, record.durationSeconds <= minDuration { return false }
        if let maxDuration, record.durationSeconds >= maxDuration { return false }
        if let isRecorded, record.isRecorded != isRecorded { return false }
        return true
    }
}
