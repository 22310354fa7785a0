import Foundation
import Logging
import PresenceEngine

/// The UI thread's loop: sleeps in `poll()` on the keyboard, the engine's
/// wake pipe and the signal pipe, with a timeout only as long as the next
/// once-a-second tick; then reduces the events and draws what changed.
struct BoardRunner {
    var engine: PresenceEngine
    var screen: BoardScreen
    var theme: Theme
    var colour: Bool
    var kiosk: Bool
    var groups = ExtensionGroups()
    var view = BoardView.board
    /// Ring the terminal bell once when a call or queue first turns critical.
    var bell = false
    /// Where `r` saves recordings (created 0700 when missing).
    var recordingsDirectory: String
    var logger: Logger
    /// When the command started, for the "first full frame" log line (BENCHMARKS.md).
    var startedAt = MonotonicInstant.now()

    func run() {
        let signals = SignalPipe.install([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
        let terminal = CursesTerminal(theme: theme, colour: colour)
        defer { terminal.shutdown() }
        var screen = self.screen
        if !terminal.isUTF8 { screen.glyphs = .ascii }

        var app = App()
        app.kiosk = kiosk
        app.groups = groups
        app.view = view
        var critical = CriticalWatch()
        var size = terminal.size
        _ = app.reduce(.resized(width: size.width, height: size.height))
        _ = app.reduce(.snapshot(engine.mailbox.latest()))
        engine.start()
        defer { engine.stop() }

        let inbox = Inbox()
        var themeName = theme.name
        var running = true
        // A full render after anything changed; on a tick only the cells
        // time changes are redrawn into the last frame (BENCHMARKS.md).
        var frame = Buffer(width: size.width, height: size.height)
        var changed = true
        var firstFullFrame = false
        var drawnAt = (now: MonotonicInstant.now(), wallClock: Date())
        while running {
            let now = MonotonicInstant.now(), wallClock = Date()
            if changed || frame.width != size.width || frame.height != size.height {
                frame = Buffer(width: size.width, height: size.height)
                screen.render(app, now: now, wallClock: wallClock, into: &frame)
                terminal.draw(frame)
                changed = false
                if !firstFullFrame, app.snapshot.health == .live, !app.snapshot.extensions.isEmpty {
                    firstFullFrame = true
                    let milliseconds = Int(MonotonicInstant.now().seconds(since: startedAt) * 1000)
                    logger.info("first full frame", metadata: ["ms": "\(milliseconds)", "extensions": "\(app.snapshot.extensions.count)"])
                }
            } else {
                let rows = screen.renderTick(app, now: now, wallClock: wallClock, previous: drawnAt, into: &frame)
                terminal.draw(frame, rows: rows)
            }
            drawnAt = (now, wallClock)
            if bell, critical.update(app.snapshot, now: now, calls: screen.alarms, queues: screen.alerts) { terminal.bell() }

            var descriptors = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: engine.mailbox.wakePipe.readDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signals.readDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: inbox.wakePipe.readDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, nfds_t(descriptors.count), screen.millisecondsToNextChange(app, now: .now(), wallClock: Date()))
            if ready < 0 && errno != EINTR {
                logger.error("poll failed", metadata: ["errno": "\(errno)"])
                break
            }
            if descriptors[2].revents != 0 {
                logger.info("quitting on a signal")
                break
            }
            if descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                logger.info("terminal went away; quitting")
                break
            }
            if descriptors[1].revents != 0 {
                engine.mailbox.wakePipe.drain()
                _ = app.reduce(.snapshot(engine.mailbox.latest()))
                changed = true
            }
            if descriptors[3].revents != 0 {
                inbox.wakePipe.drain()
                for event in inbox.take() { _ = app.reduce(event) }
                changed = true
            }
            // Keys, and KEY_RESIZE after a SIGWINCH interrupted poll().
            while let key = terminal.readKey() {
                changed = true
                if key == .resize {
                    size = terminal.size
                    terminal.invalidate()
                    _ = app.reduce(.resized(width: size.width, height: size.height))
                    continue
                }
                for effect in app.reduce(.key(key)) {
                    switch effect {
                    case .quit:
                        running = false
                    case .call(let digits, let label):
                        _ = app.reduce(.notice("calling \(label)…", isError: false, at: .now()))
                        let extensions = Set(engine.mailbox.latest().extensions.keys)
                        engine.submit { services in
                            do {
                                try services.clickToCall(digits, extensions: extensions)
                                inbox.post("your phone rings, then \(label)", isError: false)
                            } catch {
                                inbox.post("call to \(label) refused: \(error)", isError: true)
                            }
                        }
                        logger.info("click-to-call requested", metadata: ["kind": "\(digits.count <= 6 ? "extension" : "outside")"])
                    case .loadHistory(let number, let query, let before):
                        var request = query
                        if let before { request.end = before }
                        let page = request
                        engine.submit { services in
                            do {
                                let records = try services.history(number, query: page)
                                inbox.post(.historyLoaded(extension: number, records: records, older: before != nil))
                            } catch {
                                inbox.post(.historyFailed(extension: number, message: "history not loaded: \(error)"))
                            }
                        }
                    case .saveRecording(let id, let label):
                        _ = app.reduce(.notice("saving the recording of \(label)…", isError: false, at: .now()))
                        let folder = recordingsDirectory
                        engine.submit { services in
                            do {
                                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                                        attributes: [.posixPermissions: 0o700])
                                var lastReport = MonotonicInstant.now()
                                let path = try services.saveRecording(id, into: folder) { received, expected in
                                    let now = MonotonicInstant.now()
                                    guard now.seconds(since: lastReport) > 0.5 else { return }
                                    lastReport = now
                                    let share = expected.map { " of \($0 / 1024) KB" } ?? ""
                                    inbox.post("saving… \(received / 1024) KB\(share)", isError: false)
                                }
                                inbox.post("saved \(path)", isError: false)
                            } catch {
                                inbox.post("recording not saved: \(error)", isError: true)
                            }
                        }
                    case .nextTheme:
                        let names = ThemeLoader.available()
                        guard !names.isEmpty else { break }
                        let next = names[((names.firstIndex(of: themeName) ?? -1) + 1) % names.count]
                        do {
                            terminal.apply(try ThemeLoader.load(named: next))
                            themeName = next
                            _ = app.reduce(.notice("theme \(next)", isError: false, at: .now()))
                        } catch {
                            _ = app.reduce(.notice("theme \(next): \(error)", isError: true, at: .now()))
                        }
                    }
                }
                if !running { break }
            }
        }
        logger.info("board closed")
    }

}
