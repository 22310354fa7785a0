import Synchronization

/// The simulated phone system's state: every line and its calls, and a
/// version that grows with each change so long polls can send only what
/// changed since they last looked.
public struct PBXState: Sendable {
    public struct Line: Sendable {
        public var person: SimExtension
        public var calls: [LiveCall] = []
        /// The state version at which this line last changed.
        public var changedAt: Int = 0
    }

    public private(set) var version = 0
    public private(set) var lines: [Line]
    private var indexByNumber: [String: Int]
    /// Simulated epoch milliseconds of the latest mutation.
    public var nowMs: Int64 = 0
    var nextCallId: Int64 = 7_000_000

    init(account: Account) {
        lines = account.extensions.map { Line(person: $0) }
        indexByNumber = Dictionary(uniqueKeysWithValues: lines.enumerated().map { ($1.person.number, $0) })
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

    mutating func makeCallId() -> Int64 {
        nextCallId += 1
        return nextCallId
    }

    /// Lines changed after `version`, limited to `filter` when it is not empty.
    public func lines(changedAfter version: Int, filter: Set<String>) -> [Line] {
        lines.filter { $0.changedAt > version && (filter.isEmpty || filter.contains($0.person.number)) }
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

    public init(account: Account) {
        state = Mutex(PBXState(account: account))
    }

    /// A copy of the whole state.
    public var snapshot: PBXState { state.withLock { $0 } }

    public var version: Int { state.withLock { $0.version } }

    /// Mutates the state; wakes every waiting poll if anything changed.
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
        let timer = Task {
            try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            self.resume(id)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let changedAlready = state.withLock { $0.version > version }
                if changedAlready || Task.isCancelled {
                    continuation.resume()
                    return
                }
                waiters.withLock { $0.pending[id] = continuation }
                // A change that raced in between the check and the registration.
                if state.withLock({ $0.version > version }) { resume(id) }
            }
        } onCancel: {
            self.resume(id)
        }
        timer.cancel()
    }

    private func resume(_ id: Int) {
        waiters.withLock { $0.pending.removeValue(forKey: id) }?.resume()
    }

    private func wakeAll() {
        let all = waiters.withLock { waiters -> [CheckedContinuation<Void, Never>] in
            defer { waiters.pending.removeAll() }
            return Array(waiters.pending.values)
        }
        for continuation in all { continuation.resume() }
    }
}
