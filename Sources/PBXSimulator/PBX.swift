import Synchronization

/// The simulated phone system's state: every line and its calls, queues,
/// bridges, the call history and recordings, and a version that grows with
/// each line change so long polls can send only what changed.
public struct PBXState: Sendable {
    public struct Line: Sendable {
        public var person: SimExtension
        public var calls: [LiveCall] = []
        public var doNotDisturb = false
        /// The state version at which this line last changed.
        public var changedAt: Int = 0
        /// When this line's last call began (epoch ms), 0 before any: live status's `lastCallTime`.
        public var lastCallAtMs: Int64 = 0

        public init(person: SimExtension, calls: [LiveCall] = [], doNotDisturb: Bool = false) {
            self.person = person
            self.calls = calls
            self.doNotDisturb = doNotDisturb
        }

        public var isIdle: Bool { calls.isEmpty }
        /// Free to take a call: a person, idle, not on Do Not Disturb.
        public var isAvailable: Bool { person.isPerson && calls.isEmpty && !doNotDisturb }
    }

    public struct QueueState: Sendable {
        public var queue: SimQueue
        public var waiting: [WaitingCaller] = []
        /// Recent waits of answered callers, for the average.
        public var recentWaitsMs: [Int64] = []
        /// Figures pinned through the control API; nil means computed.
        public var pinned: QueueFigures?
    }

    public struct BridgeState: Sendable {
        public var bridge: SimBridge
        /// Extensions and outside numbers on the bridge now.
        public var participants: [String] = []
        /// When the generator next lets someone join or leave.
        public var nextChangeAtMs: Int64 = 0
    }

    public struct Recording: Sendable, Equatable {
        public var owners: Set<String>
        public var readyAtMs: Int64
    }

    public private(set) var version = 0
    public private(set) var lines: [Line]
    public var queues: [QueueState]
    public var bridges: [BridgeState]
    private var indexByNumber: [String: Int]
    /// Simulated epoch milliseconds of the latest mutation.
    public var nowMs: Int64 = 0
    public var accountActive = true
    /// While true the traffic generator leaves the PBX alone.
    public var trafficPaused = false
    public var internationalBlocked = false
    /// Simulated milliseconds after a call ends before its recording is ready.
    public var recordingDelayMs: Int64 = 10_000
    private(set) var history: BoundedLog<HistoryRecord>
    public private(set) var recordings: [CallID: Recording] = [:]
    private var recordingOrder: BoundedLog<CallID>
    /// Counts the calls; ids are made from it (`CallIDs.make`).
    var nextCallId: Int64 = 359_658_000

    init(account: Account, historyLimit: Int = 20_000) {
        lines = account.extensions.map { Line(person: $0) }
        indexByNumber = Dictionary(uniqueKeysWithValues: lines.enumerated().map { ($1.person.number, $0) })
        queues = account.queues.map { QueueState(queue: $0) }
        bridges = account.bridges.map { BridgeState(bridge: $0) }
        history = BoundedLog(limit: historyLimit)
        recordingOrder = BoundedLog(limit: historyLimit)
    }

    public func line(_ number: String) -> Line? {
        indexByNumber[number].map { lines[$0] }
    }

    /// Changes a line and records the change for pollers.
    mutating func update(_ number: String, _ change: (inout Line) -> Void) {
        guard let index = indexByNumber[number] else { return }
        version += 1
        change(&lines[index])
        lines[index].changedAt = version
    }

    mutating func makeCallId() -> CallID {
        nextCallId += 1
        return CallIDs.make(nextCallId)
    }

    /// Lines changed after `version`, limited to `filter` when it is not empty.
    public func lines(changedAfter version: Int, filter: Set<String>) -> [Line] {
        lines.filter { $0.changedAt > version && (filter.isEmpty || filter.contains($0.person.number)) }
    }

    /// Ended calls, newest first.
    public var historyNewestFirst: [HistoryRecord] { Array(history.newestFirst) }

    // MARK: Calls

    /// Every leg of call `id`, as (extension, leg).
    func legs(of id: CallID) -> [(String, LiveCall)] {
        lines.flatMap { line in line.calls.filter { $0.id == id }.map { (line.person.number, $0) } }
    }

    public func call(_ id: CallID) -> LiveCall? { legs(of: id).first?.1 }

    mutating func addLeg(_ call: LiveCall, on number: String) {
        update(number) {
            $0.calls.append(call)
            $0.lastCallAtMs = max($0.lastCallAtMs, call.startedAtMs)
        }
    }

