import Foundation
import GRDB
import Logging
import PresenceEngine

/// The journal's life beside the board: consumes the engine's changes in
/// order, writes them on a queue of its own (never the UI thread, never the
/// long poll), fills in from the call history what the board did not see
/// (`HistoryFillPlan`: one extension at a time, on the journal's share of
/// the request budget), prunes daily, and hands the board a new
/// `JournalSummary` after each change (at most every `viewInterval`).
public final class JournalService: @unchecked Sendable {
    public struct Options: Sendable {
        public var path: String
        /// Days kept (`journal_days`).
        public var keepDays = 90
        /// Missed calls are listed from the start of the day this many days back (1: yesterday).
        public var missedDays = 1
        /// Minutes between history reads of the calls the board saw only in passing (0: only at start and after outages).
        public var backfillMinutes = 15.0
        /// The service level's target wait (`service_level_seconds`).
        public var serviceLevelSeconds = ServiceLevel.defaultSeconds
        public var timeZone = TimeZone.current
        /// The signed-in user (whose own extensions are read when the account's others are not allowed).
        public var user = ""
        /// A cap on the file's pages (SQLite's `max_page_count`): the tests' full disk.
        public var maximumPageCount: Int?

        public init(path: String) { self.path = path }
    }

    private let options: Options
    private let clock: @Sendable () -> Date
    private let logger: Logger
    private let publish: @Sendable (JournalSummary) -> Void
    /// Every field below is touched only on `queue`, the journal's own thread.
    private let queue = SerialWorker(name: "switchboard-journal")
    private var database: JournalDatabase?
    private var problem: JournalProblem?
    private var observer = CallObserver()
    private var lastSample: [String: QueueSample] = [:]
    private var queues: [String: QueueState] = [:]
    private var health: ConnectionHealth?
    private var wasDown = false
    private var viewPending = false
    private var digest: Digest?
    /// What the history fill has still to read, and the read under way.
    private var plan = HistoryFillPlan()
    private var reading = false
    private var retryPending = false
    /// Extensions the plan has still to read, as of the last step.
    private var historyLeft = 0
    private var fillTally = (reads: 0, rows: 0, failures: 0)
    /// The people in the plan's order, kept while the directory is the same.
    private var order: (directoryVersion: Int, numbers: [String], own: Set<String>)?
    private var lastPeriodic: Date?
    private var prunedDay = ""
    private var retryAfter: Date?
    /// When the last run was last seen, while its digest is still to be made.
    private var digestSince: Date?
    private var lastLive: Date?
    /// The last view published, and what it cost in seconds of this thread.
    private var view: JournalSummary?
    private var lastViewCost = 0.0
    private var stopped = false
    private weak var engine: PresenceEngine?
    private let day: LocalDay
    public static let viewInterval = 1.0

    public init(options: Options, clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger,
                publish: @escaping @Sendable (JournalSummary) -> Void) {
        self.options = options
        self.clock = clock
        self.logger = logger
        self.publish = publish
        self.day = LocalDay(timeZone: options.timeZone)
        queue.start()
    }

    /// Opens the journal and starts following `engine`; returns at once.
    public func start(engine: PresenceEngine) {
        self.engine = engine
        queue.submit { self.openDatabase() }
        // What the engine already knows comes first, as if it had just
        // changed: it may have gone live before the journal listened.
        engine.onEvents(current: { snapshot in
            let now = self.clock()
            let known = Self.events(knownIn: snapshot)
            if !known.isEmpty { self.queue.submit { self.handle(known, at: now) } }
        }) { [weak self] events in
            guard let self else { return }
            let now = self.clock()
            self.queue.submit { self.handle(events, at: now) }
        }
        queue.submit(after: 60) { self.everyMinute() }
    }

    /// A snapshot as the events that would have built it.
    private static func events(knownIn snapshot: PresenceSnapshot) -> [EngineEvent] {
        var events = snapshot.extensionsByNumber.map(EngineEvent.extensionChanged)
        events += snapshot.queues.values.map(EngineEvent.queueChanged)
        if snapshot.health != .connecting { events.append(.healthChanged(snapshot.health)) }
        return events
    }

    private func everyMinute() {
        guard !stopped else { return }
        minute()
        queue.submit(after: 60) { self.everyMinute() }
    }

    /// Stops following the engine and closes the journal after what is queued.
    public func stop() {
        queue.sync { [self] in
            if let database, !database.readOnly {
                try? database.setLastSeen(clock())
                try? database.checkpoint()
            }
            database = nil
            stopped = true
        }
        queue.stop(dropQueued: false)
    }

