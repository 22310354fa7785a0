import Foundation
import Logging

/// The presence engine: logs in, runs the dashui long poll on a thread of
/// its own, folds every answer into the state store and publishes snapshots
/// through the mailbox. It knows nothing of screens.
public final class PresenceEngine: @unchecked Sendable {
    public struct Configuration: Sendable {
        /// Extensions to watch; empty means all the dashboard allows.
        public var extensions: [String] = []
        public var policy = PollStateMachine.Policy()
        public init(extensions: [String] = []) { self.extensions = extensions }
    }

    public let mailbox = SnapshotMailbox()
    private let client: VonageClient
    private let configuration: Configuration
    private let logger: Logger
    private let stopCondition = NSCondition()
    // Guarded by `stopCondition`.
    private var stopRequested = false
    private var finished = false
    private var thread: Thread?

    public init(client: VonageClient, configuration: Configuration = Configuration(), logger: Logger) {
        self.client = client
        self.configuration = configuration
        self.logger = logger
    }

    /// Starts the poll thread; returns at once.
    public func start() {
        let thread = Thread { [self] in
            blockWindowSignals()
            run()
            stopCondition.lock()
            finished = true
            stopCondition.broadcast()
            stopCondition.unlock()
        }
        thread.name = "presence-engine"
        self.thread = thread
        thread.start()
    }

    /// Stops the poll at once (cancelling a request in flight) and waits
    /// for the thread to end.
    public func stop() {
        stopCondition.lock()
        stopRequested = true
        stopCondition.broadcast()
        stopCondition.unlock()
        client.transport.cancel()
        guard thread != nil else { return }
        stopCondition.lock()
        while !finished { stopCondition.wait() }
        stopCondition.unlock()
    }

    private var shouldStop: Bool {
        stopCondition.lock()
        defer { stopCondition.unlock() }
        return stopRequested
    }

    /// Sleeps for a back-off, waking early when asked to stop.
    private func sleep(seconds: Double) {
        let deadline = Date(timeIntervalSinceNow: seconds)
        stopCondition.lock()
        while !stopRequested && stopCondition.wait(until: deadline) {}
        stopCondition.unlock()
    }

    private func run() {
        var machine = PollStateMachine(policy: configuration.policy)
        var store = StateStore()
        var counters = EngineCounters()
        var generator = SystemRandomNumberGenerator()
        var pending = machine.next(after: .started, now: Date(), jitter: 0)

        while !pending.isEmpty && !shouldStop {
            let step = pending.removeFirst()
            var outcome: PollStateMachine.Outcome?
            switch step {
            case .login:
                outcome = login(counters: &counters)
            case .poll(let firstRequest):
                outcome = poll(firstRequest: firstRequest, counters: &counters)
            case .backoff(let seconds):
                logger.debug("backing off", metadata: ["seconds": "\(String(format: "%.1f", seconds))"])
                sleep(seconds: seconds)
            case .fold(let answer, let complete):
                store.fold(answer, isComplete: complete, at: Date())
            case .confirmCurrent:
                store.confirm(at: Date())
            }
            if let outcome {
                if shouldStop { break }
                pending = machine.next(after: outcome, now: Date(), jitter: Double.random(in: 0..<1, using: &generator))
            }
            store.setHealth(machine.health)
            mailbox.publish(store.snapshot, counters: counters)
        }
        logger.info("presence engine stopped")
    }

    private func login(counters: inout EngineCounters) -> PollStateMachine.Outcome? {
        do {
            try client.login()
            counters.logins += 1
            logger.info("logged in")
            return .loggedIn
        } catch .unreachable(.cancelled) {
            return nil
        } catch .refused(let reason) {
            logger.warning("login refused", metadata: ["reason": "\(reason)"])
            return .loginRefused(reason: reason)
        } catch .noCredentials(let why) {
            logger.error("no credentials", metadata: ["reason": "\(why)"])
            return .loginRefused(reason: why)
        } catch {
            logger.warning("login failed", metadata: ["error": "\(error)"])
            return .loginUnreachable(reason: error.description)
        }
    }

    private func poll(firstRequest: Bool, counters: inout EngineCounters) -> PollStateMachine.Outcome? {
        let response: HTTPResponse
        do {
            response = try client.dashui(firstRequest: firstRequest, extensions: configuration.extensions)
        } catch .cancelled {
            return nil
        } catch {
            counters.networkErrors += 1
            logger.warning("dashui request failed", metadata: ["error": "\(error)"])
            return .networkFailed(error)
        }
        switch response.status {
        case 200:
            do {
                let answer = try DashuiDecoder.decode(response.body, receivedAt: .now())
                counters.changed += 1
                return .changed(answer)
            } catch {
                counters.decodeErrors += 1
                logger.warning("dashui answer not understood", metadata: ["error": "\(error)", "bytes": "\(response.body.count)"])
                return .malformed(error)
            }
        case 304:
            counters.unchanged += 1
            return .unchanged
        case 409:
            counters.conflicts += 1
            logger.info("dashui answered 409: session busy with another poll")
            return .conflict
        case 500...:
            counters.serverErrors += 1
            logger.warning("dashui server error", metadata: ["status": "\(response.status)"])
            return .serverError(status: response.status)
        default:
            counters.sessionLosses += 1
            logger.info("dashui session lost", metadata: ["status": "\(response.status)"])
            return .sessionLost(status: response.status)
        }
    }
}

/// Resizes must reach the UI thread, not this one.
private func blockWindowSignals() {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGWINCH)
    pthread_sigmask(SIG_BLOCK, &set, nil)
}