    /// Answers every ringing leg of call `id`.
    mutating func answer(_ id: CallID, at nowMs: Int64, talkUntilMs: Int64) {
        for (number, leg) in legs(of: id) where leg.connectedAtMs == nil {
            // Click-to-call: the user picked up; now the number is dialled.
            let dialled = leg.dialAfterAnswer
            let callee = dialled.flatMap { line($0)?.person }
            update(number) { line in
                guard let index = line.calls.firstIndex(where: { $0.id == id }) else { return }
                line.calls[index].phase = .connected
                line.calls[index].connectedAtMs = nowMs
                // The leg that drives the call decides when it ends.
                if leg.nextEventAtMs != .max { line.calls[index].nextEventAtMs = talkUntilMs }
                if let dialled {
                    line.calls[index].direction = callee != nil ? .intraPBX : .outbound
                    line.calls[index].isOutgoing = true
                    line.calls[index].otherNumber = dialled
                    line.calls[index].otherName = callee?.name
                    line.calls[index].peerExtension = callee?.number
                    line.calls[index].dialAfterAnswer = nil
                }
            }
            if let callee, let caller = line(number)?.person {
                addLeg(LiveCall(id: id, direction: .intraPBX, phase: .connected, otherNumber: caller.number, otherName: caller.name,
                                startedAtMs: nowMs, connectedAtMs: nowMs, startedWithClickToCall: true, peerExtension: caller.number),
                       on: callee.number)
            }
        }
    }

    /// Click-to-call: rings the user's extension first; when they answer,
    /// the number is dialled (`answer` does that part).
    @discardableResult
    mutating func clickToCall(from number: String, to target: String, at nowMs: Int64, ringMs: Int64) -> CallID {
        let id = makeCallId()
        addLeg(LiveCall(id: id, direction: .inbound, phase: .ringing, otherNumber: target, startedAtMs: nowMs,
                        startedWithClickToCall: true, nextEventAtMs: nowMs + ringMs, dialAfterAnswer: target), on: number)
        return id
    }

    /// Ends call `id` on every extension, writing each leg to the history.
    mutating func end(_ id: CallID, at nowMs: Int64, voicemail: Bool = false) {
        for (number, leg) in legs(of: id) {
            update(number) { $0.calls.removeAll { $0.id == id } }
            guard let person = line(number)?.person else { continue }
            record(leg, on: person, endedAtMs: nowMs, voicemail: voicemail)
        }
    }

    mutating func record(_ leg: LiveCall, on person: SimExtension, endedAtMs: Int64, voicemail: Bool) {
        let answered = leg.connectedAtMs != nil
        let own = leg.direction == .intraPBX ? person.number : person.did
        let entry = HistoryRecord(
            callId: leg.id, startedAtMs: leg.startedAtMs, endedAtMs: endedAtMs,
            from: leg.isOutgoing ? own : leg.otherNumber, to: leg.isOutgoing ? leg.otherNumber : own,
            isInbound: !leg.isOutgoing, extensionNumber: person.number, customTag: leg.customTag,
            callerId: leg.otherName ?? "", durationSeconds: answered ? Int((endedAtMs - leg.connectedAtMs!) / 1000) : 0,
            result: answered ? .answered : (voicemail ? .voicemail : .unanswered),
            isRecorded: leg.isRecorded && answered)
        append(entry)
    }

    /// Adds an ended call to the history, and its recording when it has one.
    mutating func append(_ entry: HistoryRecord) {
        history.append(entry)
        // Live status's `lastCallTime` knows calls only the history has
        // (made up at start, recorded by a test) too: as a real call would
        // have, the line changes, so a long poll tells of it.
        if let line = line(entry.extensionNumber), line.lastCallAtMs < entry.startedAtMs {
            update(entry.extensionNumber) { $0.lastCallAtMs = entry.startedAtMs }
        }
        guard entry.isRecorded else { return }
        if recordings[entry.callId] == nil, let dropped = recordingOrder.append(entry.callId) { recordings[dropped] = nil }
        recordings[entry.callId, default: Recording(owners: [], readyAtMs: entry.endedAtMs + recordingDelayMs)]
            .owners.insert(entry.extensionNumber)
    }

    mutating func rename(_ number: String, to name: String) {
        guard line(number)?.person.name != name else { return }
        update(number) { $0.person.name = name }
    }

    mutating func setDoNotDisturb(_ number: String, _ on: Bool) {
        guard line(number)?.doNotDisturb != on else { return }
        update(number) { $0.doNotDisturb = on }
    }

    /// A caller leaves a queue without an agent (gave up, or voicemail):
    /// the history of the queue's first agent shows the missed call.
    mutating func dropWaiting(_ caller: WaitingCaller, from queueIndex: Int, at nowMs: Int64, voicemail: Bool) {
        queues[queueIndex].waiting.removeAll { $0.id == caller.id }
        guard let agent = queues[queueIndex].queue.agents.first, let person = line(agent)?.person else { return }
        let leg = LiveCall(id: caller.id, direction: .queueCall, phase: .ringing, otherNumber: caller.number,
                           otherName: caller.name, startedAtMs: caller.arrivedAtMs, customTag: caller.customTag,
                           queue: queues[queueIndex].queue.number)
        record(leg, on: person, endedAtMs: nowMs, voicemail: voicemail)
    }

