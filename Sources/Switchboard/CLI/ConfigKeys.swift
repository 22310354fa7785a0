import Foundation

/// One key `config.toml` can set: its name as written (`alerts.waiting` for
/// `waiting` under `[alerts]`), and how its value is read into `Settings`.
struct ConfigKey: Sendable {
    typealias Reader = @Sendable (_ value: TOMLNode, _ settings: inout Settings, _ environment: [String: String]) throws -> Void
    let name: String
    let read: Reader

    init(_ name: String, _ read: @escaping Reader) {
        self.name = name
        self.read = read
    }
}

/// Every key of `config.toml`, in one table: the parser reads through it,
/// the unknown-key message lists it, and a test holds docs/config.md to it.
/// (`[groups]` is a table of titles, not keys: `ConfigFile.addGroup`.)
enum ConfigKeys {
    static let all: [ConfigKey] = account + board + alarms + journal

    static let byName: [String: ConfigKey] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// The names as the unknown-key message lists them (`[alerts] waiting`).
    static var listed: [String] {
        all.map { $0.name.hasPrefix("alerts.") ? "[alerts] " + $0.name.dropFirst(7) : $0.name }
            + ["[groups] TITLE = [\"201-215\"]", "[queues] NUMBER = { name = \"…\", hidden = true }"]
    }

    private static let account: [ConfigKey] = [
        ConfigKey("server") { value, settings, _ in settings.server = try value.string() },
        ConfigKey("user") { value, settings, _ in settings.user = try value.string() },
        ConfigKey("password_command") { value, settings, environment in
            // An array is argv as given; a string is split on spaces (no shell, no quoting).
            let words: [String]
            if case .array = value { words = try value.strings() } else { words = try value.string().split(separator: " ").map(String.init) }
            guard let program = words.first, !program.isEmpty else { throw TOMLProblem("must name a program") }
            settings.passwordCommand = [ConfigFile.expandingTilde(program, environment: environment)] + words.dropFirst()
        },
        ConfigKey("extensions") { value, settings, _ in settings.extensions = try extensionNumbers(value) },
        ConfigKey("recordings_dir") { value, settings, environment in
            settings.recordingsDir = ConfigFile.expandingTilde(try value.string(), environment: environment)
        },
        ConfigKey("max_recording_mb") { value, settings, _ in settings.maxRecordingMB = try ranged(value, 1...10_000, "must be 1 to 10000 (MB)") },
        ConfigKey("log_file") { value, settings, environment in
            settings.logFile = ConfigFile.expandingTilde(try value.string(), environment: environment)
        },
        ConfigKey("refresh_seconds") { value, settings, _ in
            let seconds = try value.number()
            guard (1...3600).contains(seconds) else { throw TOMLProblem("must be 1 to 3600 seconds") }
            settings.refreshSeconds = seconds
        },
        ConfigKey("max_requests_per_minute") { value, settings, _ in
            settings.maxRequestsPerMinute = try ranged(value, 10...6000, "must be 10 to 6000 requests a minute")
        },
    ]

    private static let board: [ConfigKey] = [
        ConfigKey("theme") { value, settings, _ in settings.theme = try value.string() },
        ConfigKey("kiosk") { value, settings, _ in settings.kiosk = try value.bool() },
        ConfigKey("quiet_hours") { value, settings, _ in
            guard let hours = QuietHours(try value.string()) else { throw TOMLProblem("use \"HH:MM-HH:MM\", like \"19:00-07:00\"") }
            settings.quietHours = hours
        },
        ConfigKey("rotate") { value, settings, _ in
            let faces = try value.strings().map { name throws(TOMLProblem) -> BoardFace in
                guard let face = BoardFace(rawValue: name) else { throw TOMLProblem("faces are \"board\" and \"wallboard\"") }
                return face
            }
            guard faces.count >= 2 else { throw TOMLProblem("name at least two faces, like [\"board\", \"wallboard\"]") }
            settings.rotate = faces
        },
        ConfigKey("rotate_seconds") { value, settings, _ in settings.rotateSeconds = try ranged(value, 5...3600, "must be 5 to 3600 seconds") },
        ConfigKey("mask_numbers") { value, settings, _ in settings.maskNumbers = try value.bool() },
        ConfigKey("show_ungrouped") { value, settings, _ in settings.showUngrouped = try value.bool() },
        ConfigKey("only_listed_queues") { value, settings, _ in settings.queuePlan.onlyListed = try value.bool() },
        ConfigKey("phonebook") { value, settings, environment in
            settings.phonebook = ConfigFile.expandingTilde(try value.string(), environment: environment)
        },
        ConfigKey("view") { value, settings, _ in
            guard let view = BoardFace(rawValue: try value.string()) else { throw TOMLProblem("must be \"board\" or \"wallboard\"") }
            settings.view = view
        },
    ]

