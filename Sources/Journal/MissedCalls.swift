import Foundation

/// A number that called and that nobody has answered or called back since:
/// one line of the missed-calls list.
public struct MissedCaller: Sendable, Equatable, Codable {
    public var numberKey: String
    /// The number as the latest call sent it.
    public var number: String
    /// The caller's name, from the latest call that had one.
    public var name: String
    /// Missed calls since the list's start.
    public var count: Int
    public var first: Date
    public var last: Date
    /// Extensions the calls rang, in the order first reached.
    public var extensions: [String]
    /// Queues they came through (numbers; "queue" when not known which).
    public var queues: [String]
    /// The latest missed call went to voicemail (else the caller hung up).
    public var leftVoicemail: Bool
    /// Three or more calls from this number on one day (missed or not).
    public var isRepeatCaller: Bool
    /// Marked handled by hand (`x`), and when: such a line is kept but hidden.
    public var handledAt: Date?

    public init(numberKey: String, number: String, name: String, count: Int, first: Date, last: Date, extensions: [String],
                queues: [String], leftVoicemail: Bool, isRepeatCaller: Bool, handledAt: Date?) {
        self.numberKey = numberKey
        self.number = number
        self.name = name
        self.count = count
        self.first = first
        self.last = last
        self.extensions = extensions
        self.queues = queues
        self.leftVoicemail = leftVoicemail
        self.isRepeatCaller = isRepeatCaller
        self.handledAt = handledAt
    }
}

/// The rules of the missed-calls list (issue 15, PRODUCT.md):
/// - inbound calls from outside that no leg answered, since `since`, grouped by number;
/// - a number leaves by itself once any answered call, in or out, on any
///   extension, reaches it at or after its latest missed call rang (an agent
///   answering the same queue call counts);
/// - `x` hides it until it calls and is missed again;
/// - three or more calls on one local day mark a repeat caller.
public enum MissedCalls {
    public static let repeatCallerCount = 3

    public static func list(calls: [JournalCall], handled: [String: Date], since: Date, day: LocalDay,
                            includeHandled: Bool = false) -> [MissedCaller] {
        let considered = calls.filter { !$0.numberKey.isEmpty && $0.direction != .internal }
        var lastAnswered: [String: Date] = [:]
        var perDay: [String: [String: Int]] = [:]
        var missed: [String: [JournalCall]] = [:]
        // A call that any leg answered is not missed on its other legs.
        let answeredIds = Set(considered.filter(\.wasAnswered).compactMap(\.callId))
        for call in considered {
            if call.wasAnswered {
                let at = call.answered ?? call.rang
                lastAnswered[call.numberKey] = max(lastAnswered[call.numberKey] ?? at, at)
            }
            if call.direction == .inbound { perDay[call.numberKey, default: [:]][day.name(of: call.rang), default: 0] += 1 }
            if call.isMissed, call.rang >= since, !(call.callId.map(answeredIds.contains) ?? false) {
                missed[call.numberKey, default: []].append(call)
            }
        }
        var result: [MissedCaller] = []
        for (key, legs) in missed {
            let sorted = legs.sorted { $0.rang < $1.rang }
            guard let latest = sorted.last, let earliest = sorted.first else { continue }
            // Answered at or after the latest missed call rang: called back or got through.
            if let answered = lastAnswered[key], answered >= latest.rang.addingTimeInterval(-1) { continue }
            let handledAt = handled[key].flatMap { $0 >= latest.rang ? $0 : nil }
            if handledAt != nil, !includeHandled { continue }
            result.append(MissedCaller(
                numberKey: key, number: latest.number, name: sorted.last(where: { !$0.name.isEmpty })?.name ?? "",
                count: distinctCalls(sorted), first: earliest.rang, last: latest.rang,
                extensions: unique(sorted.map(\.extensionNumber)),
                queues: unique(sorted.filter(\.viaQueue).map { $0.queue ?? "queue" }),
                leftVoicemail: sorted.contains { $0.outcome == .voicemail && abs($0.rang.timeIntervalSince(latest.rang)) < 120 },
                isRepeatCaller: (perDay[key]?.values.max() ?? 0) >= repeatCallerCount,
                handledAt: handledAt))
        }
        return result.sorted { $0.last > $1.last }
    }

    /// One call ringing three phones is one missed call: legs are counted
    /// once per call id, and legs without one once per `HistoryMerge.window`.
    static func distinctCalls(_ legs: [JournalCall]) -> Int {
        var ids = Set<String>()
        var lastUnnamed: Date?
        var count = 0
        for leg in legs {
            if leg.hasServiceCallId, let id = leg.callId {
                if ids.insert(id).inserted { count += 1 }
            } else if let previous = lastUnnamed, leg.rang.timeIntervalSince(previous) < HistoryMerge.window {
                continue
            } else {
                lastUnnamed = leg.rang
                count += 1
            }
        }
        return count
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
