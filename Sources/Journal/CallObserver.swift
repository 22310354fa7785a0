import Foundation
import PresenceEngine

/// Turns the engine's extension changes into journal rows: a call is
/// written when it first shows (ringing or already connected), again when
/// it is answered, and when it ends. Pure: the time comes with each change,
/// and what to write is returned.
public struct CallObserver: Sendable {
    /// Calls in progress, by extension, then by call key.
    private var open: [String: [String: JournalCall]] = [:]
    /// The account's only queue, when it has one: a queue call is then known to be from it.
    public var onlyQueue: String?

    public init() {}

    /// Calls a previous run left in progress, so the same call seen again
    /// continues its row instead of starting a second one; one that is not
    /// there any more ended when that run was last seen (`lastSeen`), and
    /// the call history corrects its outcome at the next fill.
    public mutating func resume(_ calls: [JournalCall], lastSeen: Date?) {
        for call in calls where call.outcome == .ongoing {
            guard let key = call.callId else { continue }
            open[call.extensionNumber, default: [:]][key] = call
            resumed.insert(key)
        }
        resumedEnd = lastSeen
    }

    private var resumed = Set<String>()
    private var resumedEnd: Date?
    /// When each extension's last call began, as live status last said it.
    private var lastCalls: [String: Int64] = [:]
    private var unseen: [(number: String, at: Date)] = []

    /// Rows to write after `state` arrived at `now`.
    public mutating func observe(_ state: ExtensionState, at now: Date) -> [JournalCall] {
        var changed: [JournalCall] = []
        var before = open[state.number] ?? [:]
        let hadCalls = !before.isEmpty
        var after: [String: JournalCall] = [:]
        for (index, item) in state.calls.enumerated() where item.isLive {
            let key = Self.key(item, extension: state.number)
            guard var call = before.removeValue(forKey: key) else {
                let call = started(item, index: index, in: state, key: key, at: now)
                changed.append(call)
                after[key] = call
                continue
            }
            if update(&call, with: item, index: index, in: state, at: now) { changed.append(call) }
            after[key] = call
        }
        for (key, var call) in before {
            let wasResumed = resumed.remove(key) != nil
            call.ended = wasResumed ? max(call.answered ?? call.rang, min(now, resumedEnd ?? now)) : now
            call.outcome = call.answered == nil ? .unanswered : .answered
            changed.append(call)
        }
        for (key, _) in after { resumed.remove(key) }
        open[state.number] = after.isEmpty ? nil : after
        noteLastCall(of: state, quietThroughout: !hadCalls && after.isEmpty)
        return changed
    }

    /// A last call that moved on while the extension showed no call rang
    /// and ended between two answers: the board never saw it.
    private mutating func noteLastCall(of state: ExtensionState, quietThroughout: Bool) {
        guard let last = state.lastCallMs else { return }
        let previous = lastCalls.updateValue(last, forKey: state.number)
        if let previous, last > previous, quietThroughout {
            unseen.append((state.number, Date(timeIntervalSince1970: Double(last) / 1000)))
        }
    }

    /// The calls the board saw only in passing since the last time asked (`HistoryFillPlan.sawUnseenCall`).
    public mutating func takeUnseen() -> [(number: String, at: Date)] {
        defer { unseen.removeAll() }
        return unseen
    }

    /// What changed on a call in progress; true when its row needs writing.
    private func update(_ call: inout JournalCall, with item: CallItem, index: Int, in state: ExtensionState, at now: Date) -> Bool {
        var dirty = false
        if item.phase == .connected, call.answered == nil {
            call.answered = now
            dirty = true
        }
        if item.isRecorded, !call.recorded {
            call.recorded = true
            dirty = true
        }
        if let tag = item.customTag.map({ TextSafety.printable($0) }), !tag.isEmpty, tag != call.tag {
            call.tag = tag
            dirty = true
        }
        let number = Self.number(index: index, in: state)
        if call.number.isEmpty, !number.isEmpty {
            call.number = number
            call.numberKey = NumberKey.of(number)
            dirty = true
        }
        return dirty
    }

    /// The extension left the account (or the board's filter): its calls end.
    public mutating func removed(_ number: String, at now: Date) -> [JournalCall] {
        observe(ExtensionState(number: number, name: ""), at: now)
    }

    /// Calls in progress now (for tests).
    public var inProgress: [JournalCall] { open.values.flatMap(\.values) }

    /// The id a call keeps while it lasts: the service's, else one made from
    /// its start time, so the row is found again on every change.
    static func key(_ item: CallItem, extension number: String) -> String {
        if let id = item.presenceCallId, !id.isEmpty { return id }
        if let start = item.startTimeMs { return "\(localIdPrefix)\(number)-\(start)" }
        return "\(localIdPrefix)\(number)-only"
    }

    /// How the ids the board makes begin (the service's are all digits).
    public static let localIdPrefix = "local-"

    private func started(_ item: CallItem, index: Int, in state: ExtensionState, key: String, at now: Date) -> JournalCall {
        let direction = Self.direction(item, in: state)
        let number = Self.number(index: index, in: state)
        let viaQueue = state.direction == .queueCall
        // A call first seen connected started before the board saw it: its
        // start time, when sent, is when it began.
        let start = item.startTimeMs.map { Date(timeIntervalSince1970: Double($0) / 1000) }.flatMap { $0 <= now ? $0 : nil } ?? now
        return JournalCall(callId: key, extensionNumber: state.number, direction: direction, number: number,
                           name: item.otherPartyName.map { TextSafety.printable($0) } ?? "", viaQueue: viaQueue,
                           queue: viaQueue ? onlyQueue : nil, rang: start,
                           answered: item.phase == .connected ? now : nil, recorded: item.isRecorded,
                           tag: item.customTag.map { TextSafety.printable($0) } ?? "", outcome: .ongoing, source: .live)
    }

    /// A click-to-call rings the user's own phone first, as an inbound call
    /// from the number dialled: it is the user's outbound call, never a missed one.
    static func direction(_ item: CallItem, in state: ExtensionState) -> JournalCall.Direction {
        if item.startedWithClickToCall { return state.direction == .intraPBX ? .internal : .outbound }
        switch state.direction {
        case .outbound: return .outbound
        case .intraPBX: return .internal
        default: return .inbound
        }
    }

    /// `onCallWith` is the first call's party; a second call has only its name.
    private static func number(index: Int, in state: ExtensionState) -> String {
        index == 0 || state.calls.count == 1 ? TextSafety.printable(state.onCallWith) : ""
    }
}
