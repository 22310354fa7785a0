import Foundation
import PresenceEngine

/// Why the config file was refused: the file, the line and the key.
struct ConfigError: Error, CustomStringConvertible, Equatable {
    var file: String
    var line: Int
    var key: String?
    var reason: String
    var description: String { "\(file):" + (line > 0 ? "\(line):" : "") + " " + (key.map { "\($0): " } ?? "") + reason }
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
    /// A recording larger than this many MB is refused (`max_recording_mb`).
    var maxRecordingMB: Int?

    /// The limits of a recording download, from the config.
    var recordingLimits: RecordingLimits { RecordingLimits(maximumMegabytes: maxRecordingMB ?? 100) }
    var kiosk: Bool?
    var refreshSeconds: Double?
    /// What the board's own requests keep to (`max_requests_per_minute`).
    var maxRequestsPerMinute: Int?
    var logFile: String?
    var alertWaiting: Int?
    var alertLongestWaitSeconds: Int?
    var alertWaitingCritical: Int?
    var alertLongestWaitCriticalSeconds: Int?
    var ringingWarningSeconds: Int?
    var ringingCriticalSeconds: Int?
    var callWarningMinutes: Int?
    var callCriticalMinutes: Int?
    /// Ring the terminal bell when a call or queue first turns critical.
    var bell: Bool?
    /// `board` or `wallboard`: the view the board starts in.
    var view: BoardFace?
    /// `journal = "PATH"`, or `journal = false` for none.
    var journalPath: String?
    var journalOff: Bool?
    var journalDays: Int?
    var missedDays: Int?
    var backfillMinutes: Int?
    /// `[groups]`, in the file's order.
    var groups: ExtensionGroups?
    /// Where the settings came from, for messages.
    var path: String?
    /// The file can be written by others: a `password_command` there could be anyone's.
    var isWritableByOthers = false
}

extension Settings {
    /// The queue thresholds: the file's, else the defaults. A critical
    /// level set below its warning one is raised to it.
    var queueAlerts: QueueAlerts {
        var alerts = QueueAlerts()
        if let waiting = alertWaiting { alerts.waiting = waiting }
        if let seconds = alertLongestWaitSeconds { alerts.longestWaitSeconds = seconds }
        alerts.waitingCritical = max(alerts.waiting, alertWaitingCritical ?? max(alerts.waitingCritical, alerts.waiting * 2))
        alerts.longestWaitCriticalSeconds = max(alerts.longestWaitSeconds,
                                                alertLongestWaitCriticalSeconds ?? max(alerts.longestWaitCriticalSeconds, alerts.longestWaitSeconds * 2))
        return alerts
    }

    /// The call timers: ringing 20 s then 40 s by default; connected calls only when set.
    var callAlarms: CallAlarms {
        var alarms = CallAlarms()
        if let seconds = ringingWarningSeconds { alarms.ringingWarningSeconds = Int64(seconds) }
        if let seconds = ringingCriticalSeconds { alarms.ringingCriticalSeconds = Int64(seconds) }
        alarms.ringingCriticalSeconds = max(alarms.ringingCriticalSeconds, alarms.ringingWarningSeconds)
        alarms.callWarningMinutes = callWarningMinutes.map(Int64.init)
        alarms.callCriticalMinutes = callCriticalMinutes.map(Int64.init)
        return alarms
    }
}