    /// `x` on a missed caller: kept, with when, and off the list.
    public func markHandled(_ numberKey: String) {
        let now = clock()
        queue.submit {
            self.write("mark handled") { try $0.markHandled(numberKey, at: now) }
            self.scheduleView(at: 0)
        }
    }

    /// Runs `body` on the journal's queue and waits (tests, commands).
    public func sync<T>(_ body: @escaping () -> T) -> T { queue.sync(body) }

    /// Opens the journal without an engine and waits (tests).
    public func open() { queue.sync { [self] in openDatabase() } }

    /// Writes calls as if seen live, and waits (tests).
    public func record(_ calls: [JournalCall]) { queue.sync { [self] in writeLive(calls, now: clock()) } }

    /// What the once-a-minute timer does, now, and waits (tests).
    public func runMinute() { queue.sync { [self] in minute() } }

    /// What the history fill has still to read (read on the journal's queue: `sync`).
    public var currentPlan: HistoryFillPlan { plan }

    /// Why the journal is not written, if it is not; how many times a problem was said (once each).
    public var currentProblem: JournalProblem? { problem }
    public private(set) var problemsSaid = 0

    // MARK: On the queue

    private func openDatabase() {
        let now = clock()
        do {
            let (opened, aside) = try JournalDatabase.open(path: options.path, now: now, maximumPageCount: options.maximumPageCount)
            database = opened
            if let aside { say(JournalProblem.unavailable("the journal was damaged; moved to \(aside) and started afresh"), level: .error, keep: false) }
            if opened.readOnly { say(JournalProblem.sharedReadOnly(options.path), level: .notice) }
            logger.info("journal open", metadata: ["path": "\(options.path)", "calls": "\((try? opened.callCount()) ?? 0)", "readOnly": "\(opened.readOnly)"])
            let last = try? opened.lastActivity()
            if let last, now.timeIntervalSince(last) > Digest.minimumAbsence { digestSince = last }
            if !opened.readOnly {
                observer.resume((try? opened.ongoingCalls()) ?? [], lastSeen: last)
                prune(now: now)
                // A fill the last run did not finish goes on where it stopped.
                plan = (try? opened.fillPlan()) ?? HistoryFillPlan()
                plan.clamp(to: day.start(daysBefore: 1, now))
                plan.add(.start, since: Self.fillStart(lastRow: last, now: now, day: day))
                lastPeriodic = now
                savePlan()
            }
        } catch {
            say(error, level: .warning)
        }
        scheduleView(at: 0)
    }

    /// One batch of the engine's changes: the calls they start, answer or
    /// end are written in one transaction.
    private func handle(_ events: [EngineEvent], at now: Date) {
        var calls: [JournalCall] = []
        for event in events {
            switch event {
            case .extensionChanged(let state):
                calls += observer.observe(state, at: now)
            case .extensionRemoved(let number):
                calls += observer.removed(number, at: now)
            case .queueChanged(let state):
                queues[state.number] = state
                observer.onlyQueue = queues.count == 1 ? queues.keys.first : nil
                sample(state, at: now, force: false)
            case .healthChanged(let new):
                healthChanged(new, at: now)
            case .bridgeChanged, .directoryChanged:
                break  // a directory read: `readNext` below may now know the people
            }
        }
        writeLive(calls, now: now)
        let unseen = observer.takeUnseen()
        for call in unseen { plan.sawUnseenCall(call.number, at: call.at) }
        if !unseen.isEmpty { savePlan() }
        readNext()
    }

    private func writeLive(_ calls: [JournalCall], now: Date) {
        guard !calls.isEmpty else { return }
        write("calls") { try $0.writeLive(calls) }
        scheduleView(at: Self.viewInterval)
    }

    private func sample(_ state: QueueState, at now: Date, force: Bool) {
        let sample = QueueSample(queue: state.number, name: TextSafety.printable(state.name), at: now, waiting: state.callersWaiting,
                                 calls: state.numberOfCalls, longestWaitSeconds: state.longestWaitSeconds ?? 0,
                                 averageWaitSeconds: state.averageWaitSeconds, agentsAvailable: state.agentsAvailable,
                                 agentsBusy: state.agentsBusy, agentsLoggedIn: state.agentsLoggedIn)
        if let last = lastSample[state.number], last.sameFigures(as: sample), !force || now.timeIntervalSince(last.at) < 55 { return }
        lastSample[state.number] = sample
        write("queue sample") { try $0.writeSample(sample) }
        scheduleView(at: Self.viewInterval)
    }

