import Foundation
import Logging
import Synchronization

/// The presence engine: logs in, runs the dashui long poll on a thread of
/// its own, refreshes the directory, queues and bridges on a second thread
/// (sharing the session's cookies), folds everything into the state store
/// and publishes snapshots through the mailbox and events through
/// `events()`. It knows nothing of screens.
public final class PresenceEngine: @unchecked Sendable {
    public struct Configuration: Sendable {
        /// Extensions to watch; empty means all the dashboard allows.
        public var extensions: [String] = []
        public var policy = PollStateMachine.Policy()
        /// Seconds between requests for a queue or bridge that is moving
        /// (and soon after the long poll hints at one).
        public var refreshSeconds = 5.0
        /// The longest a queue or bridge that stays the same goes unasked.
        public var quietRefreshSeconds = 30.0
        /// Seconds between directory refreshes.
        public var directorySeconds = 60.0
        /// The account's time zone, for call history times.
        public var timeZone = TimeZone.current
        /// What every request the board makes on its own (the long poll,
        /// details, the directory, the journal's fills) keeps to, on average
        /// (`RequestGate`); a user's own requests never wait for it.
        public var maxRequestsPerMinute = 120
        /// A queue's or bridge's figures are marked stale on their own when
        /// no answer came for this long (one failing queue among answering ones).
        public var itemStaleSeconds = 60.0
        public init(extensions: [String] = []) { self.extensions = extensions }
    }

    public let mailbox = SnapshotMailbox()
    /// Directory, details, click-to-call, history and recordings, on the
    /// service thread's transport (the same session as the long poll).
    public let services: VonageServices
    private let pollClient: VonageClient
    private let configuration: Configuration
    private let logger: Logger
    private let hub = EventHub()
    // Guarded by `lock`.
    private let lock = MonotonicCondition()
    private var store = StateStore()
    private var counters = EngineCounters()
    private var stopRequested = false
    private var runningThreads = 0
    private var loggedInOnce = false
    /// The poll thread's: the session its diffs belong to (noted at the
    /// first request that started it), and the one its last request went
    /// out on (`SessionGate.generation`).
    private var pollSession = 0
    private var pollSentOn = SessionGate.Note(generation: 0, attempts: 0)
    /// Queues and bridges the long poll saw move, for the refresh scheduler.
    private var pendingHints = RefreshScheduler.Hints()
    /// What the board shows, for the refresh scheduler (set by `refreshFirst`).
    private var pendingSeen: Set<RefreshScheduler.Item>??
    /// When a queue or bridge request last got an answer, and how many have
    /// failed in a row since (service thread only).
    private var servicesLastAnswered = Date.distantPast
    private var servicesFailuresInARow = 0
    /// The user's requests (calls, history, details) and recording
    /// downloads, each on a thread and a connection of its own, so a key
    /// never waits behind the refresh round or a long download.
    private let actions: JobLane
    private let downloads: JobLane?
    /// Long background reads (the journal's history backfill), on a lane of
    /// their own so they delay neither the user's requests nor downloads.
    private let background: JobLane?
    /// Connections that ask for due queues and bridges side by side.
    private let refreshLanes: [JobLane]?
    /// How many: a few requests at once are kind to the service and cut a
    /// round of 100 items over a 100 ms link from 10 s to 2.5 s.
    public static let refreshConnections = 4

    /// An engine talking to `server` with one shared in-memory cookie jar.
    public convenience init(server: ServerAddress, credentials: any CredentialsProvider,
                            configuration: Configuration = Configuration(), logger: Logger) {
        let cookies = CookieJar()
        let session = SessionGate()
        let gate = RequestGate(perMinute: configuration.maxRequestsPerMinute)
        func client(_ kind: RequestKind? = nil) -> VonageClient {
            let transport = CurlTransport(server: server, cookies: cookies)
            return VonageClient(transport: kind.map { BudgetedTransport(transport, gate: gate, kind: $0) } ?? transport,
                                credentials: credentials, session: session)
        }
        self.init(pollClient: client(.live), serviceClient: client(.details), actionClient: client(), downloadClient: client(),
                  backgroundClient: client(.journal), refreshClients: (0..<Self.refreshConnections).map { _ in client(.details) },
                  configuration: configuration, logger: logger)
    }

