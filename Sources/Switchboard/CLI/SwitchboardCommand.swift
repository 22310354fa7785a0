import ArgumentParser
import Foundation
import Journal
import Logging
import PresenceEngine
import SimulatorOptions

/// `switchboard`: the board by default, and the other commands.
public struct SwitchboardCommand: ParsableCommand {
    // The board is a subcommand of its own (the default) so that its options
    // do not shadow a subcommand's options of the same name (`--extensions`).
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "A live switchboard for Vonage Business phone systems, in the terminal.",
        version: SwitchboardVersion.text,
        subcommands: [BoardCommand.self, SimCommand.self, CallCommand.self, StatusCommand.self, WatchCommand.self,
                      DirectoryCommand.self, ExtensionCommand.self, QueueCommand.self, ConferenceCommand.self,
                      HistoryCommand.self, RecordingCommand.self, MissedCommand.self, ReportCommand.self, DoctorCommand.self],
        defaultSubcommand: BoardCommand.self)

    /// Exit codes as PRODUCT.md gives them: usage errors are 2 (the parser's
    /// own default is 64), and a command's failure is one line on stderr.
    public static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("switchboard: \(failure.message)\n".utf8))
            Glibc.exit(failure.code)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Glibc.exit(0)
            }
            FileHandle.standardError.write(Data((message.isEmpty ? "switchboard: \(error)" : message).utf8 + [10]))
            Glibc.exit(code == .validationFailure ? CommandFailure.usageCode : code.rawValue)
        }
    }
}