    private func healthChanged(_ new: ConnectionHealth, at now: Date) {
        write("health") { try $0.writeHealth(new.word, at: now) }
        health = new
        if new == .live, wasDown {
            // After an outage the history has what the board could not see.
            plan.add(.outage, since: Self.fillStart(lastRow: lastLive ?? now, now: now, day: day))
            savePlan()
        }
        if case .live = new { wasDown = false; lastLive = now } else if case .connecting = new {} else { wasDown = true }
        readNext()
    }

    /// Once a minute: a sample of every queue that did not change, the time
    /// the board was last seen, the day's pruning, and the periodic history read.
    private func minute() {
        let now = clock()
        for state in queues.values { sample(state, at: now, force: true) }
        write("last seen") { try $0.setLastSeen(now) }
        prune(now: now)
        if options.backfillMinutes > 0, let lastPeriodic, now.timeIntervalSince(lastPeriodic) >= options.backfillMinutes * 60,
           !plan.hasPeriodic {
            plan.add(.periodic, since: lastPeriodic.addingTimeInterval(-HistoryFillPlan.lead), onlyMissed: true)
            self.lastPeriodic = now
            savePlan()
        }
        readNext()
        // The day rolls at local midnight: the figures start again. A
        // read-only journal is written by another board: read it again.
        if day.name(of: now) != view?.today.day || database?.readOnly == true { scheduleView(at: 0) }
    }

    private func prune(now: Date) {
        let today = day.name(of: now)
        guard today != prunedDay, let database, !database.readOnly else { return }
        prunedDay = today
        let cutoff = day.start(daysBefore: options.keepDays, now)
        write("prune") { database in
            let removed = try database.prune(before: cutoff)
            if removed > 0 { self.logger.info("journal pruned", metadata: ["calls": "\(removed)", "before": "\(cutoff)"]) }
        }
    }

    // MARK: The history fill

    /// Hands the plan's next read to the engine's background lane (one at a
    /// time: the journal's share of the budget paces them), once the board
    /// is live and knows the directory.
    private func readNext() {
        guard !reading, !retryPending, !plan.isEmpty, let database, !database.readOnly, let engine, canRead,
              let people = people(engine) else { return }
        let now = clock()
        let step = plan.next(people: people, now: now)
        historyLeft = plan.left(people: people)
        switch step {
        case .read(let number, let since, let onlyMissed):
            reading = true
            read(number, since: since, onlyMissed: onlyMissed, engine: engine)
        case .wait(let until):
            retryPending = true
            queue.submit(after: until.timeIntervalSince(now)) {
                self.retryPending = false
                self.readNext()
            }
        case .idle:
            savePlan()
            if fillTally.reads + fillTally.failures > 0 {
                logger.info("journal filled from the call history", metadata: [
                    "extensions": "\(fillTally.reads)", "rows": "\(fillTally.rows)", "failed": "\(fillTally.failures)"])
            }
            fillTally = (0, 0, 0)
            scheduleView(at: 0)
        }
    }

    /// Live status answers (or is refused for good: then every extension is read).
    private var canRead: Bool {
        switch health {
        case .live?, .refused?: return true
        default: return false
        }
    }

    /// The account's people in the plan's order, with their last calls; nil before the directory.
    private func people(_ engine: PresenceEngine) -> [HistoryFillPlan.Person]? {
        let snapshot = engine.mailbox.latest()
        guard let directory = snapshot.directory else { return nil }
        if order?.directoryVersion != snapshot.directoryVersion {
            let people = directory.extensions.values.filter(\.isPerson)
            let own = people.filter { $0.loginName.caseInsensitiveCompare(options.user) == .orderedSame }.map(\.number)
            order = (snapshot.directoryVersion, people.map(\.number).sorted(by: HistoryFillPlan.precedes), Set(own))
        }
        guard let order else { return nil }
        return order.numbers.map { number in
            HistoryFillPlan.Person(number: number, lastCallMs: snapshot.extensions[number]?.lastCallMs, isOwn: order.own.contains(number))
        }
    }

    private func read(_ number: String, since: Date, onlyMissed: Bool, engine: PresenceEngine) {
        scheduleView(at: 0)
        engine.runInBackground { services in
            var query = HistoryQuery()
            query.start = since
            if onlyMissed { query.results = [.unanswered, .voicemail] }
            let result = Result { () throws(ServiceError) in try services.history(number, query: query, all: true) }
            self.queue.submit { self.finishRead(number, since: since, result: result) }
        }
    }