/// Reads `config.toml` (TOML, through TOMLKit): top-level keys, an
/// `[alerts]` table and a `[groups]` table (any title = a list of
/// extensions and ranges). Unknown keys and wrong types are refused with
/// the file, the line and the key.
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
        // A regular file up to 1 MB, or `--config /dev/null` (no settings).
        let data: Data
        do { data = try BoundedFile.read(path) } catch {
            throw ConfigError(file: path, line: 0, key: nil, reason: error.reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, line: 0, key: nil, reason: "cannot read as UTF-8 text")
        }
        var settings = try parse(text, file: path, environment: environment)
        settings.path = path
        settings.isWritableByOthers = info.st_mode & (S_IWOTH | S_IWGRP) != 0
        return settings
    }

    static func parse(_ text: String, file: String, environment: [String: String] = [:]) throws(ConfigError) -> Settings {
        let document: TOMLDocument
        do { document = try TOMLDocument(text) } catch {
            throw ConfigError(file: file, line: error.line, key: error.key?.joined(separator: "."), reason: error.reason)
        }
        var settings = Settings()
        for entry in document.entries(at: []) {
            switch (entry.key, entry.value) {
            case ("alerts", .table), ("groups", .table):
                for inner in document.entries(at: [entry.key]) {
                    let key = "\(entry.key).\(inner.key)"
                    do {
                        if entry.key == "groups" {
                            try addGroup(title: inner.key, value: inner.value, to: &settings)
                        } else {
                            try apply(key: key, value: inner.value, to: &settings, environment: environment)
                        }
                    } catch {
                        throw ConfigError(file: file, line: inner.line, key: TextWidth.sanitized(key), reason: error.reason)
                    }
                }
            case (_, .table):
                throw ConfigError(file: file, line: entry.line, key: nil,
                                  reason: "unknown table [\(TextWidth.sanitized(entry.key))] (only [alerts] and [groups])")
            default:
                do { try apply(key: entry.key, value: entry.value, to: &settings, environment: environment) } catch {
                    throw ConfigError(file: file, line: entry.line, key: TextWidth.sanitized(entry.key), reason: error.reason)
                }
            }
        }
        return settings
    }

    private static func apply(key: String, value: TOMLNode, to settings: inout Settings,
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
        case "max_recording_mb": settings.maxRecordingMB = try recordingMegabytes(value)
        case "log_file": settings.logFile = expandingTilde(try value.string(), environment: environment)
        case "kiosk": settings.kiosk = try value.bool()
        case "refresh_seconds", "max_requests_per_minute":
            try applyPace(key, value, to: &settings)
        case "alerts.waiting":
            let count = try value.integer()
            guard count >= 1 else { throw TOMLProblem("must be at least 1") }
            settings.alertWaiting = count
        case "alerts.longest_wait_seconds":
            let seconds = try value.integer()
            guard seconds >= 1 else { throw TOMLProblem("must be at least 1") }
            settings.alertLongestWaitSeconds = seconds
        case "alerts.waiting_critical":
            settings.alertWaitingCritical = try positive(value)
        case "alerts.longest_wait_critical_seconds":
            settings.alertLongestWaitCriticalSeconds = try positive(value)
        // The call timers read the same at the top level or under [alerts].
        case "ringing_warning_seconds", "alerts.ringing_warning_seconds": settings.ringingWarningSeconds = try positive(value)
        case "ringing_critical_seconds", "alerts.ringing_critical_seconds": settings.ringingCriticalSeconds = try positive(value)
        case "call_warning_minutes", "alerts.call_warning_minutes": settings.callWarningMinutes = try positive(value)
        case "call_critical_minutes", "alerts.call_critical_minutes": settings.callCriticalMinutes = try positive(value)
        case "bell", "alerts.bell": settings.bell = try value.bool()
        case "journal", "journal_days", "missed_days", "backfill_minutes":
            try applyJournal(key, value, to: &settings, environment: environment)
        case "view":
            guard let view = BoardFace(rawValue: try value.string()) else { throw TOMLProblem("must be \"board\" or \"wallboard\"") }
            settings.view = view
        default:
            throw TOMLProblem("unknown key (known: \(knownKeys.joined(separator: ", ")))")
        }
    }

    /// `max_recording_mb`: 1 to 10,000.
    private static func recordingMegabytes(_ value: TOMLNode) throws(TOMLProblem) -> Int {
        let megabytes = try value.integer()
        guard (1...10_000).contains(megabytes) else { throw TOMLProblem("must be 1 to 10000 (MB)") }
        return megabytes
    }

    /// How often the board asks for details, and its request budget.
    private static func applyPace(_ key: String, _ value: TOMLNode, to settings: inout Settings) throws(TOMLProblem) {
        if key == "refresh_seconds" {
            let seconds = try value.number()
            guard (1...3600).contains(seconds) else { throw TOMLProblem("must be 1 to 3600 seconds") }
            settings.refreshSeconds = seconds
        } else {
            let count = try value.integer()
            guard (10...6000).contains(count) else { throw TOMLProblem("must be 10 to 6000 requests a minute") }
            settings.maxRequestsPerMinute = count
        }
    }

    /// The journal's keys (README: the journal).
    private static func applyJournal(_ key: String, _ value: TOMLNode, to settings: inout Settings,
                                     environment: [String: String]) throws(TOMLProblem) {
        switch key {
        case "journal":
            if case .bool(let on) = value {
                guard !on else { throw TOMLProblem("give a path, or false to keep no journal") }
                settings.journalOff = true
            } else {
                settings.journalPath = expandingTilde(try value.string(), environment: environment)
            }
        case "journal_days": settings.journalDays = try positive(value)
        case "missed_days":
            let days = try value.integer()
            guard (0...90).contains(days) else { throw TOMLProblem("must be 0 (today) to 90 days") }
            settings.missedDays = days
        default:
            let minutes = try value.integer()
            guard (0...1440).contains(minutes) else { throw TOMLProblem("must be 0 (off) to 1440 minutes") }
            settings.backfillMinutes = minutes
        }
    }

    private static func positive(_ value: TOMLNode) throws(TOMLProblem) -> Int {
        let number = try value.integer()
        guard number >= 1 else { throw TOMLProblem("must be at least 1") }
        return number
    }

    /// `Sales = ["201-215", "230"]` (or bare numbers) under `[groups]`.
    private static func addGroup(title: String, value: TOMLNode, to settings: inout Settings) throws(TOMLProblem) {
        guard case .array(let items) = value else { throw TOMLProblem("expected a list of extensions and ranges, like [\"201-215\", \"230\"]") }
        var members: [ClosedRange<Int>] = []
        for item in items {
            let text: String
            switch item {
            case .string(let string): text = string
            case .integer(let number): text = String(number)
            default: throw TOMLProblem("expected extensions and ranges as strings, got \(item.typeName)")
            }
            switch ExtensionGroups.member(text) {
            case .success(let range): members.append(range)
            case .failure(let problem): throw TOMLProblem(problem.reason)
            }
        }
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else { throw TOMLProblem("a group needs a title") }
        // Appended in place: a copy per group made a 1 MB file of groups quadratic.
        if settings.groups == nil { settings.groups = ExtensionGroups() }
        settings.groups!.groups.append(ExtensionGroups.Group(title: TextWidth.sanitized(title), members: members))
    }

    static let knownKeys = ["server", "user", "password_command", "extensions", "theme", "recordings_dir", "max_recording_mb", "kiosk",
                            "refresh_seconds", "max_requests_per_minute", "log_file", "view", "bell", "journal", "journal_days", "missed_days", "backfill_minutes", "ringing_warning_seconds", "ringing_critical_seconds",
                            "call_warning_minutes", "call_critical_minutes", "[alerts] waiting", "[alerts] longest_wait_seconds",
                            "[alerts] waiting_critical", "[alerts] longest_wait_critical_seconds", "[groups] TITLE = [\"201-215\"]"]

    static func expandingTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        return (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst()
    }
}

private extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
