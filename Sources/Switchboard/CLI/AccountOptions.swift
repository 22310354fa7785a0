import ArgumentParser
import Foundation
import Logging
import PresenceEngine

/// The options every command that talks to the service shares. Each falls
/// back to the config file, which falls back to the defaults.
struct AccountOptions: ParsableArguments {
    @Option(help: "Service base URL: https://HOST, or http:// for loopback only (config: server).")
    var server: String?

    @Option(help: "Login name of the account user (config: user).")
    var user: String?

    @Option(help: "Config file (default: $XDG_CONFIG_HOME/switchboard/config.toml).")
    var config: String?

    @Option(name: .customLong("log-file"), help: "Log file (config: log_file; default: $XDG_STATE_HOME/switchboard/switchboard.log).")
    var logFile: String?

    /// The config file's settings; a broken file stops here with file, line and key.
    func settings(environment: [String: String] = ProcessInfo.processInfo.environment) throws(CommandFailure) -> Settings {
        let settings: Settings
        do { settings = try ConfigFile.load(explicitPath: config, environment: environment) } catch {
            throw .usage("config \(error)")
        }
        if settings.isWritableByOthers, settings.passwordCommand != nil, let path = settings.path {
            FileHandle.standardError.write(Data(
                "switchboard: warning: \(path) can be written by other users, so its password_command could run anyone's program; chmod go-w it\n".utf8))
        }
        return settings
    }

    /// Sends every log line to the flag's, else the config's, else the default file.
    func startLogging(_ settings: Settings, label: String) throws(CommandFailure) -> Logger {
        let path = logFile ?? settings.logFile ?? FileLogHandler.defaultPath()
        do { return try FileLogging.bootstrapFile(path: path, label: label) } catch {
            throw .usage("\(error)")
        }
    }

    /// Server and user from the flags or the file; both are needed.
    func address(_ settings: Settings) throws(CommandFailure) -> (ServerAddress, String) {
        guard let serverText = server ?? settings.server else {
            throw .usage("no server: give --server https://HOST, or set server in \(settings.path ?? ConfigFile.defaultPath())")
        }
        guard let userName = user ?? settings.user else {
            throw .usage("no user: give --user NAME, or set user in \(settings.path ?? ConfigFile.defaultPath())")
        }
        do { return (try ServerAddress(serverText), userName) } catch {
            throw .usage("\(error)")
        }
    }
}

/// A logged-in connection for one command: settings, logger and services.
struct AccountSession {
    let settings: Settings
    let address: ServerAddress
    let credentials: Credentials
    var user: String { credentials.user }
    let logger: Logger
    let client: VonageClient
    let services: VonageServices

    /// Reads the config, starts the log, finds the password, logs in.
    static func open(_ options: AccountOptions, label: String) throws(CommandFailure) -> AccountSession {
        let settings = try options.settings()
        let (address, user) = try options.address(settings)
        let logger = try options.startLogging(settings, label: label)
        let password = try PasswordSource.read(passwordCommand: settings.passwordCommand)
        let credentials = Credentials(user: user, password: password)
        let client = VonageClient(transport: CurlTransport(server: address), credentials: FixedCredentials(credentials))
        logger.info("command starting", metadata: ["command": "\(label)", "server": "\(address)", "user": "\(user)"])
        do {
            try client.login()
        } catch {
            logger.error("login failed", metadata: ["error": "\(error)"])
            throw CommandFailure(error)
        }
        return AccountSession(settings: settings, address: address, credentials: credentials, logger: logger,
                              client: client, services: VonageServices(client: client))
    }

    /// Runs a service call; a failure is logged and becomes the command's exit.
    func perform<Value>(_ what: String, _ work: (VonageServices) throws(ServiceError) -> Value) throws(CommandFailure) -> Value {
        do {
            return try work(services)
        } catch {
            logger.error("\(what) failed", metadata: ["error": "\(error)"])
            throw CommandFailure(error)
        }
    }
}
