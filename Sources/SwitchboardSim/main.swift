import ArgumentParser
import Foundation
import Logging
import PBXSimulator
import PresenceEngine

/// `switchboard-sim`: the simulated Vonage service, a program of its own so
/// the board links no web server. `switchboard sim` runs it with the same
/// arguments; `switchboard --demo` runs it as a child.
struct SimulatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchboard-sim", abstract: SimOptions.abstract, discussion: SimOptions.discussion)

    @OptionGroup var options: SimOptions

    func run() throws {
        // Before any thread starts: the stop signals are waited for, never delivered.
        var stops = sigset_t()
        sigemptyset(&stops)
        for number in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&stops, number) }
        pthread_sigmask(SIG_BLOCK, &stops, nil)

        var logger = Logger(label: "simulator", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = options.verbose ? .notice : .warning
        let simulator = PBXSimulator(configuration: configuration, logger: logger)
        let boundPort = try BlockingTask.run { try await simulator.start() }
        let banner = """
            Simulated Vonage API on http://\(options.host):\(boundPort) — \(simulator.account.extensions.count) extensions, seed \(options.seed)
            Log in as '\(Account.demoLogin)' with the password '\(Account.demoPassword)' (a demo administrator), or as any
            person's login name with '\(Account.staffPassword)'. Control API under /_sim/. Ctrl-C stops.
            url: http://\(options.host):\(boundPort)
            user: \(Account.demoLogin)
            password: \(Account.demoPassword)

            """
        FileHandle.standardOutput.write(Data(banner.utf8))
        if options.stopWithStdin { stopWhenStandardInputCloses() }
        var received: Int32 = 0
        sigwait(&stops, &received)
        BlockingTask.run { await simulator.stop() }
    }

    private var configuration: SimulatorConfiguration {
        var configuration = SimulatorConfiguration()
        configuration.host = options.host
        configuration.port = options.port
        configuration.seed = options.seed
        configuration.speed = options.speed
        configuration.extensionCount = options.extensions
        configuration.pollBlockSeconds = options.pollBlock
        configuration.chaos = options.chaos
        // --strict, from before the shapes: the documented form.
        configuration.shape = options.strict ? .guide : options.shape
        configuration.historyShape = options.historyShape
        configuration.verbose = options.verbose
        configuration.traffic = !options.noTraffic
        configuration.recordingDelaySeconds = options.recordingDelay
        configuration.sessionIdleSeconds = options.sessionIdle
        configuration.latencyMilliseconds = options.latency
        configuration.historyDays = options.historyDays
        configuration.jitterMilliseconds = options.jitter
        return configuration
    }

    /// The board that started this one closed the pipe (it stopped or
    /// died): stop as if told to, so no simulator outlives its board.
    private func stopWhenStandardInputCloses() {
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let count = read(STDIN_FILENO, &byte, 1)
                if count == 0 || (count < 0 && errno != EINTR) { break }
            }
            kill(getpid(), SIGTERM)
        }
        thread.name = "stdin-watch"
        thread.start()
    }
}

SimulatorCommand.main()
