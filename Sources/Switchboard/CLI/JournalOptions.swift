import ArgumentParser
import Foundation
import Journal

/// `--journal PATH` / `--no-journal`, for the board and the journal commands.
struct JournalOptions: ParsableArguments {
    @Option(help: "The journal file (config: journal; default: $XDG_STATE_HOME/switchboard/journal.sqlite).")
    var journal: String?

    @Flag(name: .customLong("no-journal"), help: "Keep no journal: no missed calls, no day's figures (config: journal = false).")
    var noJournal = false

    /// The journal's options from the flags, the config and the defaults; nil when turned off.
    /// `demo`: the simulator's calls go to a journal of their own, never the account's.
    func options(_ settings: Settings, user: String, demo: Bool = false,
                 environment: [String: String] = ProcessInfo.processInfo.environment) -> JournalService.Options? {
        if noJournal || (journal == nil && settings.journalOff == true) { return nil }
        let standard = Self.defaultPath(environment: environment)
        let path = journal ?? (demo ? (standard as NSString).deletingLastPathComponent + "/demo-journal.sqlite" : settings.journalPath ?? standard)
        var options = JournalService.Options(path: path)
        if let days = settings.journalDays { options.keepDays = days }
        if let days = settings.missedDays { options.missedDays = days }
        if let minutes = settings.backfillMinutes { options.backfillMinutes = Double(minutes) }
        if let seconds = settings.serviceLevelSeconds { options.serviceLevelSeconds = seconds }
        options.user = user
        return options
    }

    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        FileLogHandler.stateFolder(environment: environment) + "/journal.sqlite"
    }
}