    /// The queue thresholds under `[alerts]`; the call timers and the bell
    /// read the same at the top level or under `[alerts]`.
    private static let alarms: [ConfigKey] = [
        ConfigKey("bell") { value, settings, _ in settings.bell = try value.bool() },
        ConfigKey("on_alarm") { value, settings, environment in
            let words = try value.strings()
            guard let program = words.first, !program.isEmpty else { throw TOMLProblem("must name a program") }
            settings.onAlarm = [ConfigFile.expandingTilde(program, environment: environment)] + words.dropFirst()
        },
        ConfigKey("ringing_warning_seconds") { value, settings, _ in settings.ringingWarningSeconds = try positive(value) },
        ConfigKey("ringing_critical_seconds") { value, settings, _ in settings.ringingCriticalSeconds = try positive(value) },
        ConfigKey("call_warning_minutes") { value, settings, _ in settings.callWarningMinutes = try positive(value) },
        ConfigKey("call_critical_minutes") { value, settings, _ in settings.callCriticalMinutes = try positive(value) },
        ConfigKey("alerts.waiting") { value, settings, _ in settings.alertWaiting = try positive(value) },
        ConfigKey("alerts.longest_wait_seconds") { value, settings, _ in settings.alertLongestWaitSeconds = try positive(value) },
        ConfigKey("alerts.waiting_critical") { value, settings, _ in settings.alertWaitingCritical = try positive(value) },
        ConfigKey("alerts.longest_wait_critical_seconds") { value, settings, _ in settings.alertLongestWaitCriticalSeconds = try positive(value) },
    ] + ["bell", "ringing_warning_seconds", "ringing_critical_seconds", "call_warning_minutes", "call_critical_minutes"].map { name in
        ConfigKey("alerts." + name) { value, settings, environment in try byName[name]!.read(value, &settings, environment) }
    }

    /// The journal (docs/journal.md).
    private static let journal: [ConfigKey] = [
        ConfigKey("journal") { value, settings, environment in
            if case .bool(let on) = value {
                guard !on else { throw TOMLProblem("give a path, or false to keep no journal") }
                settings.journalOff = true
            } else {
                settings.journalPath = ConfigFile.expandingTilde(try value.string(), environment: environment)
            }
        },
        ConfigKey("journal_days") { value, settings, _ in settings.journalDays = try positive(value) },
        ConfigKey("missed_days") { value, settings, _ in settings.missedDays = try ranged(value, 0...90, "must be 0 (today) to 90 days") },
        ConfigKey("service_level_seconds") { value, settings, _ in
            settings.serviceLevelSeconds = try ranged(value, 1...3600, "must be 1 to 3600 seconds")
        },
        ConfigKey("backfill_minutes") { value, settings, _ in
            settings.backfillMinutes = try ranged(value, 0...1440, "must be 0 (off) to 1440 minutes")
        },
    ]

    /// `["301", "302"]`, `[301, 302]` or `"301,302"`.
    private static func extensionNumbers(_ value: TOMLNode) throws -> [String] {
        let items: [String]
        switch value {
        case .array(let values): items = try values.map { value throws(TOMLProblem) in try value.extensionNumber() }
        case .string(let text): items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        default: throw TOMLProblem("expected a list of extension numbers, got \(value.typeName)")
        }
        guard items.allSatisfy({ (2...6).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            throw TOMLProblem("extensions are 2 to 6 digits")
        }
        return items
    }

    private static func positive(_ value: TOMLNode) throws -> Int {
        try ranged(value, 1...Int.max, "must be at least 1")
    }

    private static func ranged(_ value: TOMLNode, _ range: ClosedRange<Int>, _ reason: String) throws -> Int {
        let number = try value.integer()
        guard range.contains(number) else { throw TOMLProblem(reason) }
        return number
    }
}
