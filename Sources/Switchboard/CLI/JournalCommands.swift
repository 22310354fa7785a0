import ArgumentParser
import Foundation
import Journal
import Logging
import PresenceEngine

/// What the journal commands share: the file, filling it from the call
/// history first (unless `--offline`, or while a board keeps the file).
struct JournalAccess {
    let database: JournalDatabase
    let logger: Logger

    /// Opens the journal and fills it since `since` (or its last row, at
    /// most since the start of the previous day).
    static func open(account: AccountOptions, journal: JournalOptions, offline: Bool, fillFrom since: Date?, label: String) throws -> JournalAccess {
        let settings = try account.settings()
        guard let options = journal.options(settings, user: settings.user ?? "") else {
            throw CommandFailure.usage("the journal is turned off (--no-journal or journal = false): nothing to read")
        }
        let opened: JournalDatabase
        do {
            let (database, aside) = try JournalDatabase.open(path: options.path)
            if let aside { FileHandle.standardError.write(Data("switchboard: the journal was damaged; moved to \(aside), started afresh\n".utf8)) }
            opened = database
        } catch {
            throw CommandFailure(code: 1, message: "\(error)")
        }
        if offline {
            return JournalAccess(database: opened, logger: Logger(label: label))
        }
        if opened.readOnly {
            FileHandle.standardError.write(Data("switchboard: a board keeps \(options.path) and fills it; showing what it holds\n".utf8))
            return JournalAccess(database: opened, logger: Logger(label: label))
        }
        let session = try AccountSession.open(account, label: label)
        let day = LocalDay(timeZone: .current)
        let now = Date()
        var start = JournalService.fillStart(lastRow: try? opened.lastActivity(), now: now, day: day)
        if let since { start = min(start, since) }
        let result = HistoryReader.read(services: session.services, since: start, user: session.user, logger: session.logger)
        do {
            let written = try opened.mergeHistory(result, from: start)
            session.logger.info("journal filled from the call history", metadata: ["rows": "\(written)", "failed": "\(result.failures)"])
        } catch {
            throw CommandFailure(code: 1, message: "journal not written: \(error)")
        }
        if result.failures > 0 && result.records.isEmpty {
            FileHandle.standardError.write(Data("switchboard: the call history was not read; showing what the journal holds\n".utf8))
        }
        return JournalAccess(database: opened, logger: session.logger)
    }
}

/// `switchboard missed`: the numbers to call back.
struct MissedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "missed",
        abstract: "Print the missed calls to call back, from the journal, newest first.",
        discussion: """
            A number is listed when it called in, nobody answered, and no answered call (in or out, on any
            extension) reached it since; `x` on the board marks one handled. The journal is filled from the
            call history first, unless --offline.

            Examples:
              switchboard missed --server http://127.0.0.1:8080 --user receptionist
              switchboard missed --since 2026-12-01T08:00:00 --json
              switchboard missed --offline --csv > callbacks.csv
            """)

    @OptionGroup var account: AccountOptions
    @OptionGroup var journal: JournalOptions
    @Option(help: "Calls from this local time on (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS; default: the start of the previous day).")
    var since: String?
    @Flag(help: "Read the journal only; do not fill it from the service first.") var offline = false
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Print CSV.") var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("--json and --csv cannot be used together") }
        _ = try sinceDate()
    }

    private func sinceDate() throws -> Date? {
        guard let since else { return nil }
        guard let date = HistoryFilterText.parseDate(since, timeZone: .current) else {
            throw ValidationError("--since: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS")
        }
        return date
    }

    func run() throws {
        let day = LocalDay(timeZone: .current)
        let start = try sinceDate() ?? day.start(daysBefore: 1, Date())
        let access = try JournalAccess.open(account: account, journal: journal, offline: offline, fillFrom: start, label: "missed")
        let list: [MissedCaller]
        do {
            list = MissedCalls.list(calls: try access.database.callsOfMissedNumbers(from: start), handled: try access.database.handled(),
                                    since: start, day: day)
        } catch {
            throw CommandFailure(code: 1, message: "journal not read: \(error)")
        }
        let rows = list.map(MissedRow.init)
        if json {
            CommandOutput.write(CommandOutput.encoded(rows) + "\n")
            return
        }
        let header = ["last", "number", "name", "calls", "first", "extensions", "queues", "voicemail", "repeatCaller"]
        let fields = rows.map { [$0.last, $0.number, $0.name, String($0.calls), $0.first, $0.extensions.joined(separator: " "),
                                 $0.queues.joined(separator: " "), $0.voicemail ? "yes" : "no", $0.repeatCaller ? "yes" : "no"] }
        CommandOutput.write(csv ? CommandOutput.csv(header, fields) : CommandOutput.table(header, fields))
    }
}

