import ArgumentParser
import Foundation
import Logging
import PBXSimulator

/// `switchboard sim`: the simulated Vonage service on its own, for scripts,
/// a second terminal, or another client.
struct SimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Serve the simulated Vonage API with a living phone system behind it.",
        discussion: """
            Example:
              switchboard sim --port 8080 --seed 7 --speed 10
              SWITCHBOARD_PASSWORD=switchboard-demo switchboard --server http://127.0.0.1:8080 --user receptionist
            """)

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port = 0
    @Option(help: "Seed: the same seed gives the same account and calls.") var seed: UInt64 = 1
    @Option(help: "Simulated seconds per real second.") var speed = 1.0
    @Option(help: "Number of extensions on the account (5-10000).") var extensions = 20
    @Option(name: .customLong("poll-block"), help: "Seconds a dashui long poll is held before 304.") var pollBlock = 30.0

    func validate() throws {
        guard (5...10_000).contains(extensions) else { throw ValidationError("--extensions must be 5 to 10000") }
        guard speed > 0 && speed <= 10_000 else { throw ValidationError("--speed must be above 0 and at most 10000") }
        guard pollBlock > 0 && pollBlock <= 60 else { throw ValidationError("--poll-block must be above 0 and at most 60") }
    }

    func run() throws {
        var configuration = SimulatorConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.seed = seed
        configuration.speed = speed
        configuration.extensionCount = extensions
        configuration.pollBlockSeconds = pollBlock
        var logger = Logger(label: "simulator", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .warning
        let simulator = PBXSimulator(configuration: configuration, logger: logger)
        let boundPort = try BlockingTask.run { try await simulator.start() }
        let banner = """
            Simulated Vonage API on http://\(host):\(boundPort) — \(simulator.account.extensions.count) extensions, seed \(seed)
            Log in as '\(Account.demoLogin)' with the password '\(Account.demoPassword)' (a demo credential). Ctrl-C stops.

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
