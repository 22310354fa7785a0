import Foundation
import Journal
import Logging
import PresenceEngine

/// The UI thread's loop: sleeps in `poll()` on the keyboard, the snapshot
/// preparer's wake pipe, the signal pipe and the inbox, with a timeout only
/// as long as the next once-a-second tick; then reduces the events, hands
/// their effects to the `EffectExecutor`, and draws what changed.
struct BoardRunner {
    var engine: PresenceEngine
    var screen: BoardScreen
    var theme: Theme
    var colour: Bool
    var kiosk: Bool
    var groups = ExtensionGroups()
    var view = BoardFace.board
    /// Ring the terminal bell once when a call or queue first turns critical.
    var bell = false
    /// Outside numbers shown with their middle masked (`mask_numbers`).
    var maskNumbers = false
    /// Which queues and bridges are shown, named how (`[queues]`).
    var queuePlan = QueuePlan()
    /// The program told of each alarm's start and end (`on_alarm`).
    var onAlarm: [String]?
    /// When the wall dims to a clock (`quiet_hours`).
    var quietHours: QuietHours?
    /// The faces a wall with no keyboard turns through (`rotate`).
    var rotation: WallRotation?
    /// The phonebook file (`phonebook`), read again when it changes.
    var phonebookPath: String?
    /// Where `r` saves recordings (created 0700 when missing).
    var recordingsDirectory: String
    var recordingLimits = RecordingLimits()
    var logger: Logger
    /// The journal's options; nil runs without one (`--no-journal`).
    var journal: JournalService.Options?
    /// When the command started, for the "first full frame" log line (BENCHMARKS.md).
    var startedAt = MonotonicInstant.now()

    /// What woke the loop.
    private enum Wake {
        case quit(String)
        case events([AppEvent])
    }

