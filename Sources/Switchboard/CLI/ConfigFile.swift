import Foundation

/// Why the config file was refused: the file, the line and the key.
struct ConfigError: Error, CustomStringConvertible, Equatable {
    var file: String
    var line: Int
    var key: String?
    var reason: String
    var description: String { "\(file):\(line): " + (key.map { "\($0): " } ?? "") + reason }
}

/// What `config.toml` can set. Every field is optional: a flag overrides
/// it, and it overrides the built-in default.
struct Settings: Equatable {
    var server: String?
    var user: String?
    /// The program and its arguments, run without a shell.
    var passwordCommand: [String]?
    var extensions: [String]?
    var theme: String?
    var recordingsDir: String?
    var kiosk: Bool?
    var refreshSeconds: Double?
    var logFile: String?
    var alertWaiting: Int?
    var alertLongestWaitSeconds: Int?
    /// Where the settings came from, for messages.
    var path: String?
    /// The file can be written by others: a `password_command` there could be anyone's.
    var isWritableByOthers = false
}

/// Reads `config.toml`: a TOML subset of top-level keys and an `[alerts]`
/// table, one `key = value` per line; strings, integers, numbers,
/// booleans and one-line arrays. Unknown keys and wrong types are refused.
enum ConfigFile {
    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/.config"
        return "\(base)/switchboard/config.toml"
    }

    /// The settings of `explicitPath` (which must exist), else of the
    /// default file when there is one, else none.
    static func load(explicitPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> Settings {
        let path = explicitPath.map { expandingTilde($0, environment: environment) } ?? defaultPath(environment: environment)
        var info = stat()
        guard stat(path, &info) == 0 else {
            if explicitPath == nil { return Settings() }
            throw ConfigError(file: path, line: 0, key: nil, reason: "cannot read: \(String(cString: strerror(errno)))")
        }
        // FileHandle, not FileManager: `--config /dev/null` (no settings) must work too.
        guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.readToEnd() ?? Data(),
              let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, line: 0, key: nil, reason: "cannot read as UTF-8 text")
        }
        var settings = try parse(text, file: path, environment: environment)
        settings.path = path
        settings.isWritableByOthers = info.st_mode & (S_IWOTH | S_IWGRP) != 0
        return settings
    }

    static func parse(_ text: String, file: String, environment: [String: String] = [:]) throws(ConfigError) -> Settings {
        var settings = Settings()
        var section = ""
        var seen = Set<String>()
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            func fail(_ reason: String, key: String? = nil) -> ConfigError {
                ConfigError(file: file, line: lineNumber, key: key, reason: reason)
            }
            var scanner = TOMLLineScanner(String(rawLine))
            scanner.skipSpace()
            if scanner.atEndOrComment { continue }
            if scanner.peek == "[" {
                guard let name = scanner.sectionHeader() else { throw fail("expected [section]") }
                guard name == "alerts" else { throw fail("unknown table [\(name)] (only [alerts])") }
                section = name
                continue
            }
            guard let bareKey = scanner.key() else { throw fail("expected key = value") }
            let key = section.isEmpty ? bareKey : "\(section).\(bareKey)"
            scanner.skipSpace()
            guard scanner.take("=") else { throw fail("expected '=' after the key", key: key) }
            let value: TOMLValue
            do { value = try scanner.value() } catch { throw fail(error.reason, key: key) }
            scanner.skipSpace()
            guard scanner.atEndOrComment else { throw fail("unexpected text after the value", key: key) }
            guard seen.insert(key).inserted else { throw fail("set twice", key: key) }
            do {
                try apply(key: key, value: value, to: &settings, environment: environment)
            } catch {
                throw fail(error.reason, key: key)
            }
        }
        return settings
    }

    private static func apply(key: String, value: TOMLValue, to settings: inout Settings,
                              environment: [String: String]) throws(TOMLProblem) {
        switch key {
        case "server": settings.server = try value.string()
        case "user": settings.user = try value.string()
        case "password_command":
            // An array is argv as given; a string is split on spaces (no shell, no quoting).
            let words: [String]
            if case .array = value { words = try value.strings() } else { words = try value.string().split(separator: " ").map(String.init) }
            guard let program = words.first, !program.isEmpty else { throw TOMLProblem("must name a program") }
            settings.passwordCommand = [expandingTilde(program, environment: environment)] + words.dropFirst()
        case "extensions":
            // `["301", "302"]`, `[301, 302]` or `"301,302"`.
            let items: [String]
            switch value {
            case .array(let values): items = try values.map { value throws(TOMLProblem) in try value.extensionNumber() }
            case .string(let text): items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            default: throw TOMLProblem("expected a list of extension numbers, got \(value.typeName)")
            }
            guard items.allSatisfy({ (2...6).contains($0.count) && $0.allSatisfy(\.isASCIIDigitCharacter) }) else {
                throw TOMLProblem("extensions are 2 to 6 digits")
            }
            settings.extensions = items
        case "theme": settings.theme = try value.string()
        case "recordings_dir": settings.recordingsDir = expandingTilde(try value.string(), environment: environment)
        case "log_file": settings.logFile = expandingTilde(try value.string(), environment: environment)
        case "kiosk": settings.kiosk = try value.bool()
        case "refresh_seconds":
            let seconds = try value.number()
            guard (1...3600).contains(seconds) else { throw TOMLProblem("must be 1 to 3600 seconds") }
            settings.refreshSeconds = seconds
        case "alerts.waiting":
            let count = try value.integer()
            guard count >= 1 else { throw TOMLProblem("must be at least 1") }
            settings.alertWaiting = count
        case "alerts.longest_wait_seconds":
            let seconds = try value.integer()
            guard seconds >= 1 else { throw TOMLProblem("must be at least 1") }
            settings.alertLongestWaitSeconds = seconds
        default:
            throw TOMLProblem("unknown key (known: \(knownKeys.joined(separator: ", ")))")
        }
    }

    static let knownKeys = ["server", "user", "password_command", "extensions", "theme", "recordings_dir", "kiosk",
                            "refresh_seconds", "log_file", "[alerts] waiting", "[alerts] longest_wait_seconds"]

    static func expandingTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        return (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst()
    }
}

private extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
