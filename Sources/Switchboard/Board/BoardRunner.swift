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
    var logger: Logger

    func run() {
        let signals = SignalPipe.install([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
        let terminal = CursesTerminal(theme: theme, colour: colour)
        defer { terminal.shutdown() }
        var screen = self.screen
        if !terminal.isUTF8 { screen.glyphs = .ascii }

        var app = App()
        app.kiosk = kiosk
        var size = terminal.size
        _ = app.reduce(.resized(width: size.width, height: size.height))
        _ = app.reduce(.snapshot(engine.mailbox.latest()))
        engine.start()
        defer { engine.stop() }

        let notices = NoticeBox()
        var themeName = theme.name
        var running = true
        while running {
            var buffer = Buffer(width: size.width, height: size.height)
            screen.render(app, now: .now(), wallClock: Date(), into: &buffer)
            terminal.draw(buffer)

            var descriptors = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: engine.mailbox.wakePipe.readDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signals.readDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: notices.wakePipe.readDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, nfds_t(descriptors.count), BoardRunner.millisecondsToNextSecond())
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
            }
            if descriptors[3].revents != 0 {
                notices.wakePipe.drain()
                for notice in notices.take() { _ = app.reduce(.notice(notice.text, isError: notice.isError, at: .now())) }
            }
            // Keys, and KEY_RESIZE after a SIGWINCH interrupted poll().
            while let key = terminal.readKey() {
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
                                notices.post("your phone rings, then \(label)", isError: false)
                            } catch {
                                notices.post("call to \(label) refused: \(error)", isError: true)
                            }
                        }
                        logger.info("click-to-call requested", metadata: ["kind": "\(digits.count <= 6 ? "extension" : "outside")"])
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

    /// Durations and the clock change on whole seconds.
    static func millisecondsToNextSecond() -> Int32 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int32(1000 - spec.tv_nsec / 1_000_000)
    }
}
