import ArgumentParser
import Foundation
import Logging
import PBXSimulator
import PresenceEngine

/// `switchboard sim`: the simulated Vonage service on its own, for scripts,
/// a second terminal, or another client.
struct SimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Serve the simulated Vonage API with a living phone system behind it.",
        discussion: """
            Example:
              switchboard sim --port 8080 --seed 7 --speed 10
              switchboard sim --extensions 1000 --chaos flaky --verbose
              SWITCHBOARD_PASSWORD=switchboard-demo switchboard --server http://127.0.0.1:8080 --user receptionist
            """)

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port = 0
    @Option(help: "Seed: the same seed gives the same account and calls.") var seed: UInt64 = 1
    @Option(help: "Simulated seconds per real second.") var speed = 1.0
    @Option(help: "Number of extensions on the account (5-10000).") var extensions = 20
    @Option(name: .customLong("poll-block"), help: "Seconds a dashui long poll is held before 304.") var pollBlock = 30.0
    @Option(help: "Faults on their own: none, flaky or hostile.") var chaos: ChaosProfile = .none
    @Option(help: "Answer shapes: live (as the live service sent them), guide (as documented) or mixed (the variants a client must also read).")
    var shape: AnswerShape = .live
    @Flag(help: .hidden) var strict = false
    @Option(name: .customLong("history-shape"), help: "Call history as wrapped, bare or guide (the guide's sloppy JSON); by default as --shape has it.")
    var historyShape: HistoryShape?
    @Flag(help: "Log one line per request to stderr.") var verbose = false
    @Flag(name: .customLong("no-traffic"), help: "No calls by themselves: the PBX moves only through the control API.")
    var noTraffic = false
    @Option(name: .customLong("session-idle"), help: "Real seconds a session may sit unused before it answers 403.")
    var sessionIdle = 1800.0
    @Option(name: .customLong("recording-delay"), help: "Simulated seconds after a call ends before its recording is ready.")
    var recordingDelay = 10.0
    @Option(help: "One-way delay of a wide-area link in ms: each answer comes 2x this after its request, a new connection one round trip more.")
    var latency = 0.0
    @Option(help: "Up to this many ms more on each way, at random (deterministic per --seed).")
    var jitter = 0.0
    @Option(name: .customLong("history-days"), help: "Days of made-up call history (and recordings) before the start; 0 for none.")
    var historyDays = 14

    func validate() throws {
        // A fake service with published passwords has no business on a network.
        guard ServerAddress.isLoopback(host) else { throw ValidationError("--host must be a loopback address (127.x, ::1, localhost)") }
        guard (5...10_000).contains(extensions) else { throw ValidationError("--extensions must be 5 to 10000") }
        guard speed > 0 && speed <= 10_000 else { throw ValidationError("--speed must be above 0 and at most 10000") }
        guard pollBlock > 0 && pollBlock <= 60 else { throw ValidationError("--poll-block must be above 0 and at most 60") }
        guard (0...366).contains(historyDays) else { throw ValidationError("--history-days must be 0 to 366") }
        guard (0...5_000).contains(latency), (0...5_000).contains(jitter) else { throw ValidationError("--latency and --jitter must be 0 to 5000 ms") }
    }

    func run() throws {
        var configuration = SimulatorConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.seed = seed
        configuration.speed = speed
        configuration.extensionCount = extensions
        configuration.pollBlockSeconds = pollBlock
        configuration.chaos = chaos
        // --strict, from before the shapes: the documented form.
        configuration.shape = strict ? .guide : shape
        configuration.historyShape = historyShape
        configuration.verbose = verbose
        configuration.traffic = !noTraffic
        configuration.recordingDelaySeconds = recordingDelay
        configuration.sessionIdleSeconds = sessionIdle
        configuration.latencyMilliseconds = latency
        configuration.historyDays = historyDays
        configuration.jitterMilliseconds = jitter
        var logger = Logger(label: "simulator", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = verbose ? .notice : .warning
        let simulator = PBXSimulator(configuration: configuration, logger: logger)
        let boundPort = try BlockingTask.run { try await simulator.start() }
        let banner = """
            Simulated Vonage API on http://\(host):\(boundPort) — \(simulator.account.extensions.count) extensions, seed \(seed)
            Log in as '\(Account.demoLogin)' with the password '\(Account.demoPassword)' (a demo administrator), or as any
            person's login name with '\(Account.staffPassword)'. Control API under /_sim/. Ctrl-C stops.
            url: http://\(host):\(boundPort)
            user: \(Account.demoLogin)
            password: \(Account.demoPassword)

            """
        FileHandle.standardOutput.write(Data(banner.utf8))

        // Wait for a stop signal without spinning.
        var set = sigset_t()
        sigemptyset(&set)
        for number in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, number) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        var received: Int32 = 0
        sigwait(&set, &received)
        BlockingTask.run { await simulator.stop() }
    }
}

extension ChaosProfile: ExpressibleByArgument {}
extension HistoryShape: ExpressibleByArgument {}
extension AnswerShape: ExpressibleByArgument {}
