import ArgumentParser
import Foundation
import Logging
import PresenceEngine

/// Extension numbers from `--extensions 301,302`, checked before any request.
enum ExtensionsOption {
    static func parse(_ text: String?) throws(CommandFailure) -> [String]? {
        guard let text else { return nil }
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for item in items where !(2...6).contains(item.count) || !item.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw .usage("--extensions: '\(TextSafety.printable(item))' is not an extension (2 to 6 digits)")
        }
        return items
    }
}

/// `switchboard status`: one snapshot of the extensions.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print every extension's state once (one dashui snapshot).",
        discussion: """
            Examples:
              switchboard status --server http://127.0.0.1:8080 --user receptionist
              switchboard status --extensions 201,202 --json | jq '.extensions[] | select(.state == "ringing")'
            """)

    @OptionGroup var account: AccountOptions

    @Option(help: "Comma-separated extensions (config: extensions; default: all).")
    var extensions: String?

    @Flag(help: "Print JSON (the schema is in docs/scripting.md).")
    var json = false

    func run() throws {
        let watched = try ExtensionsOption.parse(extensions)
        let session = try AccountSession.open(account, label: "status")
        let filter = watched ?? session.settings.extensions ?? []
        let response: HTTPResponse
        do { response = try session.client.dashui(firstRequest: true, extensions: filter) } catch {
            throw CommandFailure(error)
        }
        guard response.status == 200 else { throw CommandFailure(VonageServices.refusal(response)) }
        let now = MonotonicInstant.now()
        let answer: DashuiAnswer
        do { answer = try DashuiDecoder.decode(response.body, receivedAt: now) } catch {
            throw CommandFailure(.undecodable(error))
        }
        let states = answer.extensions.sorted { ExtensionNumber.precedes($0.number, $1.number) }
        if json {
            let output = StatusOutput(time: CommandOutput.isoTime(Date()),
                                      extensions: states.map { ExtensionOutput($0, now: now, timeZone: .current) })
            CommandOutput.write(CommandOutput.encoded(output) + "\n")
            return
        }
        let rows = states.map { state -> [String] in
            let row = ExtensionRow(state, now: now, glyphs: .ascii)
            return [row.number, row.name, row.statusWord, row.party, row.duration, row.marks]
        }
        CommandOutput.write(CommandOutput.table(["EXT", "NAME", "STATUS", "WITH", "TIME", "MARKS"], rows))
    }
}

/// `switchboard watch`: JSON Lines, one per change, until stopped or the
/// reader goes away (`| head -3` ends it cleanly).
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Print a JSON line for every change (extensions, queues, conferences, connection).",
        discussion: """
            Each line is one object: {"time": ISO 8601, "type": "extension" | "removed" | "queue" | "conference" | "health", …}.
            The first lines give every extension's current state.

            Examples:
              switchboard watch --server http://127.0.0.1:8080 --user receptionist | head -3
              switchboard watch --extensions 201 | jq -c 'select(.type == "extension") | .extension.state'
            """)

    @OptionGroup var account: AccountOptions

    @Option(help: "Comma-separated extensions (config: extensions; default: all).")
    var extensions: String?

    func run() throws {
        let watched = try ExtensionsOption.parse(extensions)
        // Log in once here so a refused password exits 3 at once.
        let session = try AccountSession.open(account, label: "watch")
        signal(SIGPIPE, SIG_IGN)
        var configuration = PresenceEngine.Configuration(extensions: watched ?? session.settings.extensions ?? [])
        if let seconds = session.settings.refreshSeconds { configuration.refreshSeconds = seconds }
        if let count = session.settings.maxRequestsPerMinute { configuration.maxRequestsPerMinute = count }
        let engine = PresenceEngine(server: session.address, credentials: FixedCredentials(session.credentials),
                                    configuration: configuration, logger: Logger(label: "engine"))
        Self.exitWhenTheReaderCloses(logger: session.logger)
        let failure = try BlockingTask.run { () async -> CommandFailure? in
            let events = engine.events()
            engine.start()
            defer { engine.stop() }
            var repeats = WatchRepeats()
            for await event in events {
                guard let line = Self.line(for: event), repeats.isNew(line) else { continue }
                if !CommandOutput.write(CommandOutput.encoded(line) + "\n") { return nil }
                if case .healthChanged(.loginFailed(let reason)) = event {
                    return CommandFailure(code: CommandFailure.loginCode, message: "login refused: \(reason)")
                }
            }
            return nil
        }
        if let failure { throw failure }
    }

    static func line(for event: EngineEvent, now: MonotonicInstant = .now(), wallClock: Date = Date()) -> WatchLine? {
        let payload: WatchLine.Payload
        switch event {
        case .extensionChanged(let state):
            guard state.isPerson else { return nil }
            payload = .extension(ExtensionOutput(state, now: now, timeZone: .current))
        case .extensionRemoved(let number): payload = .removed(number)
        case .queueChanged(let queue): payload = .queue(QueueOutput(queue))
        case .bridgeChanged(let bridge): payload = .conference(ConferenceOutput(bridge))
        case .healthChanged(let health): payload = .health(health.word)
        case .directoryChanged: return nil  // who is a person is in each extension line
        }
        return WatchLine(time: CommandOutput.isoTime(wallClock), payload: payload)
    }

    /// An extension's line the same as the last one written for it is not
    /// written again (a last call that moved on while it stayed idle is an
    /// event for the journal, with nothing to show here).
    struct WatchRepeats {
        private var last: [String: ExtensionOutput] = [:]

        mutating func isNew(_ line: WatchLine) -> Bool {
            switch line.payload {
            case .extension(let output):
                return last.updateValue(output, forKey: output.extension) != output
            case .removed(let number):
                last[number] = nil
                return true
            case .queue, .conference, .health:
                return true
            }
        }
    }

    /// A closed pipe is noticed at the next write; a quiet phone system
    /// may not write for minutes, so a thread waits for the hang-up itself.
    private static func exitWhenTheReaderCloses(logger: Logger) {
        var info = stat()
        guard fstat(STDOUT_FILENO, &info) == 0, (info.st_mode & S_IFMT) == S_IFIFO || (info.st_mode & S_IFMT) == S_IFSOCK else { return }
        let thread = Thread {
            var descriptor = pollfd(fd: STDOUT_FILENO, events: 0, revents: 0)
            while poll(&descriptor, 1, -1) < 0 && errno == EINTR {}
            logger.info("output closed; watch ends")
            Glibc.exit(0)
        }
        thread.start()
    }
}