    func run() {
        let signals = SignalPipe.install([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
        let terminal = CursesTerminal(theme: theme, colour: colour)
        defer { terminal.shutdown() }
        var screen = self.screen
        if !terminal.isUTF8 { screen.glyphs = .ascii }
        var app = startingApp(terminal)
        let first = SnapshotDigest(engine.mailbox.latest())
        _ = app.reduce(.digest(first))
        let preparer = SnapshotPreparer(mailbox: engine.mailbox, first: first)
        preparer.start()
        defer { preparer.stop() }
        engine.start()
        defer { engine.stop() }
        let inbox = Inbox()
        let (executor, journalService) = startExecutor(terminal: terminal, inbox: inbox)
        defer { journalService?.stop() }
        var drawing = Drawing(screen: screen, terminal: terminal)
        var critical = CriticalWatch()
        let hook = onAlarm.map { AlarmHook(command: $0, logger: logger) }
        defer { hook?.stop() }
        var pace = SnapshotPace()
        var phonebook = phonebookPath.map(PhonebookFile.init(path:))
        var nextTurn = rotation.map { MonotonicInstant.now().adding(seconds: $0.seconds) }
        while true {
            if scheduled(&app, nextTurn: &nextTurn, critical: &critical, executor: executor) { drawing.changed = true }
            if let event = phonebook?.reloadIfChanged(now: .now()) {
                logProblems(event)
                _ = reduce(event, into: &app, critical: &critical, executor: executor)
                drawing.changed = true
            }
            let model = app.model  // once a turn: the frame and the next wake-up read the same
            drawing.draw(model)
            pace.finished(at: .now())
            logFirstFullFrame(app, drawing: &drawing)
            soundAlarms(app.snapshot, critical: &critical, hook: hook, terminal: terminal)
            let now = MonotonicInstant.now()
            let held = pace.holdMilliseconds(at: now)
            let timeout = wakeUp(screen.millisecondsToNextChange(model, now: now, wallClock: Date()), nextTurn: nextTurn, held: held, now: now)
            switch wait(timeout: timeout, takeSnapshot: held == 0, signals: signals, inbox: inbox, terminal: terminal, preparer: preparer) {
            case .quit(let why):
                logger.info("\(why)")
                logger.info("board closed")
                return
            case .events(let events):
                if !events.isEmpty { drawing.changed = true }
                if events.contains(where: \.isSnapshot) { pace.started(at: .now()) }
                // The digest the board lets go of is freed on the preparer's thread.
                let lettingGo = events.contains(where: \.isSnapshot) ? app.digest : nil
                for event in events where !reduce(event, into: &app, critical: &critical, executor: executor) {
                    logger.info("board closed")
                    return
                }
                preparer.retire(consume lettingGo)
            }
        }
    }

    /// What runs the effects, and the journal it marks handled calls in (started, following the engine).
    private func startExecutor(terminal: CursesTerminal, inbox: Inbox) -> (EffectExecutor, JournalService?) {
        let executor = EffectExecutor(engine: engine, inbox: inbox, terminal: terminal, recordingsDirectory: recordingsDirectory,
                                      recordingLimits: recordingLimits, themeName: theme.name, logger: logger)
        let journalService = journal.map { options in
            JournalService(options: options, logger: Logger(label: "journal")) { view in inbox.post(.journal(view)) }
        }
        journalService?.start(engine: engine)
        executor.journal = journalService
        return (executor, journalService)
    }

    /// The bell and `on_alarm` for what turned critical or ended. A pass
    /// over every extension, so only when one of them listens.
    private func soundAlarms(_ snapshot: PresenceSnapshot, critical: inout CriticalWatch, hook: AlarmHook?, terminal: CursesTerminal) {
        guard bell || hook != nil else { return }
        let alarms = critical.update(snapshot, now: .now(), calls: screen.alarms, queues: screen.alerts)
        if bell, alarms.ringsBell { terminal.bell() }
        hook?.tell(alarms, at: Date())
    }

    /// The milliseconds poll() waits: until the screen changes by itself, the rotation's next turn, or the pace's hold ends.
    private func wakeUp(_ screenChange: Int32, nextTurn: MonotonicInstant?, held: Int32, now: MonotonicInstant) -> Int32 {
        var timeout = screenChange
        if let nextTurn { timeout = min(timeout, Int32(max(1, min(60_000, nextTurn.seconds(since: now) * 1000 + 2)))) }
        if held > 0 { timeout = timeout < 0 ? held : min(timeout, held) }
        return timeout
    }

    /// Quiet hours beginning or ending, and the next face of the rotation
    /// when it is due: the runner reads the clock, the app is told. True when anything changed.
    private func scheduled(_ app: inout App, nextTurn: inout MonotonicInstant?, critical: inout CriticalWatch, executor: EffectExecutor) -> Bool {
        var changed = false
        if let quietHours {
            let on = quietHours.contains(minuteOfDay: QuietHours.minuteOfDay(Date()))
            if on != app.quiet {
                logger.info(on ? "quiet hours: the wall dims" : "quiet hours over")
                _ = reduce(.quietHours(on), into: &app, critical: &critical, executor: executor)
                changed = true
            }
        }
        let now = MonotonicInstant.now()
        if let rotation, let due = nextTurn, now >= due {
            _ = reduce(.showFace(rotation.next(after: app.view)), into: &app, critical: &critical, executor: executor)
            nextTurn = now.adding(seconds: rotation.seconds)
            changed = true
        }
        return changed
    }

    /// The app as the config and the terminal set it, before the first snapshot.
    private func startingApp(_ terminal: CursesTerminal) -> App {
        var app = App()
        app.kiosk = kiosk
        if maskNumbers { app.numbers = .masked(ascii: !terminal.isUTF8) }
        app.groups = groups
        app.queuePlan = queuePlan
        app.view = view
        if journal == nil { _ = app.reduce(.journal(.turnedOff)) }
        _ = app.reduce(.resized(width: terminal.size.width, height: terminal.size.height))
        return app
    }

    /// A phonebook's bad lines, each in the log (the screen says the first).
    private func logProblems(_ event: AppEvent) {
        guard case .phonebook(_, let problems, let file, _) = event else { return }
        for problem in problems { logger.warning("phonebook \(file): \(problem), skipped") }
    }

    /// Reduces one event and runs its effects (and the events they give at
    /// once); false when the board should quit.
    private func reduce(_ event: AppEvent, into app: inout App, critical: inout CriticalWatch, executor: EffectExecutor) -> Bool {
        var pending = [event]
        while !pending.isEmpty {
            for effect in app.reduce(pending.removeFirst()) {
                if effect == .quit { return false }
                if effect == .acknowledgeAlarms { critical.acknowledge() }
                if let result = executor.run(effect) { pending.append(result) }
            }
        }
        return true
    }

    /// Sleeps until a descriptor is ready or `timeout` ms pass; returns what to reduce.
    /// `takeSnapshot` false leaves a new snapshot waiting (`SnapshotPace`);
    /// keys are read either way, and come before a snapshot read with them
    /// (they were pressed at what was on screen).
    private func wait(timeout: Int32, takeSnapshot: Bool, signals: WakePipe, inbox: Inbox, terminal: CursesTerminal,
                      preparer: SnapshotPreparer) -> Wake {
        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: takeSnapshot ? preparer.wakePipe.readDescriptor : -1, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signals.readDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: inbox.wakePipe.readDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
        if ready < 0 && errno != EINTR { return .quit("poll failed: errno \(errno)") }
        if descriptors[2].revents != 0 { return .quit("quitting on a signal") }
        if descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .quit("terminal went away; quitting") }
        var events: [AppEvent] = []
        // Keys, and KEY_RESIZE after a SIGWINCH interrupted poll().
        while let key = terminal.readKey() {
            if key == .resize {
                terminal.invalidate()
                events.append(.resized(width: terminal.size.width, height: terminal.size.height))
            } else {
                events.append(.key(key, at: .now()))
            }
        }
        if descriptors[3].revents != 0 {
            inbox.wakePipe.drain()
            events += inbox.take()
        }
        if descriptors[1].revents != 0, let digest = preparer.take() {
            events.append(.digest(digest))
        }
        return .events(events)
    }

    private func logFirstFullFrame(_ app: App, drawing: inout Drawing) {
        guard !drawing.loggedFirstFullFrame, app.snapshot.health == .live, !app.snapshot.extensions.isEmpty else { return }
        drawing.loggedFirstFullFrame = true
        let milliseconds = Int(MonotonicInstant.now().seconds(since: startedAt) * 1000)
        logger.info("first full frame", metadata: ["ms": "\(milliseconds)", "extensions": "\(app.snapshot.extensions.count)"])
    }
}

/// The frame on screen: a full render after anything changed; on a tick
/// only the cells time changes are redrawn into the last frame
/// (BENCHMARKS.md), and the terminal compares only those rows.
private struct Drawing {
    let screen: BoardScreen
    let terminal: CursesTerminal
    var frame = Buffer(width: 0, height: 0)
    var changed = true
    var drawnAt = (now: MonotonicInstant.now(), wallClock: Date())
    var loggedFirstFullFrame = false

    init(screen: BoardScreen, terminal: CursesTerminal) {
        self.screen = screen
        self.terminal = terminal
    }

    mutating func draw(_ model: BoardModel) {
        let now = MonotonicInstant.now(), wallClock = Date()
        let size = terminal.size
        if changed || frame.width != size.width || frame.height != size.height {
            frame = Buffer(width: size.width, height: size.height)
            screen.render(model, now: now, wallClock: wallClock, into: &frame)
            terminal.draw(frame)
            changed = false
        } else {
            let rows = screen.renderTick(model, now: now, wallClock: wallClock, previous: drawnAt, into: &frame)
            terminal.draw(frame, rows: rows)
        }
        drawnAt = (now, wallClock)
    }
}
