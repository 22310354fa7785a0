import ArgumentParser
import Foundation
import Journal
import PresenceEngine

/// `switchboard doctor`: the set-up checked step by step, one line each,
/// in the order a board needs them, with the fix for each failure.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the set-up, one line per check, with the fix for each failure.",
        discussion: """
            The config, the server address, name resolution and TCP, TLS (the certificate's subject and expiry),
            the login, the live status, the terminal, and the recordings folder, log and journal. Exit 0 when
            every check passes, 3 when the login is refused, else the first failure's code.

            Examples:
              switchboard doctor
              switchboard doctor --server https://my.vonagebusiness.com --user alice
            """)

    @OptionGroup var account: AccountOptions
    @OptionGroup var journal: JournalOptions
    @Option(name: .customLong("recordings-dir"), help: "The recordings folder to check (config: recordings_dir).")
    var recordingsDir: String?

    /// One line of the report.
    struct Line {
        var passed: Bool
        var name: String
        var detail: String
        var fix: String = ""

        var text: String {
            (passed ? "ok    " : "FAIL  ") + name.padding(toLength: 12, withPad: " ", startingAt: 0) + detail
                + (passed || fix.isEmpty ? "" : " — fix: \(fix)")
        }
    }

    func run() throws {
        var failure: Int32?
        var failed = 0
        func report(_ line: Line, code: Int32 = 1) {
            CommandOutput.write(line.text + "\n")
            guard !line.passed else { return }
            failed += 1
            if failure == nil { failure = code }
        }
        let settings: Settings
        do {
            settings = try account.settings()
            report(Line(passed: true, name: "config", detail: settings.path ?? "no config file (defaults and flags)"))
        } catch {
            report(Line(passed: false, name: "config", detail: "\(error)", fix: "correct the file at the line shown"), code: CommandFailure.usageCode)
            throw CommandFailure(code: CommandFailure.usageCode, message: "doctor: the config does not parse; nothing else was checked")
        }
        if let server = checkServer(settings, report: report) { checkService(server, settings: settings, report: report) }
        for line in localChecks(settings) { report(line) }
        if let failure { throw CommandFailure(code: failure, message: "doctor: \(failed) check\(failed == 1 ? "" : "s") failed") }
    }

    /// The address, name, TCP and TLS steps; the address when they all passed.
    private func checkServer(_ settings: Settings, report: (Line, Int32) -> Void) -> (ServerAddress, String)? {
        let address: (ServerAddress, String)
        do {
            address = try account.address(settings)
        } catch {
            report(Line(passed: false, name: "server", detail: error.message,
                        fix: "give --server https://HOST (http:// only for this machine) and --user, or set them in the config"), error.code)
            return nil
        }
        let (server, _) = address
        report(Line(passed: true, name: "server", detail: "\(server)" + (server.scheme == "https" ? " (https)" : " (plain http, loopback only)")), 1)
        switch ConnectionProbe.resolve(server.host) {
        case .success(let addresses):
            report(Line(passed: true, name: "name", detail: "\(server.host) is \(addresses.prefix(3).joined(separator: ", "))"), 1)
        case .failure(let error):
            report(Line(passed: false, name: "name", detail: "\(server.host): \(error)", fix: "check the host name and this machine's DNS"), CommandFailure.networkCode)
            return nil
        }
        if case .failure(let error) = ConnectionProbe.connect(server) {
            report(Line(passed: false, name: "tcp", detail: "\(error)", fix: "check the port, a firewall or a proxy between here and the server"), CommandFailure.networkCode)
            return nil
        }
        report(Line(passed: true, name: "tcp", detail: "connected to \(server.host):\(server.port ?? (server.scheme == "https" ? 443 : 80))"), 1)
        guard server.scheme == "https" else {
            report(Line(passed: true, name: "tls", detail: "not used (loopback)"), 1)
            return address
        }
        switch ConnectionProbe.tls(server) {
        case .success(let certificate):
            report(Line(passed: true, name: "tls", detail: "verified · \(TextWidth.sanitized(certificate.subject)) · expires \(certificate.expiry)"), 1)
            return address
        case .failure(let error):
            report(Line(passed: false, name: "tls", detail: "\(error)",
                        fix: "the certificate does not verify: check the clock, the CA certificates (ca-certificates) or the host name"),
                   CommandFailure.networkCode)
            return nil
        }
    }

    /// Login and the live status.
    private func checkService(_ address: (ServerAddress, String), settings: Settings, report: (Line, Int32) -> Void) {
        let (server, user) = address
        let password: Secret
        do {
            password = try PasswordSource.read(passwordCommand: settings.passwordCommand)
        } catch {
            report(Line(passed: false, name: "login", detail: "\(error.message)", fix: "set SWITCHBOARD_PASSWORD or password_command"), error.code)
            return
        }
        let client = VonageClient(transport: CurlTransport(server: server), credentials: FixedCredentials(Credentials(user: user, password: password)))
        do {
            _ = try client.login()
            report(Line(passed: true, name: "login", detail: "\(user) signed in"), 1)
        } catch {
            let failure = CommandFailure(error)
            report(Line(passed: false, name: "login", detail: failure.message, fix: "check the user and password (a refused login exits 3)"), failure.code)
            return
        }
        do {
            let response = try client.dashui(firstRequest: true, extensions: [])
            guard response.status == 200 else {
                report(Line(passed: false, name: "live status", detail: "HTTP \(response.status)", fix: "the account's live status is not answering; try again later"),
                       CommandFailure.refusedCode)
                return
            }
            let count = (try? DashuiDecoder.decode(response.body, receivedAt: .zero).extensions.count) ?? 0
            report(Line(passed: true, name: "live status", detail: "answers: \(count) extensions"), 1)
        } catch {
            report(Line(passed: false, name: "live status", detail: "\(error)", fix: "check the link to the server"), CommandFailure.networkCode)
            return
        }
        checkLongPoll(server: server, user: user, password: password, report: report)
    }

    /// One long poll on a fresh session, given a few seconds: held (or
    /// answered) is right; refused after a good login and first answer is
    /// the board's "refused: live status".
    private func checkLongPoll(server: ServerAddress, user: String, password: Secret, report: (Line, Int32) -> Void) {
        let client = VonageClient(transport: CurlTransport(server: server), credentials: FixedCredentials(Credentials(user: user, password: password)),
                                  pollTimeoutSeconds: Self.longPollSeconds)
        do {
            _ = try client.login()
            _ = try client.dashui(firstRequest: true, extensions: [])
            let response = try client.dashui(firstRequest: false, extensions: [])
            switch response.status {
            case 200, 304, 409:
                report(Line(passed: true, name: "long poll", detail: "answered (HTTP \(response.status))"), 1)
            default:
                report(Line(passed: false, name: "long poll",
                            detail: "refused: live status (\(PollStateMachine.reason(status: response.status))) after a good login",
                            fix: "the user may lack the right to live status, or the server's cookies are for another host name"),
                       CommandFailure.refusedCode)
            }
        } catch let error as TransportError where error == .timedOut {
            report(Line(passed: true, name: "long poll", detail: "held, as it should be"), 1)
        } catch {
            report(Line(passed: false, name: "long poll", detail: "\(error)", fix: "check the link to the server"), CommandFailure.networkCode)
        }
    }

    /// How long the long-poll check waits: a held poll is the good answer.
    static let longPollSeconds = 2.0

    /// What the terminal check says of the window's size, and whether it is
    /// too small. A pseudo-terminal of 0x0 (`ssh host switchboard doctor`,
    /// a service) does not know its size: said, not failed.
    static func terminalSize(isTerminal: Bool, columns: Int, rows: Int) -> (text: String, tooSmall: Bool) {
        guard isTerminal else { return ("not a terminal here", false) }
        guard columns > 0, rows > 0 else { return ("size unknown here (0x0)", false) }
        return ("\(columns)x\(rows)", columns < BoardLayout.minimumWidth || rows < BoardLayout.minimumHeight)
    }

    /// The terminal and the files the board writes.
    private func localChecks(_ settings: Settings) -> [Line] {
        var lines: [Line] = []
        let environment = ProcessInfo.processInfo.environment
        let term = environment["TERM"] ?? ""
        let colours = term.isEmpty ? nil : CursesTerminal.colours(ofTerminal: term)
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        var size = winsize()
        let tty = isatty(STDOUT_FILENO) == 1 && ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0
        let (sizeText, small) = Self.terminalSize(isTerminal: tty, columns: Int(size.ws_col), rows: Int(size.ws_row))
        let termOK = colours != nil && codeset == "UTF-8" && !small
        lines.append(Line(passed: termOK, name: "terminal",
                          detail: "TERM=\(term.isEmpty ? "(unset)" : term) · \(colours.map { "\($0) colours" } ?? "unknown to terminfo") · \(codeset) · \(sizeText)",
                          fix: colours == nil ? "set TERM to your terminal (xterm-256color, tmux-256color)"
                              : codeset != "UTF-8" ? "use a UTF-8 locale (LANG=C.UTF-8); the board falls back to ASCII"
                              : "make the window at least \(BoardLayout.minimumWidth)x\(BoardLayout.minimumHeight)"))
        let recordings = recordingsDir ?? settings.recordingsDir ?? BoardCommand.defaultRecordingsDirectory()
        do {
            try BoardCommand.checkRecordingsDirectory(recordings)
            lines.append(Line(passed: true, name: "recordings", detail: "\(recordings) can be written"))
        } catch {
            lines.append(Line(passed: false, name: "recordings", detail: error.message, fix: "give --recordings-dir a folder you can write"))
        }
        let log = account.logFile ?? settings.logFile ?? FileLogHandler.defaultPath()
        do {
            _ = try FileLogHandler.Sink(path: log)
            lines.append(Line(passed: true, name: "log", detail: "\(log) can be written"))
        } catch {
            lines.append(Line(passed: false, name: "log", detail: "\(log): \(error.localizedDescription)", fix: "give --log-file a path you can write"))
        }
        lines.append(journalCheck(settings))
        return lines
    }

    private func journalCheck(_ settings: Settings) -> Line {
        guard let options = journal.options(settings, user: settings.user ?? "") else {
            return Line(passed: true, name: "journal", detail: "turned off")
        }
        do {
            let (database, aside) = try JournalDatabase.open(path: options.path)
            let detail = "\(options.path) · \((try? database.callCount()) ?? 0) calls"
                + (database.readOnly ? " · kept by a running board (read only here)" : " · can be written")
                + (aside.map { " · a damaged file was moved to \($0)" } ?? "")
            return Line(passed: true, name: "journal", detail: detail)
        } catch {
            return Line(passed: false, name: "journal", detail: "\(error)", fix: "give --journal a path you can write, or --no-journal")
        }
    }
}
