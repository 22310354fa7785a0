import Foundation

/// The day's figures (from local midnight), rebuilt from the journal.
public struct DayFigures: Sendable, Equatable, Codable {
    public struct Queue: Sendable, Equatable, Codable {
        public var queue: String
        public var name: String
        public var offered = 0
        public var answered = 0
        public var missed = 0
        public var peakWaiting = 0
        public var longestWaitSeconds = 0
        public var averageWaitSeconds = 0
        /// Answered calls whose wait was surely within `serviceLevelSeconds`
        /// (`ServiceLevel` says how that is known).
        public var answeredWithinTarget = 0
        /// The target those were counted against.
        public var serviceLevelSeconds = ServiceLevel.defaultSeconds

        /// Callers who gave up, of the calls offered (nil before the first call).
        public var abandonRate: Double? { offered > 0 ? Double(missed) / Double(offered) : nil }
        /// At least this share of the callers who were answered or gave up
        /// were answered within the target; nil where the samples cannot
        /// tell (no answer surely within it, or no caller yet).
        public var serviceLevel: Double? {
            answered + missed > 0 && answeredWithinTarget > 0 ? Double(answeredWithinTarget) / Double(answered + missed) : nil
        }

        public init(queue: String, name: String) {
            self.queue = queue
            self.name = name
        }
    }

    public struct Extension: Sendable, Equatable, Codable {
        public var extensionNumber: String
        public var inbound = 0
        public var outbound = 0
        public var missed = 0
        public var talkSeconds = 0

        enum CodingKeys: String, CodingKey {
            case extensionNumber = "extension", inbound, outbound, missed, talkSeconds
        }

        public init(extensionNumber: String, inbound: Int = 0, outbound: Int = 0, missed: Int = 0, talkSeconds: Int = 0) {
            self.extensionNumber = extensionNumber
            self.inbound = inbound
            self.outbound = outbound
            self.missed = missed
            self.talkSeconds = talkSeconds
        }
    }

    public struct Tag: Sendable, Equatable, Codable {
        public var tag: String
        public var calls = 0
        public var answered = 0
        public var missed = 0

        public init(tag: String) { self.tag = tag }
    }

    /// `YYYY-MM-DD`.
    public var day: String
    public var queues: [Queue] = []
    public var extensions: [Extension] = []
    public var tags: [Tag] = []

    public init(day: String) { self.day = day }

    public var isEmpty: Bool { queues.isEmpty && extensions.isEmpty && tags.isEmpty }

    /// Per-extension and per-tag totals of a day.
    public struct Totals: Sendable, Equatable {
        public var extensions: [Extension]
        public var tags: [Tag]

        public init(extensions: [Extension], tags: [Tag]) {
            self.extensions = extensions.sorted { ExtensionOrder.precedes($0.extensionNumber, $1.extensionNumber) }
            self.tags = tags.sorted { $0.calls != $1.calls ? $0.calls > $1.calls : $0.tag < $1.tag }
        }
    }

    /// Figures for the day of `calls` (legs that rang that day) and `samples`
    /// (that day's queue samples, any order).
    public static func make(day: String, calls: [JournalCall], samples: [QueueSample],
                            serviceLevelSeconds: Int = ServiceLevel.defaultSeconds) -> DayFigures {
        make(day: day, totals: totals(calls), samples: samples, serviceLevelSeconds: serviceLevelSeconds)
    }

    public static func make(day: String, totals: Totals, samples: [QueueSample], serviceLevelSeconds: Int = ServiceLevel.defaultSeconds) -> DayFigures {
        var figures = DayFigures(day: day)
        figures.queues = queueFigures(samples, serviceLevelSeconds: serviceLevelSeconds)
        figures.extensions = totals.extensions
        figures.tags = totals.tags
        return figures
    }

    /// The rule `JournalDatabase.dayTotals` sums in SQL: every leg counts in
    /// (inbound and internal) or out; missed is inbound and not answered;
    /// tags group without case, named by their smallest spelling.
    public static func totals(_ calls: [JournalCall]) -> Totals {
        var extensions: [String: Extension] = [:]
        var tags: [String: Tag] = [:]
        for call in calls {
            var row = extensions[call.extensionNumber] ?? Extension(extensionNumber: call.extensionNumber)
            switch call.direction {
            case .inbound, .internal: row.inbound += 1
            case .outbound: row.outbound += 1
            }
            if call.isMissed { row.missed += 1 }
            row.talkSeconds += call.talkSeconds
            extensions[call.extensionNumber] = row
            guard !call.tag.isEmpty else { continue }
            let key = call.tag.lowercased()
            var tag = tags[key] ?? Tag(tag: call.tag)
            tag.tag = min(tag.tag, call.tag)
            tag.calls += 1
            if call.outcome == .answered { tag.answered += 1 }
            if call.isMissed { tag.missed += 1 }
            tags[key] = tag
        }
        return Totals(extensions: Array(extensions.values), tags: Array(tags.values))
    }