/// `switchboard [board]`: the live board.
struct BoardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "Show the live board (the default command).",
        discussion: """
            Examples:
              switchboard --demo
              switchboard --server https://my.vonagebusiness.com --user alice     (asks for the password)
              switchboard --config ~/wall.toml --kiosk
            """)

    @Flag(help: "Run against the built-in simulator (a living demo phone system).")
    var demo = false

    @OptionGroup var account: AccountOptions

    @OptionGroup var journal: JournalOptions

    @Option(help: "Comma-separated extensions to watch (config: extensions; default: all).")
    var extensions: String?

    @Option(help: "Theme name, from the themes folders (config: theme; default: default).")
    var theme: String?

    @Flag(help: "Wall-display mode: no calls, dialling or recordings, and quitting asks first (config: kiosk).")
    var kiosk = false

    @Option(help: "The view to start in: board or wallboard (config: view; `w` switches).")
    var view: BoardFace?

    @Option(name: .customLong("recordings-dir"), help: "Where `r` saves recordings (config: recordings_dir; default: $XDG_DATA_HOME/switchboard/recordings).")
    var recordingsDir: String?

    func validate() throws {
        if demo && account.server != nil { throw ValidationError("--demo and --server cannot be used together") }
    }

    func run() throws {
        let startedAt = MonotonicInstant.now()
        let settings = try account.settings()
        let watched = try ExtensionsOption.parse(extensions) ?? settings.extensions ?? []
        // Checked before the terminal is taken, so errors print plainly.
        var simulator: Process?
        let address: ServerAddress
        let credentials: Credentials
        if demo {
            address = .loopback(port: 0)
            credentials = Credentials(user: DemoAccount.login, password: Secret(DemoAccount.password))
        } else {
            guard account.server != nil || settings.server != nil else {
                throw CommandFailure.usage("give --server URL and --user NAME (or set them in \(settings.path ?? ConfigFile.defaultPath())), or --demo to try the simulator")
            }
            let (server, user) = try account.address(settings)
            address = server
            credentials = Credentials(user: user, password: try PasswordSource.read(passwordCommand: settings.passwordCommand))
        }
        let recordings = recordingsDir ?? settings.recordingsDir ?? BoardCommand.defaultRecordingsDirectory()
        try BoardCommand.checkRecordingsDirectory(recordings)
        let logger = try account.startLogging(settings, label: "switchboard")
        // Before anything starts: a broken theme stops here with its file and line.
        let themeValue = try loadTheme(named: theme ?? settings.theme ?? "default", logger: logger)
        var server = address
        if demo {
            let started = try SimulatorProgram.startChild()
            server = .loopback(port: started.port)
            simulator = started.child
        }
        defer { if let simulator { SimulatorProgram.stop(simulator) } }

        var configuration = PresenceEngine.Configuration(extensions: watched)
        if let seconds = settings.refreshSeconds { configuration.refreshSeconds = seconds }
        if let count = settings.maxRequestsPerMinute { configuration.maxRequestsPerMinute = count }
        let engine = PresenceEngine(server: server, credentials: FixedCredentials(credentials),
                                    configuration: configuration, logger: Logger(label: "engine"))
        logger.info("board starting", metadata: ["server": "\(server)", "user": "\(credentials.user)", "config": "\(settings.path ?? "none")"])
        let identity = "\(credentials.user)@\(server.host)" + (demo ? " (demo)" : "")
        let runner = boardRunner(engine: engine, settings: settings, identity: identity, theme: themeValue, recordings: recordings,
                                 logger: logger, journal: journal.options(settings, user: credentials.user, demo: demo), startedAt: startedAt)
        runner.run()
    }

    /// The board's loop, set from the flags and the config.
    private func boardRunner(engine: PresenceEngine, settings: Settings, identity: String, theme: Theme, recordings: String, logger: Logger,
                             journal: JournalService.Options?, startedAt: MonotonicInstant) -> BoardRunner {
        BoardRunner(
            engine: engine,
            screen: BoardScreen(identity: identity, alerts: settings.queueAlerts, alarms: settings.callAlarms),
            theme: theme,
            colour: ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true,
            kiosk: kiosk || settings.kiosk == true,
            groups: settings.boardGroups,
            view: view ?? settings.view ?? .board,
            bell: settings.bell ?? false,
            maskNumbers: settings.maskNumbers ?? false,
            queuePlan: settings.queuePlan,
            onAlarm: settings.onAlarm,
            quietHours: settings.quietHours,
            rotation: settings.rotation,
            phonebookPath: settings.phonebook,
            recordingsDirectory: recordings,
            recordingLimits: settings.recordingLimits,
            logger: logger,
            journal: journal,
            startedAt: startedAt)
    }

    /// The recordings folder must be one the user can write, or one that
    /// can be made under a folder they can write: refused before the board
    /// takes the terminal, rather than at the first `r`.
    static func checkRecordingsDirectory(_ path: String) throws(CommandFailure) {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var candidate = (absolute as NSString).standardizingPath
        while true {
            var info = stat()
            if stat(candidate, &info) == 0 {
                guard (info.st_mode & S_IFMT) == S_IFDIR else {
                    throw .usage("--recordings-dir \(path): \(candidate) is not a folder")
                }
                guard access(candidate, W_OK | X_OK) == 0 else {
                    throw .usage("--recordings-dir \(path): \(candidate) is not writable by you")
                }
                return
            }
            let parent = (candidate as NSString).deletingLastPathComponent
            if parent == candidate || parent.isEmpty { throw .usage("--recordings-dir \(path): no folder of it exists") }
            candidate = parent
        }
    }

    static func defaultRecordingsDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        return (environment["XDG_DATA_HOME"] ?? "\(home)/.local/share") + "/switchboard/recordings"
    }

    /// A broken theme file is refused with its file, line and reason; a
    /// missing default theme (a binary without its data) falls back to plain.
    private func loadTheme(named theme: String, logger: Logger) throws -> Theme {
        do {
            return try ThemeLoader.load(named: theme)
        } catch let error as ThemeError {
            throw CommandFailure.usage("theme \(error)")
        } catch {
            guard theme == "default" else { throw CommandFailure.usage("\(error)") }
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

extension BoardFace: ExpressibleByArgument {}
