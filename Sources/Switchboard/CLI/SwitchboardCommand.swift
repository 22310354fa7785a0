import ArgumentParser
import Foundation
import Logging
import PBXSimulator
import PresenceEngine

/// `switchboard`: the board by default, and the other commands.
@main
struct SwitchboardCommand: ParsableCommand {
    // The board is a subcommand of its own (the default) so that its options
    // do not shadow a subcommand's options of the same name (`--extensions`).
    static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "A live switchboard for Vonage Business phone systems, in the terminal.",
        subcommands: [BoardCommand.self, SimCommand.self],
        defaultSubcommand: BoardCommand.self)
}

/// `switchboard [board]`: the live board.
struct BoardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "Show the live board (the default command).",
        discussion: """
            Examples:
              switchboard --demo
              SWITCHBOARD_PASSWORD=… switchboard --server https://my.vonagebusiness.com --user alice
            """)

    @Flag(help: "Run against the built-in simulator (a living demo phone system).")
    var demo = false

    @Option(help: "Service base URL (https://, or http:// for loopback only).")
    var server: String?

    @Option(help: "Login name of the account user.")
    var user: String?

    @Option(help: "Comma-separated extensions to watch (default: all).")
    var extensions: String?

    @Option(help: "Theme name, from the themes folders.")
    var theme = "default"

    @Flag(help: "Wall-display mode: read-only, and quitting asks first.")
    var kiosk = false

    @Option(help: "Log file (default: $XDG_STATE_HOME/switchboard/switchboard.log).")
    var logFile: String?

    @Option(name: .customLong("recordings-dir"), help: "Where `r` saves recordings (default: $XDG_DATA_HOME/switchboard/recordings).")
    var recordingsDir: String?

    func validate() throws {
        if demo && server != nil { throw ValidationError("--demo and --server cannot be used together") }
        if !demo && server == nil { throw ValidationError("give --server URL and --user NAME, or --demo to try the simulator") }
        if server != nil && user == nil { throw ValidationError("--server needs --user NAME") }
        if let server { _ = try ServerAddress(server) }
    }

    func run() throws {
        let logger = try FileLogging.bootstrapFile(path: logFile ?? FileLogHandler.defaultPath(), label: "switchboard")
        let watched = (extensions ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }

        // Before anything starts: a broken theme stops here with its file and line.
        let themeValue = try loadTheme(logger: logger)
        var simulator: PBXSimulator?
        let address: ServerAddress
        let credentials: Credentials
        if demo {
            let sim = PBXSimulator(configuration: SimulatorConfiguration(), logger: Logger(label: "simulator"))
            let port = try BlockingTask.run { try await sim.start() }
            simulator = sim
            address = .loopback(port: port)
            credentials = Credentials(user: Account.demoLogin, password: Secret(Account.demoPassword))
        } else {
            address = try ServerAddress(server!)
            credentials = Credentials(user: user!, password: try PasswordSource.read())
        }
        defer { if let simulator { BlockingTask.run { await simulator.stop() } } }

        let engine = PresenceEngine(server: address, credentials: FixedCredentials(credentials),
                                    configuration: .init(extensions: watched), logger: Logger(label: "engine"))
        logger.info("board starting", metadata: ["server": "\(address)", "user": "\(credentials.user)"])
        let runner = BoardRunner(
            engine: engine,
            screen: BoardScreen(identity: "\(credentials.user)@\(address.host)" + (demo ? " (demo)" : "")),
            theme: themeValue,
            colour: ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true,
            kiosk: kiosk,
            recordingsDirectory: recordingsDir ?? BoardCommand.defaultRecordingsDirectory(),
            logger: logger)
        runner.run()
    }

    static func defaultRecordingsDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        return (environment["XDG_DATA_HOME"] ?? "\(home)/.local/share") + "/switchboard/recordings"
    }

    /// A broken theme file is refused with its file, line and reason; a
    /// missing default theme (a binary without its data) falls back to plain.
    private func loadTheme(logger: Logger) throws -> Theme {
        do {
            return try ThemeLoader.load(named: theme)
        } catch let error as ThemeError {
            throw ValidationError("theme \(error)")
        } catch {
            guard theme == "default" else { throw ValidationError("\(error)") }
            logger.warning("theme not loaded; using plain attributes", metadata: ["error": "\(error)"])
            return .plain
        }
    }
}

/// Sends every logger of the process to one file.
enum FileLogging {
    /// Sends every logger to one file; returns a logger for the caller.
    static func bootstrapFile(path: String, label: String) throws -> Logger {
        let sink: FileLogHandler.Sink
        do {
            sink = try FileLogHandler.Sink(path: path)
        } catch {
            throw ValidationError("cannot open log file \(path): \(error.localizedDescription)")
        }
        let level = ProcessInfo.processInfo.environment["SWITCHBOARD_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in FileLogHandler(label: label, sink: sink, logLevel: level) }
        return Logger(label: label)
    }
}
