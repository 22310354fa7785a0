import ArgumentParser
import Foundation
import PresenceEngine

/// `switchboard call NUMBER`: click-to-call from the user's own phone.
struct CallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Place a call: your phone rings first, then the number is dialled.",
        discussion: """
            Non-digits are ignored. An extension of the account, a domestic number (10 digits, or 11 starting with 1),
            or an international one (011…). Invalid numbers are refused before any request (exit 2); the service's
            refusals print its text (exit 5).

            Examples:
              switchboard call 202 --server http://127.0.0.1:8080 --user receptionist
              switchboard call '(555) 785-2675'
              switchboard call '011 44 20 7946 0018'
            """)

    @OptionGroup var account: AccountOptions
    @Argument(help: "The number or extension to call.") var number: String

    func run() throws {
        // What can be refused without the account's extension list is refused before logging in.
        let digits = NumberRules.digits(of: number)
        if case .failure(let problem) = NumberRules.check(number, extensions: []), digits.count < 2 || digits.hasPrefix("011") {
            throw CommandFailure.usage("cannot call '\(TextSafety.printable(number))': \(problem)")
        }
        let session = try AccountSession.open(account, label: "call")
        // A short number is valid only as one of the account's extensions.
        var extensions: Set<String> = []
        if digits.count < 6 {
            extensions = Set(try session.perform("directory") { services throws(ServiceError) in try services.directory() }.extensions.keys)
        }
        let target: NumberRules.Target
        do {
            target = try session.services.clickToCall(number, extensions: extensions)
        } catch {
            session.logger.error("call failed", metadata: ["error": "\(error)"])
            if case .invalidInput(let why) = error { throw CommandFailure.usage("cannot call '\(TextSafety.printable(number))': \(why)") }
            throw CommandFailure(error)
        }
        session.logger.info("call placed", metadata: ["kind": "\(target.kind.rawValue)"])
        CommandOutput.write("Calling \(target.kind.rawValue) \(PhoneNumberFormat.display(target.digits)): your phone rings first.\n")
    }
}

/// `switchboard history EXT`: an extension's call history, every API filter.
struct HistoryCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Print an extension's call history, newest first.",
        discussion: """
            Times are local (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS). The service answers at most 100 calls;
            --all fetches every page.

            Examples:
              switchboard history 201 --server http://127.0.0.1:8080 --user receptionist
              switchboard history 201 --start 2026-11-01 --result answered,voicemail --min-duration 30
              switchboard history 201 --recorded true --all --format csv > calls.csv
            """)

    @OptionGroup var account: AccountOptions
    @Argument(help: "The extension.") var number: String
    @Option(help: "Calls from this time on.") var start: String?
    @Option(help: "Calls up to this time.") var end: String?
    @Option(help: "Calling number contains this.") var from: String?
    @Option(help: "Called number contains this.") var to: String?
    @Option(help: "Comma-separated: answered, unanswered, voicemail.") var result: String?
    @Option(help: "Caller ID contains this.") var callerid: String?
    @Option(help: "Custom tag.") var customtag: String?
    @Option(name: .customLong("min-duration"), help: "Longer than this many seconds.") var minDuration: Int?
    @Option(name: .customLong("max-duration"), help: "Shorter than this many seconds.") var maxDuration: Int?
    @Option(help: "true: only recorded calls; false: only unrecorded ones.") var recorded: Bool?
    @Flag(help: "Fetch every page, not only the newest 100 calls.") var all = false
    @Option(help: "table, json or csv.") var format: Format = .table

    func query() throws(CommandFailure) -> HistoryQuery {
        var query = HistoryQuery()
        // Dates and results are read as the board's filter line reads them.
        func parsed(_ key: String, _ value: String?) throws(CommandFailure) -> HistoryQuery? {
            guard let value else { return nil }
            switch HistoryFilterText.parse("\(key)=\(value)") {
            case .success(let query): return query
            case .failure(let problem): throw .usage("--\(problem.text)")
            }
        }
        if let value = try parsed("start", start) { query.start = value.start }
        if let value = try parsed("end", end) { query.end = value.end }
        if let value = try parsed("result", result) { query.results = value.results }
        query.from = from
        query.to = to
        query.callerId = callerid
        query.customTag = customtag
        for (flag, seconds) in [("--min-duration", minDuration), ("--max-duration", maxDuration)] {
            if let seconds, seconds < 0 { throw .usage("\(flag): whole seconds, 0 or more") }
        }
        query.minDurationSeconds = minDuration
        query.maxDurationSeconds = maxDuration
        query.isRecorded = recorded
        return query
    }

    func validate() throws {
        do { _ = try VonageServices.extensionDigits(number) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        let query = try query()
        let session = try AccountSession.open(account, label: "history")
        let records = try session.perform("history") { services throws(ServiceError) in try services.history(number, query: query, all: all) }
        let header = ["time", "direction", "from", "to", "extension", "callerId", "customTag", "durationSeconds", "result", "recordingId"]
        let fields = records.map { record -> [String] in
            [record.time.map { CommandOutput.isoTime($0) } ?? "", record.isInbound ? "inbound" : "outbound", record.from, record.to, record.extensionNumber,
             record.callerId, record.customTag, record.durationSeconds.map(String.init) ?? "", record.result, record.recordingId ?? ""]
        }
        switch format {
        case .csv:
            CommandOutput.write(CommandOutput.csv(header, fields))
        case .json:
            CommandOutput.write(CommandOutput.encoded(HistoryOutput(extension: number, calls: records.map(HistoryOutput.Call.init))) + "\n")
        case .table:
            let rows = records.map { record -> [String] in
                [ClockText.historyTime(record.time), record.isInbound ? "in" : "out",
                 PhoneNumberFormat.display(record.isInbound ? record.from : record.to), record.callerId,
                 HistoryPane.length(record), record.result, record.recordingId ?? ""]
            }
            CommandOutput.write(records.isEmpty ? "no calls\n" : CommandOutput.table(["TIME", "DIR", "OTHER PARTY", "CALLER ID", "LENGTH", "RESULT", "RECORDING"], rows))
        }
    }
}

/// `switchboard recording ID`: saves a call's recording.
struct RecordingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recording",
        abstract: "Save a call recording (an MP3) to a file; never overwrites one.",
        discussion: """
            The ID is the recording column of `switchboard history`.

            Examples:
              switchboard recording 1042 --server http://127.0.0.1:8080 --user receptionist
              switchboard recording 1042 -o ~/calls/jane-doe.mp3
            """)

    @OptionGroup var account: AccountOptions
    @Argument(help: "The recording's ID.") var id: String
    @Option(name: .shortAndLong, help: "File to write (default: recording-ID.mp3 in the current folder).") var output: String?

    func validate() throws {
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw ValidationError("'\(TextSafety.printable(id))' is not a recording ID (letters, digits, - and _)")
        }
    }

    func run() throws {
        let path = output.map { ConfigFile.expandingTilde($0, environment: ProcessInfo.processInfo.environment) }
        let folder = path.map { ($0 as NSString).deletingLastPathComponent } ?? FileManager.default.currentDirectoryPath
        let name = path.map { ($0 as NSString).lastPathComponent }
        let session = try AccountSession.open(account, label: "recording")
        let saved = try session.perform("recording") { services throws(ServiceError) in
            try services.saveRecording(id, into: folder.isEmpty ? "." : folder, name: name, limits: session.settings.recordingLimits)
        }
        CommandOutput.write("saved \(saved)\n")
    }
}