    // MARK: Figures

    /// A queue's figures as `/presence/rest/queue` reports them.
    public func figures(ofQueue index: Int) -> QueueFigures {
        let state = queues[index]
        if let pinned = state.pinned { return pinned }
        let agents = state.queue.agents.compactMap { line($0) }
        let busy = agents.filter { !$0.calls.isEmpty }.count
        let available = agents.filter(\.isAvailable).count
        let onQueueCalls = agents.filter { $0.calls.contains { $0.queue == state.queue.number } }.count
        // Callers hear the greeting for 10 s, then hold music until an agent is free.
        let onHold = state.waiting.filter { nowMs - $0.arrivedAtMs > 10_000 }.count
        let average = state.recentWaitsMs.isEmpty ? 0 : state.recentWaitsMs.reduce(0, +) / Int64(state.recentWaitsMs.count) / 1000
        let longest = state.waiting.map { (nowMs - $0.arrivedAtMs) / 1000 }.max() ?? 0
        return QueueFigures(numberOfCalls: state.waiting.count + onQueueCalls, callersOnHold: onHold,
                            averageWaitTime: Int(average), agentsAvailable: available, callersWaiting: state.waiting.count,
                            agentsBusy: busy, agentsLoggedIn: agents.count, longestWaitTime: Int(longest))
    }
}

/// What `/presence/rest/queue/{n}` reports.
public struct QueueFigures: Sendable, Equatable {
    public var numberOfCalls: Int
    public var callersOnHold: Int
    public var averageWaitTime: Int
    public var agentsAvailable: Int
    public var callersWaiting: Int
    public var agentsBusy: Int
    public var agentsLoggedIn: Int
    /// Not in the guide's example; kept for the board's "longest wait".
    public var longestWaitTime: Int

    public init(numberOfCalls: Int, callersOnHold: Int, averageWaitTime: Int, agentsAvailable: Int, callersWaiting: Int,
                agentsBusy: Int, agentsLoggedIn: Int, longestWaitTime: Int = 0) {
        self.numberOfCalls = numberOfCalls
        self.callersOnHold = callersOnHold
        self.averageWaitTime = averageWaitTime
        self.agentsAvailable = agentsAvailable
        self.callersWaiting = callersWaiting
        self.agentsBusy = agentsBusy
        self.agentsLoggedIn = agentsLoggedIn
        self.longestWaitTime = longestWaitTime
    }
}

/// The living PBX: state behind a lock, and a way for long polls to sleep
/// until it changes.
public final class PBX: Sendable {
    private let state: Mutex<PBXState>
    private let waiters = Mutex<Waiters>(Waiters())

    private struct Waiters: Sendable {
        var nextId = 0
        var pending: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    public init(account: Account, historyLimit: Int = 20_000) {
        state = Mutex(PBXState(account: account, historyLimit: historyLimit))
    }

    /// A copy of the whole state.
    public var snapshot: PBXState { state.withLock { $0 } }

    public var version: Int { state.withLock { $0.version } }

    /// Reads part of the state without copying all of it.
    public func read<Result>(_ body: (borrowing PBXState) -> Result) -> Result {
        state.withLock { body($0) }
    }

    /// Mutates the state; wakes every waiting poll if a line changed.
    public func mutate<Result>(_ body: (inout PBXState) -> Result) -> Result {
        let (result, changed) = state.withLock { state -> (Result, Bool) in
            let before = state.version
            let result = body(&state)
            return (result, state.version != before)
        }
        if changed { wakeAll() }
        return result
    }

    /// Sleeps until the version passes `version` or `seconds` elapse, or the task is cancelled.
    public func waitForChange(after version: Int, seconds: Double) async {
        guard seconds > 0 else { return }
        let id = waiters.withLock { waiters -> Int in
            waiters.nextId += 1
            return waiters.nextId
        }
        var timer: Task<Void, Never>?
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let changedAlready = state.withLock { $0.version > version }
                if changedAlready || Task.isCancelled {
                    continuation.resume()
                    return
                }
                waiters.withLock { $0.pending[id] = continuation }
                // Started once registered: a timer that fired before would
                // leave the poll held until the next change.
                timer = Task {
                    try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
                    self.resume(id)
                }
                // A change that raced in between the check and the registration.
                if state.withLock({ $0.version > version }) { resume(id) }
            }
        } onCancel: {
            self.resume(id)
        }
        timer?.cancel()
    }

    private func resume(_ id: Int) {
        waiters.withLock { $0.pending.removeValue(forKey: id) }?.resume()
    }

    /// Wakes every waiting long poll (they re-check and, when stopping, answer).
    func releaseWaiters() { wakeAll() }

    private func wakeAll() {
        let all = waiters.withLock { waiters -> [CheckedContinuation<Void, Never>] in
            defer { waiters.pending.removeAll() }
            return Array(waiters.pending.values)
        }
        for continuation in all { continuation.resume() }
    }
}