/// One line of `missed --json` (docs/scripting.md: the schema).
struct MissedRow: Encodable, Equatable {
    var number: String
    var name: String
    var calls: Int
    var first: String
    var last: String
    var extensions: [String]
    var queues: [String]
    var voicemail: Bool
    var repeatCaller: Bool

    init(_ caller: MissedCaller) {
        number = caller.number
        name = TextWidth.sanitized(caller.name)
        calls = caller.count
        first = CommandOutput.isoTime(caller.first)
        last = CommandOutput.isoTime(caller.last)
        extensions = caller.extensions
        queues = caller.queues
        voicemail = caller.leftVoicemail
        repeatCaller = caller.isRepeatCaller
    }
}

/// `switchboard report`: a day's figures.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print a day's figures from the journal: per queue, per extension, by custom tag.",
        discussion: """
            The day runs from local midnight to midnight. Queue calls are read from the queue samples the
            board kept (the service reports no calls per queue), so a day the board did not run has no queue figures.

            Examples:
              switchboard report --server http://127.0.0.1:8080 --user receptionist
              switchboard report --day 2026-12-01 --offline --json
            """)

    @OptionGroup var account: AccountOptions
    @OptionGroup var journal: JournalOptions
    @Option(help: "The day, YYYY-MM-DD (default: today).") var day: String?
    @Flag(help: "Read the journal only; do not fill it from the service first.") var offline = false
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Print CSV.") var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("--json and --csv cannot be used together") }
        if let day, LocalDay(timeZone: .current).day(named: day) == nil { throw ValidationError("--day: use YYYY-MM-DD (a real date)") }
    }

    func run() throws {
        let local = LocalDay(timeZone: .current)
        let start = day.flatMap(local.day(named:)) ?? local.start(of: Date())
        let end = local.end(of: start)
        // Only a recent day can be filled: the fill reaches back to the start of yesterday.
        let recent = start >= local.start(daysBefore: 1, Date())
        let access = try JournalAccess.open(account: account, journal: journal, offline: offline || !recent, fillFrom: nil, label: "report")
        let figures: DayFigures
        do {
            figures = DayFigures.make(day: local.name(of: start), totals: try access.database.dayTotals(from: start, to: end),
                                      samples: try access.database.samples(from: start, to: end),
                                      serviceLevelSeconds: (try? account.settings())?.serviceLevelSeconds ?? ServiceLevel.defaultSeconds)
        } catch {
            throw CommandFailure(code: 1, message: "journal not read: \(error)")
        }
        if json {
            CommandOutput.write(CommandOutput.encoded(figures) + "\n")
        } else if csv {
            CommandOutput.write(CommandOutput.csv(ReportTable.header, ReportTable.rows(figures)))
        } else {
            CommandOutput.write(ReportTable.text(figures))
        }
    }
}

/// The report as one CSV (a `section` column: queue, extension, tag) and as tables.
enum ReportTable {
    static let header = ["section", "key", "name", "offered", "answered", "missed", "peakWaiting", "longestWaitSeconds",
                         "averageWaitSeconds", "inbound", "outbound", "talkSeconds", "calls", "answeredWithinTarget", "serviceLevelSeconds"]

    static func rows(_ figures: DayFigures) -> [[String]] {
        figures.queues.map { ["queue", $0.queue, $0.name, "\($0.offered)", "\($0.answered)", "\($0.missed)", "\($0.peakWaiting)",
                              "\($0.longestWaitSeconds)", "\($0.averageWaitSeconds)", "", "", "", "", "\($0.answeredWithinTarget)",
                              "\($0.serviceLevelSeconds)"] }
            + figures.extensions.map { ["extension", $0.extensionNumber, "", "", "", "\($0.missed)", "", "", "", "\($0.inbound)",
                                        "\($0.outbound)", "\($0.talkSeconds)", "", "", ""] }
            + figures.tags.map { ["tag", $0.tag, "", "", "\($0.answered)", "\($0.missed)", "", "", "", "", "", "", "\($0.calls)", "", ""] }
    }

    static func text(_ figures: DayFigures) -> String {
        var text = "Day \(figures.day)\n\nQueues\n"
        text += figures.queues.isEmpty ? "no queue samples: no board kept this journal that day\n" : CommandOutput.table(DayQueueText.header(figures.queues),
                                                                                                                 figures.queues.map { DayQueueText.cells($0, name: $0.name) })
        text += "\nExtensions\n" + CommandOutput.table(["extension", "in", "answered", "out", "missed", "talk"], figures.extensions.map {
            [$0.extensionNumber, "\($0.inbound)", "\(max(0, $0.inbound - $0.missed))", "\($0.outbound)", "\($0.missed)", ExtensionRow.clock(Int64($0.talkSeconds))]
        })
        if !figures.tags.isEmpty {
            text += "\nBy tag\n" + CommandOutput.table(["tag", "calls", "answered", "missed"], figures.tags.map {
                [$0.tag, "\($0.calls)", "\($0.answered)", "\($0.missed)"]
            })
        }
        return text
    }
}
