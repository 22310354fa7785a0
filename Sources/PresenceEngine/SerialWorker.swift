import Foundation

/// A thread of its own that runs jobs one at a time in the order given,
/// and timed jobs when their delay has passed (on the monotonic clock, so
/// a wall-clock jump moves no timer). Between jobs it sleeps on a
/// condition: no polling, and no thread pool that grows and shrinks.
/// The engine's lanes (`JobLane`) and the journal run on one each.
public final class SerialWorker: @unchecked Sendable {
    private let name: String
    private let condition = MonotonicCondition()
    // Guarded by `condition`.
    private var jobs: [() -> Void] = []
    private var timed: [(due: Double, job: () -> Void)] = []
    private var stopping = false
    private var dropQueued = false
    private var running = false

    public init(name: String) {
        self.name = name
    }

    /// Starts the thread; jobs given before it start run first.
    public func start() {
        condition.lock()
        running = true
        condition.unlock()
        let thread = Thread { [self] in
            blockWindowSignalsOnThisThread()
            run()
        }
        thread.name = name
        thread.start()
    }

    public func submit(_ job: @escaping () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.broadcast()
        condition.unlock()
    }

    public func submit(after seconds: Double, _ job: @escaping () -> Void) {
        condition.lock()
        timed.append((MonotonicCondition.uptime() + seconds, job))
        condition.broadcast()
        condition.unlock()
    }

    /// Runs `body` on the worker and waits for it (never from the worker itself).
    public func sync<T>(_ body: @escaping () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        submit {
            box.value = body()
            done.signal()
        }
        done.wait()
        return box.value!
    }

    /// Ends the thread and waits for it. Timed jobs not yet due are dropped;
    /// so are queued ones when `dropQueued` (else they run first).
    /// `whileStopping` runs once the worker knows, before the wait: a lane
    /// cancels its request in flight there.
    public func stop(dropQueued: Bool, whileStopping: () -> Void = {}) {
        condition.lock()
        stopping = true
        self.dropQueued = dropQueued
        if dropQueued { jobs.removeAll() }
        timed.removeAll()
        condition.broadcast()
        condition.unlock()
        whileStopping()
        condition.lock()
        while running { condition.wait() }
        condition.unlock()
    }

    private func run() {
        condition.lock()
        while true {
            let now = MonotonicCondition.uptime()
            if let index = timed.indices.min(by: { timed[$0].due < timed[$1].due }), timed[index].due <= now {
                jobs.append(timed.remove(at: index).job)
            }
            if stopping && dropQueued { jobs.removeAll() }
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
        running = false
        condition.broadcast()
        condition.unlock()
    }
}

/// Carries a result from the worker's thread back to the caller of `sync`.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

/// Resizes must reach the UI thread, not the workers'.
public func blockWindowSignalsOnThisThread() {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGWINCH)
    pthread_sigmask(SIG_BLOCK, &set, nil)
}
