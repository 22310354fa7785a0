import Foundation
import PresenceEngine

/// The journal's own thread: jobs run one at a time in the order given,
/// timed jobs when their delay has passed (on the monotonic clock, so a
/// wall-clock jump moves no timer). It sleeps on a condition between jobs:
/// no polling, and no thread pool that grows and shrinks.
final class JournalWorker: @unchecked Sendable {
    private let condition = MonotonicCondition()
    private var jobs: [() -> Void] = []
    private var timed: [(due: TimeInterval, job: () -> Void)] = []
    private var stopping = false
    private var finished = false

    init(name: String) {
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    func async(_ job: @escaping () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.broadcast()
        condition.unlock()
    }

    func async(after seconds: Double, _ job: @escaping () -> Void) {
        condition.lock()
        timed.append((Self.uptime() + seconds, job))
        condition.broadcast()
        condition.unlock()
    }

    /// Runs `body` on the worker and waits for it (never from the worker itself).
    func sync<T>(_ body: @escaping () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        async {
            box.value = body()
            done.signal()
        }
        done.wait()
        return box.value!
    }

    /// Runs what is queued, then ends the thread (timed jobs not yet due are dropped).
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func run() {
        condition.lock()
        while true {
            let now = Self.uptime()
            if let index = timed.indices.min(by: { timed[$0].due < timed[$1].due }), timed[index].due <= now {
                let job = timed.remove(at: index).job
                jobs.append(job)
            }
            if !jobs.isEmpty {
                let job = jobs.removeFirst()
                condition.unlock()
                job()
                condition.lock()
                continue
            }
            if stopping { break }
            if let next = timed.map(\.due).min() {
                condition.wait(untilUptime: next)
            } else {
                condition.wait()
            }
        }
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private static func uptime() -> TimeInterval { MonotonicCondition.uptime() }
}

/// Carries a result from the worker's thread back to the caller of `sync`.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
