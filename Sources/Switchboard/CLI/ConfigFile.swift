import Foundation
import PresenceEngine

/// Why the config file was refused: the file, the line and the key.
package struct ConfigError: Error, CustomStringConvertible, Equatable {
    package var file: String
    package var line: Int
    var key: String?
    var reason: String
    package var description: String { "\(file):" + (line > 0 ? "\(line):" : "") + " " + (key.map { "\($0): " } ?? "") + reason }
}

/// What `config.toml` can set. Every field is optional: a flag overrides
/// it, and it overrides the built-in default.
package struct Settings: Equatable {
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
    /// The program (and its arguments, no shell) told of each alarm's start and end.
    var onAlarm: [String]?
    /// When the wall dims to a clock and the missed count.
    var quietHours: QuietHours?
    /// The faces a wall turns through, and how long each stays.
    var rotate: [BoardFace]?
    var rotateSeconds: Int?

    /// The rotation, when at least two faces are given.
    var rotation: WallRotation? {
        guard let rotate, rotate.count >= 2 else { return nil }
        return WallRotation(faces: rotate, seconds: Double(rotateSeconds ?? 30))
    }
    /// Outside numbers on screen with their middle masked; the commands and the journal keep them whole.
    var maskNumbers: Bool?
    /// A CSV file of names for callers (`phonebook`), relative to the config file's folder.
    var phonebook: String?
    /// `board` or `wallboard`: the view the board starts in.
    var view: BoardFace?
    /// `journal = "PATH"`, or `journal = false` for none.
    var journalPath: String?
    var journalOff: Bool?
    var journalDays: Int?
    var missedDays: Int?
    var backfillMinutes: Int?
    /// The service level's target wait: the share of callers answered within it.
    var serviceLevelSeconds: Int?
    /// `[groups]`, in the file's order.
    var groups: ExtensionGroups?
    /// `show_ungrouped = false`: only the groups' extensions are shown.
    var showUngrouped: Bool?
    /// `[queues]` and `only_listed_queues`: which queues and bridges, named how, in what order.
    var queuePlan = QueuePlan()
    /// Where the settings came from, for messages.
    var path: String?
    /// The file can be written by others: a `password_command` there could be anyone's.
    var isWritableByOthers = false
}

extension Settings {
    /// The groups with `show_ungrouped` applied.
    var boardGroups: ExtensionGroups {
        var groups = self.groups ?? ExtensionGroups()
        groups.othersShown = showUngrouped ?? true
        return groups
    }

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
package enum ConfigFile {
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
        if let book = settings.phonebook, !book.hasPrefix("/") {
            settings.phonebook = (path as NSString).deletingLastPathComponent + "/" + book
        }
        settings.isWritableByOthers = info.st_mode & (S_IWOTH | S_IWGRP) != 0
        return settings
    }

    package static func parse(_ text: String, file: String, environment: [String: String] = [:]) throws(ConfigError) -> Settings {
        let document: TOMLDocument
        do { document = try TOMLDocument(text) } catch {
            throw ConfigError(file: file, line: error.line, key: error.key?.joined(separator: "."), reason: error.reason)
        }
        var settings = Settings()
        for entry in document.entries(at: []) {
            switch (entry.key, entry.value) {
            case ("queues", .table):
                for inner in document.entries(at: [entry.key]) {
                    do { try addQueue(number: inner.key, value: inner.value, to: &settings) } catch {
                        throw ConfigError(file: file, line: inner.line, key: TextWidth.sanitized("queues.\(inner.key)"), reason: error.reason)
                    }
                }
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
                                  reason: "unknown table [\(TextWidth.sanitized(entry.key))] (only [alerts], [groups] and [queues])")
            default:
                do { try apply(key: entry.key, value: entry.value, to: &settings, environment: environment) } catch {
                    throw ConfigError(file: file, line: entry.line, key: TextWidth.sanitized(entry.key), reason: error.reason)
                }
            }
        }
        return settings
    }

    /// One key through the table (`ConfigKeys`); a key not there is refused with the list.
    private static func apply(key: String, value: TOMLNode, to settings: inout Settings,
                              environment: [String: String]) throws(TOMLProblem) {
        guard let known = ConfigKeys.byName[key] else {
            throw TOMLProblem("unknown key (known: \(ConfigKeys.listed.joined(separator: ", ")))")
        }
        do { try known.read(value, &settings, environment) } catch let problem as TOMLProblem { throw problem } catch {
            throw TOMLProblem("\(error)")
        }
    }

    /// `"9100" = "Sales line"` or `"9100" = { name = "Sales line", hidden = false }` under `[queues]`.
    private static func addQueue(number: String, value: TOMLNode, to settings: inout Settings) throws(TOMLProblem) {
        guard (2...8).contains(number.count), number.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw TOMLProblem("a queue or bridge number is 2 to 8 digits")
        }
        var entry = QueuePlan.Entry(number: number)
        switch value {
        case .string(let name): entry.name = name
        case .table(let fields):
            for (key, field) in fields {
                switch key {
                case "name": entry.name = try field.string()
                case "hidden": entry.hidden = try field.bool()
                default: throw TOMLProblem("unknown key '\(TextWidth.sanitized(key))' (name, hidden)")
                }
            }
        default: throw TOMLProblem("expected a name or { name = \"…\", hidden = true }, got \(value.typeName)")
        }
        settings.queuePlan.entries.append(entry)
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

    static func expandingTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        return (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst()
    }
}