    private func finishRead(_ number: String, since: Date, result: Result<[CallRecord], ServiceError>) {
        reading = false
        let now = clock()
        switch result {
        case .success(let records):
            var added = 0
            write("history") { added = try $0.mergeHistory(HistoryReader.Result(records: [number: records]), from: since) }
            fillTally.reads += 1
            fillTally.rows += added
            plan.finished(number, .read, now: now)
        case .failure(.transport(.cancelled)):
            return  // the board is stopping: not a failure of the service
        case .failure(let error) where error.apiText == "USER NOT PERMITTED":
            if !plan.onlyOwn { logger.info("journal: the history of others is not allowed; reading the user's own") }
            plan.finished(number, .notPermitted, now: now)
        case .failure(let error):
            fillTally.failures += 1
            let transient: Bool
            if case .transport = error { transient = true } else { transient = false }
            logger.warning("journal: a history read failed", metadata: ["extension": "\(number)", "error": "\(error)"])
            plan.finished(number, .failed(transient: transient), now: now)
        }
        savePlan()
        scheduleView(at: Self.viewInterval)
        readNext()
    }

    private func savePlan() {
        write("fill plan") { try $0.setFillPlan(plan) }
    }

    /// Where a fill starts: a little before the last row (the history may
    /// list a call that began before it), at most since the start of the previous day.
    public static func fillStart(lastRow: Date?, now: Date, day: LocalDay) -> Date {
        let floor = day.start(daysBefore: 1, now)
        return max(floor, (lastRow ?? floor).addingTimeInterval(-HistoryFillPlan.lead))
    }

    /// Runs a write; a full disk pauses writing for a minute and is said once;
    /// any other failure is logged.
    private func write(_ what: String, _ body: (JournalDatabase) throws -> Void) {
        guard let database, !database.readOnly else { return }
        let now = clock()
        if let retryAfter, now < retryAfter { return }
        do {
            try body(database)
            if retryAfter != nil {
                retryAfter = nil
                problem = nil
                logger.info("journal writing again")
            }
        } catch {
            if let error = error as? DatabaseError, error.resultCode == .SQLITE_FULL {
                retryAfter = now.addingTimeInterval(60)
                if problem != .diskFull { say(JournalProblem.diskFull, level: .error) }
            } else {
                logger.error("journal write failed", metadata: ["what": "\(what)", "error": "\(error)"])
            }
        }
    }

    private func say(_ error: any Error, level: Logger.Level, keep: Bool = true) {
        let problem = (error as? JournalProblem) ?? .unavailable("\(error)")
        if keep || self.problem == nil { self.problem = problem }
        problemsSaid += 1
        logger.log(level: level, "\(problem)")
    }

    // MARK: The view

    /// A new view after `delay`, but never more than about 2% of a core:
    /// while calls pour in (a busy account, the simulator at --speed 60),
    /// views come further apart, never in a queue.
    private func scheduleView(at delay: Double) {
        guard !viewPending else { return }
        viewPending = true
        let spaced = delay == 0 ? 0 : max(delay, lastViewCost * 50)
        queue.submit(after: spaced) { self.makeView() }
    }

    private func makeView() {
        viewPending = false
        guard !stopped else { return }
        let began = DispatchTime.now().uptimeNanoseconds
        defer { lastViewCost = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9 }
        let now = clock()
        let since = day.start(daysBefore: options.missedDays, now)
        var view = JournalSummary(problem: problem, missedSince: since, today: DayFigures(day: day.name(of: now)))
        view.filling = reading || (canRead && !plan.isEmpty && historyLeft > 0)
        view.historyLeft = view.filling ? historyLeft : 0
        if let database {
            let todayStart = day.start(of: now)
            let calls = (try? database.callsOfMissedNumbers(from: since)) ?? []
            view.missed = MissedCalls.list(calls: calls, handled: (try? database.handled()) ?? [:], since: since, day: day)
            view.recent = (try? database.recentOutsideCalls(limit: JournalSummary.recentCount)) ?? []
            let totals = (try? database.dayTotals(from: todayStart, to: day.end(of: now))) ?? DayFigures.Totals(extensions: [], tags: [])
            view.today = DayFigures.make(day: day.name(of: now), totals: totals, samples: (try? database.samples(from: todayStart)) ?? [],
                                         serviceLevelSeconds: options.serviceLevelSeconds)
            if let digestSince, !view.filling {
                let away = (try? database.calls(from: digestSince)) ?? []
                digest = Digest.make(since: digestSince, calls: away, samples: (try? database.samples(from: digestSince)) ?? [], day: day)
                self.digestSince = nil
            }
        }
        view.digest = digest
        self.view = view
        publish(view)
    }
}