    /// The clients must share a cookie jar and its `SessionGate` (one
    /// session). Without a download client downloads share the action lane.
    public init(pollClient: VonageClient, serviceClient: VonageClient, actionClient: VonageClient, downloadClient: VonageClient? = nil,
                backgroundClient: VonageClient? = nil,
                refreshClients: [VonageClient] = [], configuration: Configuration = Configuration(), logger: Logger) {
        let clients = [serviceClient, actionClient] + [downloadClient, backgroundClient].compactMap { $0 } + refreshClients
        precondition(clients.allSatisfy { $0.session === pollClient.session }, "the engine's clients must share one SessionGate")
        self.pollClient = pollClient
        self.services = VonageServices(client: serviceClient, timeZone: configuration.timeZone, logger: logger)
        self.configuration = configuration
        self.logger = logger
        actions = JobLane(name: "presence-actions", services: VonageServices(client: actionClient, timeZone: configuration.timeZone, logger: logger), logger: logger)
        downloads = downloadClient.map { JobLane(name: "presence-downloads", services: VonageServices(client: $0, timeZone: configuration.timeZone, logger: logger), logger: logger) }
        background = backgroundClient.map { JobLane(name: "presence-background", services: VonageServices(client: $0, timeZone: configuration.timeZone, logger: logger), logger: logger) }
        refreshLanes = refreshClients.isEmpty ? nil : refreshClients.enumerated().map { index, client in
            JobLane(name: "presence-refresh-\(index + 1)", services: VonageServices(client: client, timeZone: configuration.timeZone, logger: logger), logger: logger)
        }
    }

    /// The queues and bridges people can see now (nil: all of them): those
    /// are refreshed first, the rest up to `unseenQuietSeconds` apart.
    public func refreshFirst(_ items: Set<RefreshScheduler.Item>?) {
        lock.lock()
        pendingSeen = .some(items)
        lock.broadcast()
        lock.unlock()
    }

    /// Every change from now on, for as long as the stream is consumed.
    public func events() -> AsyncStream<EngineEvent> { hub.stream() }

    /// Every change from now on, handed to `handler` in version order on the
    /// engine's thread: it must return at once (queue the events, no I/O).
    /// `current` is first given the state those changes follow, under the
    /// same lock: an engine already running (the board starts it before the
    /// journal) has nothing missed and nothing told twice.
    public func onEvents(current: (PresenceSnapshot) -> Void = { _ in }, _ handler: @escaping @Sendable ([EngineEvent]) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        current(store.snapshot)
        hub.listen(handler)
    }

    /// Starts both threads; returns at once.
    public func start() {
        lock.lock()
        runningThreads = 2
        lock.unlock()
        spawn("presence-poll") { self.runPoll() }
        spawn("presence-services") { self.runServices() }
        actions.start()
        downloads?.start()
        background?.start()
        refreshLanes?.forEach { $0.start() }
    }

