import Foundation
import Logging

/// A thread of its own with a connection of its own (in the same session,
/// sharing the cookie jar), for work a person is waiting for: a
/// click-to-call, a history page, a recording. Jobs run one at a time in
/// the order they were submitted (two calls placed in a row go out in that
/// order), and never wait behind the queue and bridge refresh round.
final class JobLane: @unchecked Sendable {
    let services: VonageServices
    private let name: String
    private let logger: Logger
    private let lock = NSCondition()
    // Guarded by `lock`.
    private var jobs: [@Sendable (VonageServices) -> Void] = []
    private var stopping = false
    private var running = false

    init(name: String, services: VonageServices, logger: Logger) {
        self.name = name
        self.services = services
        self.logger = logger
    }

    func start() {
        lock.lock()
        running = true
        lock.unlock()
        let thread = Thread { [self] in
            blockWindowSignalsOnThisThread()
            run()
            lock.lock()
            running = false
            lock.broadcast()
            lock.unlock()
        }
        thread.name = name
        thread.start()
    }

    func submit(_ job: @escaping @Sendable (VonageServices) -> Void) {
        lock.lock()
        jobs.append(job)
        lock.broadcast()
        lock.unlock()
    }

    /// Cancels the request in flight, drops what is queued, waits for the thread.
    func stop() {
        lock.lock()
        stopping = true
        jobs.removeAll()
        lock.broadcast()
        lock.unlock()
        services.client.transport.cancel()
        lock.lock()
        while running { lock.wait() }
        lock.unlock()
    }

    private func run() {
        while true {
            lock.lock()
            while jobs.isEmpty && !stopping { lock.wait() }
            if stopping {
                lock.unlock()
                break
            }
            let job = jobs.removeFirst()
            lock.unlock()
            job(services)
        }
        logger.debug("\(name) stopped")
    }
}

/// Resizes must reach the UI thread, not the engine's.
public func blockWindowSignalsOnThisThread() {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGWINCH)
    pthread_sigmask(SIG_BLOCK, &set, nil)
}
