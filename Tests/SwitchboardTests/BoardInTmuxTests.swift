import Foundation
import PBXSimulator
import Testing
import TestSupport

/// The real board in tmux against `switchboard sim` in another process, as a
/// receptionist would use it; the simulator's request log shows what reached it.
@Suite(.serialized, .tags(.endToEnd)) struct BoardInTmuxTests {
    struct Setup {
        let sim: BackgroundProcess
        let url: String
        let folder: String
        let binary: String

        func requests() throws -> String {
            let result = try ChildProcess.run(["curl", "-s", "\(url)/_sim/requests"], environment: ProcessInfo.processInfo.environment,
                                              captureOutput: true)
            return result.output
        }

        func state() throws -> String {
            try ChildProcess.run(["curl", "-s", "\(url)/_sim/state"], environment: ProcessInfo.processInfo.environment, captureOutput: true).output
        }

        func control(_ path: String) throws -> String {
            try ChildProcess.run(["curl", "-s", "-X", "POST", "\(url)\(path)"], environment: ProcessInfo.processInfo.environment,
                                 captureOutput: true).output
        }

        /// The board on the simulator, with no journal unless `extra` names one: never the
        /// user's own (the rooms would show what earlier runs left there).
        func board(_ extra: [String] = [], width: Int = 120, height: Int = 40) throws -> TmuxSession {
            let journal = extra.contains("--journal") ? [] : ["--no-journal"]
            let command = ([binary, "--server", url, "--user", Account.demoLogin, "--log-file", "\(folder)/board.log",
                            "--recordings-dir", "\(folder)/recordings"] + journal + extra).map(TmuxSession.quote).joined(separator: " ")
                + "; echo EXIT:$? > \(TmuxSession.quote(folder + "/exit")); exec sleep 120"
            return try TmuxSession(command: command, width: width, height: height,
                                   environment: ["LANG": "C.UTF-8", "TERM": "tmux-256color", "SWITCHBOARD_PASSWORD": Account.demoPassword])
        }

        /// `EXIT:n` once the shell has written it (the file exists, empty, for a moment before).
        var exitLine: String? {
            let line = try? String(contentsOfFile: folder + "/exit", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            return line?.isEmpty == false ? line : nil
        }

        /// Waits for the shell to write `EXIT:n` and returns that line.
        func exited() async throws -> String? {
            try await waitUntil("the board to exit", reading: { exitLine }) { $0 != nil }
        }

        /// The simulator's request log, read by curl on a thread of its own.
        func requestLog() async throws -> String {
            try await onOwnThread { [self] in try requests() }
        }
    }

    func withSetup(simulator extra: [String] = [], _ body: (Setup) async throws -> Void) async throws {
        let binary = try #require(builtSwitchboardBinary())
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-board-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sim = try BackgroundProcess([binary, "sim", "--port", "0", "--no-traffic", "--recording-delay", "0", "--poll-block", "5"] + extra)
        defer { _ = sim.stop() }
        let url = try await sim.simulatorURL()
        try await body(Setup(sim: sim, url: url, folder: folder, binary: binary))
    }

    let account = Account.generate(extensionCount: 20, seed: 1)

    @Test func findDialAndARefusedNumber() async throws {
        try await withSetup { setup in
            let tmux = try setup.board()
            try await tmux.waitForScreen("live") { $0.contains("● live") }
            // Find: accents and case ignored.
            let target = account.extensions.first { $0.name.hasPrefix("Zoë") }!
            tmux.sendKeys("/", "zoe")
            try await tmux.waitForScreen("the filtered list") { $0.contains(target.name) && !$0.contains(account.extensions[0].name) }
            tmux.sendKeys("Escape")
            // An invalid number: the reason on screen, no request.
            tmux.sendKeys("d", "12345")
            try await tmux.waitForScreen("the reason as you type") { $0.contains("need at least 6 digits") }
            tmux.sendKeys("Enter")
            tmux.sendKeys("Escape")
            // A valid one: classified, confirmed, placed.
            tmux.sendKeys("d", "(555) 785-2675")
            try await tmux.waitForScreen("the classification") { $0.contains("domestic +1 555 785 2675") }
            tmux.sendKeys("Enter")
            try await tmux.waitForScreen("the question") { $0.contains("Call domestic +1 555 785 2675?") }
            tmux.sendKeys("y")
            // The log that shows the valid call (typed after the invalid one) is the one checked for the invalid one.
            let log = try await waitUntil("the call in the simulator's log", reading: { try await setup.requestLog() }) {
                $0.contains("/presence/rest/clicktocall/5557852675")
            }
            #expect(!log.contains("clicktocall/12345"))
            try await tmux.waitForScreen("the result on screen") { $0.contains("your phone rings") }
            tmux.sendKeys("q")
            #expect(try await setup.exited() == "EXIT:0")
        }
    }

    @Test func historyAndARecordingSavedByteForByte() async throws {
        try await withSetup { setup in
            let tmux = try setup.board()
            try await tmux.waitForScreen("live") { $0.contains("● live") }
            let started = try setup.control("/_sim/calls?extension=201&from=15557852675&name=Jane%20Doe&recorded=true&state=connected")
            let id = try #require(started.split(separator: "\"").dropLast().last.map(String.init))
            try await tmux.waitForScreen("the recorded call on screen") { $0.contains("Jane Doe") && $0.contains("REC") }
            _ = try setup.control("/_sim/calls/\(id)/end")
            // A board seen live without the call (an empty capture would say "no Jane Doe" too).
            try await tmux.waitForScreen("the call to end") { screen in
                let row = screen.split(separator: "\n").first { $0.contains("│ 201 ") } ?? ""
                return screen.contains("● live") && row.contains("available") && !row.contains("Jane Doe")
            }
            tmux.sendKeys("r")
            let saved = setup.folder + "/recordings/recording-\(id).mp3"
            // Said once the file is whole and named (RecordingDownload links it then).
            try await tmux.waitForScreen("the saved path on screen") { $0.contains("saved") }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: saved))
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Sources/PBXSimulator/Resources/recording.mp3")
            let original = try Data(contentsOf: source)
            #expect(bytes == original)
            // The history view shows the call just ended.
            tmux.sendKeys("h")
            try await tmux.waitForScreen("the history") { $0.contains("History 201") && $0.contains("Jane Doe") && $0.contains("Answered") }
            tmux.sendKeys("Escape", "q")
            // Exited: the log and the recordings folder are as the board left them.
            #expect(try await setup.exited() == "EXIT:0")
            // Every file the board wrote: private, and free of the password and session cookies.
            for file in [saved, setup.folder + "/board.log"] {
                let attributes = try FileManager.default.attributesOfItem(atPath: file)
                #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(file) is not 0600")
                let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
                for secret in [Account.demoPassword, "JSESSIONID=", "HDAP-ID=", "AWSALB="] {
                    #expect(!text.contains(secret), "\(file) holds \(secret)")
                }
            }
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: setup.folder + "/recordings")
            #expect(leftovers == ["recording-\(id).mp3"], "no temporary files left behind")
        }
    }

    /// A recordings folder the board could never write is refused before
    /// the board starts, with the reason.
    @Test func anUnwritableRecordingsFolderIsRefusedAtStart() async throws {
        try await withSetup { setup in
            let binary = setup.binary
            let process = try BackgroundProcess([binary, "--server", setup.url, "--user", Account.demoLogin, "--log-file", setup.folder + "/x.log",
                                                 "--config", "/dev/null", "--recordings-dir", "/etc/hostname/recordings"],
                                                environment: ["SWITCHBOARD_PASSWORD": Account.demoPassword, "PATH": "/usr/bin:/bin"])
            let status = await process.exitStatus()
            #expect(status == 2)
            #expect(process.stderr.contains("--recordings-dir /etc/hostname/recordings"))
        }
    }

    @Test func kioskModeCannotDialAndAsksBeforeQuitting() async throws {
        try await withSetup { setup in
            let tmux = try setup.board(["--kiosk"])
            // The footer's hints drawn (q quit is always among them): only then does "no d dial" say anything.
            let board = try await tmux.waitForScreen("live, with the footer's hints") { $0.contains("● live") && $0.contains("q quit") }
            #expect(!board.contains("d dial"))
            tmux.sendKeys("d", "q")
            let question = try await tmux.waitForScreen("the quit question") { $0.contains("Quit the board?") }
            #expect(!question.contains("dial:"))
            tmux.sendKeys("y")
            #expect(try await setup.exited() == "EXIT:0")
            // tmux reads what the board wrote last (leaving the alternate
            // screen) in its own time: the shell may write the exit file first.
            try await waitUntil("the terminal out of the alternate screen") { tmux.display("#{alternate_on}") == "0" }
        }
    }

    /// The board takes server, user, password_command and kiosk from --config.
    @Test func theBoardReadsItsConfigFile() async throws {
        try await withSetup { setup in
            let config = setup.folder + "/wall.toml"
            try Data("""
                server = "\(setup.url)"
                user = "\(Account.demoLogin)"
                password_command = ["/bin/sh", "-c", "echo \(Account.demoPassword)"]
                kiosk = true
                log_file = "\(setup.folder)/wall.log"

                [alerts]
                waiting = 1
                """.utf8).write(to: URL(fileURLWithPath: config))
            let command = [setup.binary, "--config", config].map(TmuxSession.quote).joined(separator: " ")
                + "; echo EXIT:$? > \(TmuxSession.quote(setup.folder + "/exit")); exec sleep 120"
            let tmux = try TmuxSession(command: command, width: 120, height: 40, environment: ["LANG": "C.UTF-8", "TERM": "tmux-256color"])
            // One screen, live and with the footer's hints drawn, for all three checks.
            let board = try await tmux.waitForScreen("live, with the footer's hints") { $0.contains("● live") && $0.contains("q quit") }
            #expect(board.contains("\(Account.demoLogin)@127.0.0.1"))
            #expect(!board.contains("d dial"), "kiosk = true in the file")
            tmux.sendKeys("q")
            try await tmux.waitForScreen("the quit question") { $0.contains("Quit the board?") }
            tmux.sendKeys("y")
            // Exited: the log is whole.
            #expect(try await setup.exited() == "EXIT:0")
            let log = try String(contentsOfFile: setup.folder + "/wall.log", encoding: .utf8)
            #expect(log.contains("config=\(config)"))
            #expect(!log.contains(Account.demoPassword))
        }
    }

    /// Names carrying escape sequences, a C1 CSI, BEL and a bidi override
    /// (the simulator gives every 97th extension of a large account one):
    /// on screen they change neither the pane's title nor its modes.
    @Test func hostileNamesLeaveTheTerminalAlone() async throws {
        try await withSetup(simulator: ["--extensions", "500", "--seed", "5"]) { setup in
            let hostile = Account.generate(extensionCount: 500, seed: 5).extensions.filter { person in
                person.name.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E }
            }
            #expect(hostile.count >= 3)
            let tmux = try setup.board()
            let title = tmux.display("#{pane_title}")
            try await tmux.waitForScreen("live") { $0.contains("● live") }
            for person in hostile {
                tmux.sendKeys("/")
                tmux.sendKeys("-l", person.number)
                tmux.sendKeys("Enter")
                // This person's row, not the last one's (still on screen until the keys are read).
                let screen = try await tmux.waitForScreen("extension \(person.number) alone on screen") {
                    $0.contains("Extensions 1/") && $0.contains("│ \(person.number) ")
                }
                #expect(screen.contains("\u{FFFD}"), "the control characters show as a visible placeholder")
                // tmux had read the row's bytes before that capture: any title or mode they set is set now.
                #expect(tmux.display("#{pane_title}") == title, "\(person.number) changed the title")
                #expect(tmux.display("#{alternate_on} #{insert_flag} #{keypad_flag} #{mouse_any_flag}") == "1 0 1 0")
                tmux.sendKeys("/")
                tmux.sendKeys("Escape")
            }
            tmux.sendKeys("q")
        }
    }

    /// A 10 KB name, 10 KB of title-setting escapes, a caller number and
    /// name with escapes, and an answer with bytes that are not UTF-8: each
    /// is shown (cut to its column, U+FFFD for what cannot be shown) and
    /// none changes the pane's title or modes or stops the board.
    @Test func hugeAndUndecodableNamesLeaveTheTerminalAlone() async throws {
        try await withSetup { setup in
            let tmux = try setup.board()
            let title = tmux.display("#{pane_title}")
            let modes = "1 0 1 0"
            func terminalUnchanged(_ after: String) {
                #expect(tmux.display("#{pane_title}") == title, "\(after) changed the title")
                #expect(tmux.display("#{alternate_on} #{insert_flag} #{keypad_flag} #{mouse_any_flag}") == modes, "\(after) changed a mode")
            }
            /// The row of `number` on one screen (every check of a row is made on the screen waited for).
            func row(_ number: String, _ screen: String) -> String {
                screen.split(separator: "\n").first { $0.contains("│ \(number) ") }.map(String.init) ?? ""
            }
            try await tmux.waitForScreen("live") { $0.contains("● live") }

            _ = try setup.control("/_sim/name?extension=205&name=Long%20&repeat=2000")
            try await tmux.waitForScreen("the 10 KB name cut to its column") { row("205", $0).contains("Long Long") && row("205", $0).contains("…") }
            terminalUnchanged("a 10 KB name")

            _ = try setup.control("/_sim/name?extension=206&name=%1B%5D0%3Bpwned%07%1B%5B2J%1B%5B%3F1049l&repeat=700")
            // Whole sequences go: one placeholder, nothing of their insides.
            try await tmux.waitForScreen("10 KB of escapes shown as one placeholder") {
                // (The name is cut to 256 scalars as it is decoded: an unfinished sequence goes whole, then `…`.)
                let line = row("206", $0)
                return line.contains("206 \u{FFFD}") && !line.contains("pwned") && !line.contains("0;")
            }
            terminalUnchanged("10 KB of escapes")

            _ = try setup.control("/_sim/calls?extension=207&from=%1B%5D0%3Bpwned%07555&name=%9B2J%E2%80%AEevil")
            // The caller's number and name come with the ringing: waited for together, on one screen.
            try await tmux.waitForScreen("the call with a hostile caller on 207, shown with U+FFFD") {
                row("207", $0).contains("ringing") && row("207", $0).contains("\u{FFFD}")
            }
            terminalUnchanged("a hostile caller number and name")

            // The fault spoils the answer of the poll held now; a call gives that answer a body.
            _ = try setup.control("/_sim/faults?kind=invalid-utf8&target=dashui")
            try await waitUntil("the poll with the fault held") { try await onOwnThread { try setup.state() }.contains(#""pendingFaults":0"#) }
            _ = try setup.control("/_sim/calls?extension=208&from=15550001111")
            // Still live on the very screen that shows the spoiled answer.
            try await tmux.waitForScreen("an answer that is not UTF-8 shown with U+FFFD, the board live") {
                row("208", $0).contains("ringing") && row("208", $0).contains("\u{FFFD}") && $0.contains("● live")
            }
            terminalUnchanged("bytes that are not UTF-8")

            tmux.sendKeys("q")
            #expect(try await setup.exited() == "EXIT:0")
        }
    }

    /// The wall at 240x67: a 300-extension account, every person's number
    /// on screen at once (idle ones as tiles, the calls whole).
    @Test func at240x67EveryExtensionOfA300ExtensionAccountIsOnScreenAtOnce() async throws {
        let account = Account.generate(extensionCount: 300, seed: 4)
        try await withSetup(simulator: ["--extensions", "300", "--seed", "4"]) { setup in
            let tmux = try setup.board(width: 240, height: 67)
            try await tmux.waitForScreen("live") { $0.contains("● live") }
            let people = account.extensions.filter(\.isPerson)
            for person in people.prefix(4) {
                _ = try setup.control("/_sim/calls?extension=\(person.number)&from=442079460018&name=Jane%20Doe&state=connected")
            }
            // Counted on the extensions' rows: the side column's last calls name the number too.
            try await tmux.waitForScreen("the four calls on screen") { $0.components(separatedBy: "● inbound").count - 1 == 4 }
            // The frame with the calls may still be being written: wait for
            // every number (a wall that hides any never gets there).
            var missing: [String] = []
            var screen = ""
            try? await waitUntil("every person on screen") {
                screen = await tmux.captured()
                let words = Set(screen.split(whereSeparator: { $0 == " " || $0 == "│" || $0 == "\n" }).map(String.init))
                missing = people.map(\.number).filter { !words.contains($0) }
                return missing.isEmpty
            }
            #expect(missing.isEmpty, "not on screen: \(missing)")
            #expect(!screen.contains("not shown"))
            tmux.sendKeys("q")
            _ = try await setup.exited()
        }
    }

    /// At 120x40 beside the queues: a 20-character name and an
    /// international caller's number, whole.
    @Test func at120x40ATwentyCharacterNameAndAnInternationalNumberAreShownWhole() async throws {
        try await withSetup { setup in
            let tmux = try setup.board()
            try await tmux.waitForScreen("live") { $0.contains("● live") }
            let person = account.extensions.filter(\.isPerson)[3]
            _ = try setup.control("/_sim/name?extension=\(person.number)&name=Warehouse%20Floor%20East")
            _ = try setup.control("/_sim/calls?extension=\(person.number)&from=442079460018&name=Jane%20Doe&state=connected")
            func row(_ screen: String) -> String? { screen.split(separator: "\n").first { $0.contains("│ \(person.number) ") }.map(String.init) }
            // The new name and the call are two changes (they may come in two answers): waited for together.
            let screen = try await tmux.waitForScreen("the call and the new name on screen") {
                row($0).map { $0.contains("+44 20 7946 0018") && $0.contains("Warehouse Floor East") } == true
            }
            let line = try #require(row(screen))
            #expect(line.contains("Warehouse Floor East"))
            #expect(line.contains("Jane Doe"))
            #expect(line.contains("││") && screen.contains("┌ Queues"), "the side column is beside it")
            tmux.sendKeys("w")
            try await tmux.waitForScreen("the wallboard") { $0.contains("longest wait") && $0.contains("w board") }
            tmux.sendKeys("w")
            try await tmux.waitForScreen("back to the board") { $0.contains("Warehouse Floor East") }
            tmux.sendKeys("q")
            #expect(try await setup.exited() == "EXIT:0")
        }
    }

    /// Wide characters replaced by narrow ones and shifted by a cell: what
    /// the terminal shows is exactly the new name, nothing of the old left.
    @Test func wideNamesChangingInPlaceLeaveNothingBehind() async throws {
        try await withSetup { setup in
            let tmux = try setup.board()
            try await tmux.waitForScreen("live") { $0.contains("● live") }
            let number = account.extensions.filter(\.isPerson)[4].number
            func row() async -> String { await tmux.captured().split(separator: "\n").first { $0.contains("│ \(number) ") }.map(String.init) ?? "" }
            // "xy" then "李" over it, then "zy": the "y" cell was under the
            // wide character's right half and must be drawn again.
            for (name, shown) in [("李娜李娜李娜", "李娜李娜李娜"), ("Al Bo", "Al Bo "), ("A李娜李娜", "A李娜李娜"), ("xy", "xy "),
                                  ("李", "李 "), ("zy", "zy ")] {
                let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                _ = try setup.control("/_sim/name?extension=\(number)&name=\(encoded)")
                // The row as a whole, in one capture: a frame tmux has read in part shows the new name before the cells after it.
                func whole(_ line: String) -> Bool {
                    line.contains("\(number) \(shown)") && (!line.contains("娜") || name.contains("娜"))
                        && (line.contains("\(number) \(shown)   ") || name.count > 4)
                }
                let line = try await waitUntil("\(name) on screen, nothing of the old name left", reading: { await row() }, whole)
                #expect(!line.contains("娜") || name.contains("娜"), "a half of the old name stayed: \(line)")
                #expect(line.contains("\(number) \(shown)   ") || name.count > 4, "\(line)")
            }
            tmux.sendKeys("q")
            _ = try await setup.exited()
        }
    }
}