    /// The queue service reports only what is in the queue now, not each
    /// call, so the day's calls are read from the changes between samples
    /// (`QueueFlow`); peaks and the longest wait are the samples' maxima;
    /// the average wait is the service's own average, over the samples that
    /// had calls.
    static func queueFigures(_ samples: [QueueSample], serviceLevelSeconds: Int = ServiceLevel.defaultSeconds) -> [Queue] {
        var byQueue: [String: [QueueSample]] = [:]
        for sample in samples { byQueue[sample.queue, default: []].append(sample) }
        return byQueue.map { number, list in
            let ordered = list.sorted { $0.at < $1.at }
            var queue = Queue(queue: number, name: ordered.last?.name ?? "")
            let flow = QueueFlow.count(ordered)
            queue.offered = flow.offered
            queue.answered = flow.answered
            queue.missed = flow.abandoned
            queue.peakWaiting = ordered.map(\.waiting).max() ?? 0
            queue.longestWaitSeconds = ordered.map(\.longestWaitSeconds).max() ?? 0
            let busy = ordered.filter { $0.calls > 0 || $0.averageWaitSeconds > 0 }
            queue.averageWaitSeconds = busy.isEmpty ? 0 : busy.map(\.averageWaitSeconds).reduce(0, +) / busy.count
            queue.serviceLevelSeconds = serviceLevelSeconds
            queue.answeredWithinTarget = ServiceLevel.answeredWithin(serviceLevelSeconds, ordered)
            return queue
        }.sorted { ExtensionOrder.precedes($0.queue, $1.queue) }
    }
}

/// Calls into and out of a queue, read from two successive samples of its
/// waiting callers (W) and calls (N = waiting + answered queue calls still
/// up). Between samples, arrivals A, answers B, callers giving up C and
/// answered calls ending E give ΔW = A − B − C and ΔN = A − C − E. The
/// fewest events that explain both: A = max(0, ΔW, ΔN), C = min(A − ΔW,
/// A − ΔN), B = A − ΔW − C. Each single event between samples is read
/// right; an answer and an end together read as one caller giving up (the
/// figures cannot tell them apart). Samples come every refresh while a
/// queue moves (5 s), so such pairs are rare; BENCHMARKS.md and docs/journal.md say so.
public enum QueueFlow {
    public struct Counts: Sendable, Equatable {
        public var offered = 0
        public var answered = 0
        public var abandoned = 0

        public init(offered: Int = 0, answered: Int = 0, abandoned: Int = 0) {
            self.offered = offered
            self.answered = answered
            self.abandoned = abandoned
        }
    }

    public static func count(_ ordered: [QueueSample]) -> Counts {
        var counts = Counts()
        guard let first = ordered.first else { return counts }
        // Callers already waiting at the first sample were offered today too.
        counts.offered = first.calls
        counts.answered = max(0, first.calls - first.waiting)
        for (previous, next) in zip(ordered, ordered.dropFirst()) {
            let step = self.step(deltaWaiting: next.waiting - previous.waiting, deltaCalls: next.calls - previous.calls)
            counts.offered += step.offered
            counts.answered += step.answered
            counts.abandoned += step.abandoned
        }
        return counts
    }

    public static func step(deltaWaiting: Int, deltaCalls: Int) -> Counts {
        let arrivals = max(0, deltaWaiting, deltaCalls)
        let abandoned = max(0, min(arrivals - deltaWaiting, arrivals - deltaCalls))
        let answered = max(0, arrivals - deltaWaiting - abandoned)
        return Counts(offered: arrivals, answered: answered, abandoned: abandoned)
    }
}

/// The service level of a queue: the share of its callers answered within
/// a target (`service_level_seconds`, 20 by default). The service reports
/// no caller's own wait, only each moment's callers waiting, calls and the
/// longest wait, so this is a lower bound: a caller answered between two
/// samples waited at most the earlier sample's longest wait plus the time
/// between them (the longest waiter had waited longest; one who came later
/// waited less). The answers of an interval where that bound is within the
/// target count as answered within it; the others, and the callers already
/// answered at the day's first sample, do not. Over every answered and
/// abandoned caller, that is at least the true share; with samples every
/// 5 s while a queue moves it is close to it.
public enum ServiceLevel {
    public static let defaultSeconds = 20

    public static func answeredWithin(_ seconds: Int, _ ordered: [QueueSample]) -> Int {
        var within = 0
        for (previous, next) in zip(ordered, ordered.dropFirst()) {
            let step = QueueFlow.step(deltaWaiting: next.waiting - previous.waiting, deltaCalls: next.calls - previous.calls)
            guard step.answered > 0 else { continue }
            let bound = Double(previous.longestWaitSeconds) + next.at.timeIntervalSince(previous.at)
            if bound <= Double(seconds) { within += step.answered }
        }
        return within
    }
}

/// Extension and queue numbers in numeric order (shorter first), then as text.
enum ExtensionOrder {
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.count != b.count ? a.count < b.count : a < b
    }
}