    private func spawn(_ name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            blockWindowSignalsOnThisThread()
            body()
            lock.lock()
            runningThreads -= 1
            lock.broadcast()
            lock.unlock()
        }
        thread.name = name
        thread.start()
    }

    /// Stops at once (cancelling requests in flight) and waits for both threads.
    public func stop() {
        lock.lock()
        stopRequested = true
        lock.broadcast()
        lock.unlock()
        // Every connection before any wait: a lane waiting at the
        // `SessionGate` for another lane's login must not wait for that
        // login to time out.
        let lanes = [actions] + [downloads, background].compactMap { $0 } + (refreshLanes ?? [])
        pollClient.transport.cancel()
        services.client.transport.cancel()
        lanes.forEach { $0.services.client.transport.cancel() }
        lanes.forEach { $0.stop() }
        lock.lock()
        while runningThreads > 0 { lock.wait() }
        lock.unlock()
        hub.finish()
    }

    /// Runs a request a person is waiting for (a call, a history page, a
    /// lookup) at once on the action lane, in the order submitted.
    public func submit(_ job: @escaping @Sendable (VonageServices) -> Void) {
        actions.submit(job)
    }

    /// Runs a download (a recording) on a lane of its own, so a long one
    /// holds up neither the refreshes nor the user's other requests.
    public func download(_ job: @escaping @Sendable (VonageServices) -> Void) {
        if let downloads { return downloads.submit(job) }
        submit(job)
    }

    /// Runs a long background read (the journal's backfill) on its own lane.
    public func runInBackground(_ job: @escaping @Sendable (VonageServices) -> Void) {
        if let background { return background.submit(job) }
        download(job)
    }

    // MARK: Shared state

    private var shouldStop: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopRequested
    }

    /// Changes the store and publishes the snapshot and events under one
    /// lock, so the two engine threads publish in version order: `watch`
    /// prints events in the order of the changes, and the mailbox sees
    /// versions only grow. (Publishing takes the mailbox's own short lock
    /// and yields to the event streams; neither calls back into the engine.)
    @discardableResult
    private func update(_ change: (inout StateStore, inout EngineCounters) -> [EngineEvent]) -> [EngineEvent] {
        lock.lock()
        defer { lock.unlock() }
        let events = change(&store, &counters)
        mailbox.publish(store.snapshot, counters: counters)
        hub.emit(events)
        return events
    }

    /// Sleeps `seconds` on the monotonic clock, or until stopped or `wake`.
    private func sleep(seconds: Double, wakeWhen wake: () -> Bool = { false }) {
        let deadline = MonotonicCondition.uptime() + max(0, seconds)
        lock.lock()
        while !stopRequested && !wake() && lock.wait(untilUptime: deadline) {}
        lock.unlock()
    }

    /// "Now" for the refresh schedule: the monotonic clock as a Date (only
    /// differences count), so a wall-clock jump moves no refresh.
    private static func scheduleNow() -> Date { Date(timeIntervalSinceReferenceDate: MonotonicCondition.uptime()) }

    // MARK: The long poll

    private func runPoll() {
        var machine = PollStateMachine(policy: configuration.policy)
        var generator = SystemRandomNumberGenerator()
        var pending = machine.next(after: .started, now: Date(), jitter: 0)

        while !pending.isEmpty && !shouldStop {
            let step = pending.removeFirst()
            var outcome: PollStateMachine.Outcome?
            switch step {
            case .login:
                outcome = login()
            case .poll(let firstRequest):
                outcome = poll(firstRequest: firstRequest)
            case .backoff(let seconds):
                logger.debug("backing off", metadata: ["seconds": "\(String(format: "%.1f", seconds))"])
                sleep(seconds: seconds)
            case .gather(let seconds):
                sleep(seconds: seconds)
            case .fold(let answer, let complete):
                let health = machine.health
                update { store, _ in
                    // Under the lock: what moved, from the states before and
                    // after; the service thread wakes for it.
                    pendingHints.formUnion(Self.hints(answer.extensions, store: store))
                    lock.broadcast()
                    return store.fold(answer, isComplete: complete, at: Date()) + store.setHealth(health)
                }
                // A complete answer of a large account leaves megabytes of
                // freed parse buffers in malloc's free lists: give them back.
                if complete && answer.extensions.count >= 1_000 { MemoryRelease.trim() }
            case .confirmCurrent:
                update { store, _ in store.confirm(at: Date()); return [] }
            }
            if let outcome {
                if shouldStop { break }
                pending = machine.next(after: outcome, now: Date(), jitter: Double.random(in: 0..<1, using: &generator))
            }
            // An answer still to fold brings its health with it (above): a
            // listener told "live" reads the answer that made it live, not
            // the states from before an outage (the journal plans its
            // history reads from them).
            if case .fold? = pending.first { continue }
            let health = machine.health
            update { store, _ in store.setHealth(health) }
        }
        logger.info("presence poll stopped")
    }

    private func count(_ change: (inout EngineCounters) -> Void) {
        lock.lock()
        change(&counters)
        lock.unlock()
    }

    /// Logs in, unless another thread tried since the poll's last request
    /// was asked for (its session is then the new one, or its failure this
    /// one's too).
    private func login() -> PollStateMachine.Outcome? {
        do {
            let renewal = try pollClient.renewSession(since: pollSentOn)
            if renewal.loggedIn { count { $0.logins += 1 } }
            update { store, _ in store.setAccountName(renewal.accountName); return [] }
            lock.lock()
            loggedInOnce = true
            lock.broadcast()
            lock.unlock()
            logger.info(renewal.loggedIn ? "logged in" : "logged in by another thread")
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

    private func poll(firstRequest: Bool) -> PollStateMachine.Outcome? {
        let note = pollClient.session.note
        // Another thread logged in: a long poll would ask the new session
        // for changes since a state it never sent.
        if !firstRequest && note.generation != pollSession { return .sessionRenewed }
        pollSentOn = note
        let response: HTTPResponse
        do {
            response = try pollClient.dashui(firstRequest: firstRequest, extensions: configuration.extensions)
        } catch .cancelled {
            return nil
        } catch {
            count { $0.networkErrors += 1 }
            logger.warning("dashui request failed", metadata: ["error": "\(error)"])
            return .networkFailed(error)
        }
        // The session changed while the request was out (perhaps while it
        // waited for the budget): the answer may be either session's, so
        // the new one starts with a first request.
        if pollClient.session.renewed(since: note) { return .sessionRenewed }
        if firstRequest && (response.status == 200 || response.status == 304) { pollSession = note.generation }
        switch response.status {
        case 200:
            do {
                let answer = try DashuiDecoder.decode(response.body, receivedAt: .now())
                count { $0.changed += 1 }
                if answer.repairedInvalidUTF8 {
                    logger.warning("dashui answer had bytes that are not UTF-8; shown as �", metadata: ["bytes": "\(response.body.count)"])
                }
                if answer.unreadableFields > 0 {
                    logger.warning("dashui answer had fields that could not be read; shown as unknown",
                                   metadata: ["fields": "\(answer.unreadableFields)"])
                }
                return .changed(answer)
            } catch {
                count { $0.decodeErrors += 1 }
                logger.warning("dashui answer not understood", metadata: ["error": "\(error)", "bytes": "\(response.body.count)"])
                return .malformed(error)
            }
        case 304:
            count { $0.unchanged += 1 }
            return .unchanged
        case 409:
            count { $0.conflicts += 1 }
            logger.info("dashui answered 409: session busy with another poll")
            return .conflict
        case 429, 500...:
            // 429: too many requests. Backed off like a server error (the
            // budget also waits out its Retry-After), never a lost session.
            count { $0.serverErrors += 1 }
            logger.warning("dashui server error", metadata: ["status": "\(response.status)"])
            return .serverError(status: response.status)
        default:
            count { $0.sessionLosses += 1 }
            logger.info("dashui session lost", metadata: ["status": "\(response.status)"])
            return .sessionLost(status: response.status)
        }
    }

    // MARK: The service thread

    /// Queues and bridges an answer of the long poll hints at (`RefreshScheduler.hints`).
    private static func hints(_ states: [ExtensionState], store: StateStore) -> RefreshScheduler.Hints {
        guard let directory = store.snapshot.directory else { return RefreshScheduler.Hints() }
        return RefreshScheduler.hints(states, before: { store.snapshot.extensions[$0] }, bridges: Set(directory.conferences.keys))
    }

    /// Queues with callers or calls at their last answer: where a queue call seen now may be.
    private static func activeQueues(_ store: StateStore) -> Set<String> {
        Set(store.snapshot.queues.values.filter { $0.callersWaiting > 0 || $0.numberOfCalls > 0 }.map(\.number))
    }

    /// The service thread: the user's requests when there is no action
    /// lane, the directory every minute, and queue and bridge details when
    /// the `RefreshScheduler` says they are due.
    private func runServices() {
        // Let the long poll log in first, so both threads share one session.
        sleep(seconds: 10) { loggedInOnce }
        var nextDirectory = Date.distantPast
        var scheduler = RefreshScheduler(policy: .init(baseSeconds: configuration.refreshSeconds, quietSeconds: configuration.quietRefreshSeconds))
        var random = SystemRandomNumberGenerator()
        // A failing directory is asked again later and later; failing queue
        // and bridge services are probed one item at a time, later and later,
        // until one answers: neither grows with the account or the traffic.
        var directoryBackoff = Backoff(baseSeconds: configuration.refreshSeconds, capSeconds: configuration.directorySeconds)
        var servicesBackoff = Backoff(baseSeconds: 2, capSeconds: 60)
        var probeAt: Date?
        // When each queue and bridge was last answered (schedule time, wall time).
        var answeredAt: [RefreshScheduler.Item: (at: Date, wall: Date)] = [:]
        while !shouldStop {
            if Self.scheduleNow() >= nextDirectory {
                let wait: Double
                if refreshDirectory() {
                    directoryBackoff.succeeded()
                    wait = configuration.directorySeconds
                } else {
                    wait = directoryBackoff.failed(jitter: Double.random(in: 0..<1, using: &random))
                }
                nextDirectory = Self.scheduleNow().addingTimeInterval(wait)
                lock.lock()
                let directory = store.snapshot.directory
                lock.unlock()
                if let directory {
                    scheduler.setItems(queues: directory.queues.keys, bridges: directory.conferences.keys, now: Self.scheduleNow())
                    // What has calls now is moving: asked at the base interval.
                    scheduler.hint(directory.queueCalls.filter { $0.value > 0 }.keys.map(RefreshScheduler.Item.queue)
                                   + directory.conferenceCalls.filter { $0.value > 0 }.keys.map(RefreshScheduler.Item.bridge), now: Self.scheduleNow())
                }
            }
            takeHintsAndSeen(into: &scheduler)
            var due = scheduler.due(now: Self.scheduleNow())
            if let probeAt { due = Self.scheduleNow() < probeAt ? [] : scheduler.longestDue(now: Self.scheduleNow()).map { [$0] } ?? [] }
            if !due.isEmpty {
                let round = refresh(due, scheduler: &scheduler, answeredAt: &answeredAt)
                if round.answered > 0 {
                    servicesBackoff.succeeded()
                    probeAt = nil
                } else if round.failed > 0, probeAt != nil || round.failed >= min(3, due.count) {
                    probeAt = Self.scheduleNow().addingTimeInterval(servicesBackoff.failed(jitter: Double.random(in: 0..<1, using: &random)))
                }
            }
            let staleCheck = markStaleItems(&answeredAt)
            // While probing, the items already due wait for the probe: waking for them would spin.
            let wakeAt = min(nextDirectory, staleCheck, probeAt ?? scheduler.nextDue ?? .distantFuture)
            sleep(seconds: wakeAt.timeIntervalSince(Self.scheduleNow())) { !pendingHints.isEmpty || pendingSeen != nil }
        }
        logger.info("presence services stopped")
    }

    /// What the long poll hinted at since the last turn, and what the board
    /// now says is on screen, handed to the scheduler.
    private func takeHintsAndSeen(into scheduler: inout RefreshScheduler) {
        lock.lock()
        let hinted = pendingHints
        pendingHints = RefreshScheduler.Hints()
        if let seen = pendingSeen { scheduler.setSeen(seen, now: Self.scheduleNow()) }
        pendingSeen = nil
        let active = hinted.queueCall ? Self.activeQueues(store) : []
        lock.unlock()
        scheduler.hint(hinted.bridges, now: Self.scheduleNow())
        if hinted.queueCall { scheduler.hintQueueCall(active: active, now: Self.scheduleNow()) }
    }

    /// Returns false when the directory could not be fetched (retried sooner).
    private func refreshDirectory() -> Bool {
        do {
            let directory = try services.directory()
            update { store, _ in store.fold(directory: directory) }
            if directory.extensions.count >= 1_000 { MemoryRelease.trim() }
            return true
        } catch {
            if case .transport(.cancelled) = error { return false }
            count { $0.serviceErrors += 1 }
            logger.warning("directory refresh failed", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Asks for the due queues and bridges, folds what comes back and tells
    /// the scheduler whether it changed.
    @discardableResult
    private func refresh(_ items: [RefreshScheduler.Item], scheduler: inout RefreshScheduler,
                         answeredAt: inout [RefreshScheduler.Item: (at: Date, wall: Date)]) -> RefreshRound {
        var round = RefreshRound()
        for (item, outcome) in fetchAll(items) {
            switch outcome {
            case .answered(let changed, let waiting):
                round.answered += 1
                answeredAt[item] = (Self.scheduleNow(), Date())
                scheduler.answered(item, changed: changed, waiting: waiting, now: Self.scheduleNow())
            case .failed(let error):
                scheduler.failed(item, now: Self.scheduleNow())
                if case .transport(.cancelled) = error { continue }
                round.failed += 1
                count { $0.serviceErrors += 1 }
                logger.debug("refresh failed", metadata: ["item": "\(item)", "error": "\(error)"])
            case .skipped:
                scheduler.failed(item, now: Self.scheduleNow())
            }
        }
        markServices(round, items: scheduler.count)
        return round
    }

    /// Marks the queues and bridges last answered more than
    /// `Configuration.itemStaleSeconds` ago and forgets them until they
    /// answer again (the answer, folded, clears the mark); returns when the
    /// next one would turn stale.
    private func markStaleItems(_ answeredAt: inout [RefreshScheduler.Item: (at: Date, wall: Date)]) -> Date {
        let now = Self.scheduleNow()
        var next = Date.distantFuture
        var stale: [(RefreshScheduler.Item, Date)] = []
        for (item, answered) in answeredAt {
            let turns = answered.at.addingTimeInterval(configuration.itemStaleSeconds)
            if turns <= now { stale.append((item, answered.wall)) } else { next = min(next, turns) }
        }
        for (item, _) in stale { answeredAt[item] = nil }
        if !stale.isEmpty {
            update { store, _ in
                for (item, since) in stale { store.markStale(item, since: since) }
                return []
            }
        }
        return next
    }

    /// What asking for one queue or bridge came to.
    private enum FetchOutcome: Sendable {
        /// `waiting`: a queue with callers waiting (asked again soon).
        case answered(changed: Bool, waiting: Bool)
        case failed(ServiceError)
        /// Not asked: the server did not answer the requests before it.
        case skipped
    }

    /// Asks for `items` over the refresh connections at once, each taking
    /// its share in turn (or one after another on the service thread's own
    /// connection when there are none). A connection whose server fails
    /// three requests in a row (no answer, or a refusal) skips the rest of
    /// its share, so a dead or refusing server costs a few requests, not one per item.
    private func fetchAll(_ items: [RefreshScheduler.Item]) -> [(RefreshScheduler.Item, FetchOutcome)] {
        guard let lanes = refreshLanes, items.count > 1 else { return fetchInTurn(items, with: services) }
        let shares = (0..<lanes.count).map { lane in stride(from: lane, to: items.count, by: lanes.count).map { items[$0] } }
        let results = Mutex<[(RefreshScheduler.Item, FetchOutcome)]>([])
        let group = DispatchGroup()
        for (lane, share) in zip(lanes, shares) where !share.isEmpty {
            group.enter()
            lane.submit { [self] services in
                let outcomes = fetchInTurn(share, with: services)
                results.withLock { $0 += outcomes }
                group.leave()
            }
        }
        // Stopping drops queued shares: never wait past a stop.
        while group.wait(timeout: .now() + 0.5) == .timedOut { if shouldStop { return [] } }
        let byItem = Dictionary(results.withLock { $0 }, uniquingKeysWith: { first, _ in first })
        return items.compactMap { item in byItem[item].map { (item, $0) } }
    }

    private func fetchInTurn(_ items: [RefreshScheduler.Item], with services: VonageServices) -> [(RefreshScheduler.Item, FetchOutcome)] {
        var failuresInARow = 0
        var outcomes: [(RefreshScheduler.Item, FetchOutcome)] = []
        for item in items {
            guard !shouldStop, failuresInARow < 3 else {
                outcomes.append((item, .skipped))
                continue
            }
            do throws(ServiceError) {
                let changed: Bool
                var waiting = false
                switch item {
                case .queue(let number):
                    let queue = try services.queue(number)
                    changed = !update { store, _ in store.fold(queue: queue) }.isEmpty
                    waiting = queue.callersWaiting > 0
                case .bridge(let number):
                    let bridge = try services.conference(number)
                    changed = !update { store, _ in store.fold(bridge: bridge) }.isEmpty
                }
                failuresInARow = 0
                outcomes.append((item, .answered(changed: changed, waiting: waiting)))
            } catch {
                failuresInARow += 1
                outcomes.append((item, .failed(error)))
            }
        }
        return outcomes
    }

    /// The panes are marked stale when the services are down (no answer
    /// to several requests in a row), not for one failed request among
    /// many: that item keeps its last value and is asked again soon. The log says when an outage
    /// starts and ends, not every round.
    private func markServices(_ round: RefreshRound, items: Int) {
        guard !shouldStop, round.answered + round.failed > 0 else { return }
        servicesFailuresInARow = round.answered > 0 ? 0 : servicesFailuresInARow + round.failed
        // Items are asked a few at a time now: the services count as down
        // after three failures in a row (or every item, when there are fewer).
        let down = round.answered == 0 && servicesFailuresInARow >= min(3, max(1, items))
        guard round.answered > 0 || down else { return }
        let failingSince: Date? = round.answered > 0 ? nil : servicesLastAnswered
        if failingSince == nil { servicesLastAnswered = Date() }
        var turned = false
        update { store, _ in turned = store.setServicesFailing(since: failingSince); return [] }
        if turned, failingSince != nil {
            logger.warning("queue and bridge services not answering; their last values stay on the board, marked stale")
        } else if turned {
            logger.info("queue and bridge services answering again")
        }
    }

    /// What one round of queue and bridge requests got.
    private struct RefreshRound {
        var answered = 0
        var failed = 0
    }

}

/// Returns freed heap memory to the system after large, rare allocations
/// (a complete answer or the directory of a large account), so a board
/// left running for weeks does not keep their peak.
public enum MemoryRelease {
    public static func trim() {
        #if os(Linux)
        _ = glibcMallocTrim(0)
        #endif
    }

    /// How the programs set glibc's allocator up, first thing (the board
    /// and the benchmarks alike, so these measure what runs):
    /// - two arenas (`M_ARENA_MAX`): glibc gives each thread that allocates
    ///   an arena of its own, and what one thread frees of another's keeps
    ///   both arenas' pages; two serve the board's few threads;
    /// - a large account's answer (megabytes) taken from the heap and given
    ///   back by `trim` after it (`M_MMAP_THRESHOLD`, `M_TRIM_THRESHOLD`),
    ///   not mapped, zeroed and unmapped again for each one.
    public static func configure() {
        #if os(Linux)
        _ = glibcMallopt(-8, 2)  // M_ARENA_MAX
        _ = glibcMallopt(-3, 32 << 20)  // M_MMAP_THRESHOLD
        _ = glibcMallopt(-1, 32 << 20)  // M_TRIM_THRESHOLD
        #endif
    }
}

#if os(Linux)
/// glibc's `malloc_trim` and `mallopt` (malloc.h is not in Swift's Glibc module).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
