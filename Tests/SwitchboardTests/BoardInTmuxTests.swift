import Foundation
import PBXSimulator
import Testing
import TestSupport

/// The real board in tmux against `switchboard sim` in another process, as a
/// receptionist would use it; the simulator's request log shows what reached it.
@Suite(.serialized) struct BoardInTmuxTests {
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

        func board(_ extra: [String] = [], width: Int = 120, height: Int = 40) throws -> TmuxSession {
            let command = ([binary, "--server", url, "--user", Account.demoLogin, "--log-file", "\(folder)/board.log",
                            "--recordings-dir", "\(folder)/recordings"] + extra).map(TmuxSession.quote).joined(separator: " ")
                + "; echo EXIT:$? > \(TmuxSession.quote(folder + "/exit")); exec sleep 120"
            return try TmuxSession(command: command, width: width, height: height,
                                   environment: ["LANG": "C.UTF-8", "TERM": "tmux-256color", "SWITCHBOARD_PASSWORD": Account.demoPassword])
        }

        /// `EXIT:n` once the shell has written it (the file exists, empty, for a moment before).
        var exitLine: String? {
            let line = try? String(contentsOfFile: folder + "/exit", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            return line?.isEmpty == false ? line : nil
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
            try await waitUntil("live") { tmux.capture().contains("● live") }
            // Find: accents and case ignored.
            let target = account.extensions.first { $0.name.hasPrefix("Zoë") }!
            tmux.sendKeys("/", "zoe")
            try await waitUntil("the filtered list") {
                let screen = tmux.capture()
                return screen.contains(target.name) && !screen.contains(account.extensions[0].name)
            }
            tmux.sendKeys("Escape")
            // An invalid number: the reason on screen, no request.
            tmux.sendKeys("d", "12345")
            try await waitUntil("the reason as you type") { tmux.capture().contains("need at least 6 digits") }
            tmux.sendKeys("Enter")
            tmux.sendKeys("Escape")
            // A valid one: classified, confirmed, placed.
            tmux.sendKeys("d", "(555) 785-2675")
            try await waitUntil("the classification") { tmux.capture().contains("domestic +1 555 785 2675") }
            tmux.sendKeys("Enter")
            try await waitUntil("the question") { tmux.capture().contains("Call domestic +1 555 785 2675?") }
            tmux.sendKeys("y")
            try await waitUntil("the call in the simulator's log") { try setup.requests().contains("/presence/rest/clicktocall/5557852675") }
            #expect(try !setup.requests().contains("clicktocall/12345"))
            try await waitUntil("the result on screen") { tmux.capture().contains("your phone rings") }
            tmux.sendKeys("q")
            try await waitUntil("exit") { setup.exitLine != nil }
            #expect(setup.exitLine == "EXIT:0")
        }
    }

    @Test func historyAndARecordingSavedByteForByte() async throws {
        try await withSetup { setup in
            let tmux = try setup.board()
            try await waitUntil("live") { tmux.capture().contains("● live") }
            let started = try setup.control("/_sim/calls?extension=201&from=15557852675&name=Jane%20Doe&recorded=true&state=connected")
            let id = try #require(started.split(separator: "\"").dropLast().last.map(String.init))
            try await waitUntil("the recorded call on screen") { tmux.capture().contains("Jane Doe") && tmux.capture().contains("REC") }
            _ = try setup.control("/_sim/calls/\(id)/end")
            try await waitUntil("the call to end") { !tmux.capture().contains("Jane Doe") }
            tmux.sendKeys("r")
            let saved = setup.folder + "/recordings/recording-\(id).mp3"
            try await waitUntil("the saved path on screen") { tmux.capture().contains("saved") }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: saved))
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Sources/PBXSimulator/Resources/recording.mp3")
            let original = try Data(contentsOf: source)
            #expect(bytes == original)
            // The history view shows the call just ended.
            tmux.sendKeys("h")
            try await waitUntil("the history") {
                let screen = tmux.capture()
                return screen.contains("History 201") && screen.contains("Jane Doe") && screen.contains("Answered")
            }
            tmux.sendKeys("Escape", "q")
            try await waitUntil("exit") { setup.exitLine != nil }
            #expect(setup.exitLine == "EXIT:0")
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
            try await waitUntil("live") { tmux.capture().contains("● live") }
            #expect(!tmux.capture().contains("d dial"))
            tmux.sendKeys("d", "q")
            try await waitUntil("the quit question") { tmux.capture().contains("Quit the board?") }
            #expect(!tmux.capture().contains("dial:"))
            tmux.sendKeys("y")
            try await waitUntil("exit") { setup.exitLine != nil }
            #expect(setup.exitLine == "EXIT:0")
            #expect(tmux.display("#{alternate_on}") == "0")
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
            try await waitUntil("live") { tmux.capture().contains("● live") }
            #expect(tmux.capture().contains("\(Account.demoLogin)@127.0.0.1"))
            #expect(!tmux.capture().contains("d dial"), "kiosk = true in the file")
            tmux.sendKeys("q")
            try await waitUntil("the quit question") { tmux.capture().contains("Quit the board?") }
            tmux.sendKeys("y")
            try await waitUntil("exit") { setup.exitLine != nil }
            #expect(setup.exitLine == "EXIT:0")
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
            try await waitUntil("live") { tmux.capture().contains("● live") }
            for person in hostile {
                tmux.sendKeys("/")
                tmux.sendKeys("-l", person.number)
                tmux.sendKeys("Enter")
                try await waitUntil("extension \(person.number) alone on screen") { tmux.capture().contains("Extensions 1/") }
                #expect(tmux.capture().contains("\u{FFFD}"), "the control characters show as a visible placeholder")
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
            func row(_ number: String) -> String? {
                tmux.capture().split(separator: "\n").first { $0.contains("│ \(number) ") }.map(String.init)
            }
            try await waitUntil("live") { tmux.capture().contains("● live") }

            _ = try setup.control("/_sim/name?extension=205&name=Long%20&repeat=2000")
            try await waitUntil("the 10 KB name cut to its column") { row("205")?.contains("Long Long") == true && row("205")?.contains("…") == true }
            terminalUnchanged("a 10 KB name")

            _ = try setup.control("/_sim/name?extension=206&name=%1B%5D0%3Bpwned%07%1B%5B2J%1B%5B%3F1049l&repeat=700")
            // Whole sequences go: one placeholder, nothing of their insides.
            try await waitUntil("10 KB of escapes shown as one placeholder") {
                // (The name is cut to 256 scalars as it is decoded: an unfinished sequence goes whole, then `…`.)
                row("206")?.contains("206 \u{FFFD}") == true && row("206")?.contains("pwned") == false && row("206")?.contains("0;") == false
            }
            terminalUnchanged("10 KB of escapes")

            _ = try setup.control("/_sim/calls?extension=207&from=%1B%5D0%3Bpwned%07555&name=%9B2J%E2%80%AEevil")
            try await waitUntil("the call with a hostile caller on 207") { row("207")?.contains("ringing") == true }
            #expect(row("207")?.contains("\u{FFFD}") == true)
            terminalUnchanged("a hostile caller number and name")

            // The fault spoils the answer of the poll held now; a call gives that answer a body.
            _ = try setup.control("/_sim/faults?kind=invalid-utf8&target=dashui")
            try await waitUntil("the poll with the fault held") { try setup.state().contains(#""pendingFaults":0"#) }
            _ = try setup.control("/_sim/calls?extension=208&from=15550001111")
            try await waitUntil("an answer that is not UTF-8 shown with U+FFFD") {
                row("208")?.contains("ringing") == true && row("208")?.contains("\u{FFFD}") == true
            }
            #expect(tmux.capture().contains("● live"))
            terminalUnchanged("bytes that are not UTF-8")

            tmux.sendKeys("q")
            try await waitUntil("the board to exit") { setup.exitLine != nil }
            #expect(setup.exitLine == "EXIT:0")
        }
    }

    /// The wall at 240x67: a 300-extension account, every person's number
    /// on screen at once (idle ones as tiles, the calls whole).
    @Test func at240x67EveryExtensionOfA300ExtensionAccountIsOnScreenAtOnce() async throws {
        let account = Account.generate(extensionCount: 300, seed: 4)
        try await withSetup(simulator: ["--extensions", "300", "--seed", "4"]) { setup in
            let tmux = try setup.board(width: 240, height: 67)
            try await waitUntil("live") { tmux.capture().contains("● live") }
            let people = account.extensions.filter(\.isPerson)
            for person in people.prefix(4) {
                _ = try setup.control("/_sim/calls?extension=\(person.number)&from=442079460018&name=Jane%20Doe&state=connected")
            }
            try await waitUntil("the four calls on screen") {
                tmux.capture().components(separatedBy: "+44 20 7946 0018").count - 1 == 4
            }
            // The frame with the calls may still be being written: wait for
            // every number (a wall that hides any never gets there).
            var missing: [String] = []
            var screen = ""
            try? await waitUntil("every person on screen") {
                screen = tmux.capture()
                let words = Set(screen.split(whereSeparator: { $0 == " " || $0 == "│" || $0 == "\n" }).map(String.init))
                missing = people.map(\.number).filter { !words.contains($0) }
                return missing.isEmpty
            }
            #expect(missing.isEmpty, "not on screen: \(missing)")
            #expect(!screen.contains("not shown"))
            tmux.sendKeys("q")
            try await waitUntil("exit") { setup.exitLine != nil }
        }
    }

    /// At 120x40 beside the queues: a 20-character name and an
    /// international caller's number, whole.
    @Test func at120x40ATwentyCharacterNameAndAnInternationalNumberAreShownWhole() async throws {
        try await withSetup { setup in
            let tmux = try setup.board()
            try await waitUntil("live") { tmux.capture().contains("● live") }
            let person = account.extensions.filter(\.isPerson)[3]
            _ = try setup.control("/_sim/name?extension=\(person.number)&name=Warehouse%20Floor%20East")
            _ = try setup.control("/_sim/calls?extension=\(person.number)&from=442079460018&name=Jane%20Doe&state=connected")
            func row() -> String? { tmux.capture().split(separator: "\n").first { $0.contains("│ \(person.number) ") }.map(String.init) }
            try await waitUntil("the call on screen") { row()?.contains("+44 20 7946 0018") == true }
            let line = try #require(row())
            #expect(line.contains("Warehouse Floor East"))
            #expect(line.contains("Jane Doe"))
            #expect(line.contains("││") && tmux.capture().contains("┌ Queues"), "the side column is beside it")
            tmux.sendKeys("w")
            try await waitUntil("the wallboard") { tmux.capture().contains("longest wait") && tmux.capture().contains("w board") }
            tmux.sendKeys("w")
            try await waitUntil("back to the board") { tmux.capture().contains("Warehouse Floor East") }
            tmux.sendKeys("q")
            try await waitUntil("exit") { setup.exitLine != nil }
            #expect(setup.exitLine == "EXIT:0")
        }
    }

    /// Wide characters replaced by narrow ones and shifted by a cell: what
    /// the terminal shows is exactly the new name, nothing of the old left.
    @Test func wideNamesChangingInPlaceLeaveNothingBehind() async throws {
        try await withSetup { setup in
            let tmux = try setup.board()
            try await waitUntil("live") { tmux.capture().contains("● live") }
            let number = account.extensions.filter(\.isPerson)[4].number
            func row() -> String { tmux.capture().split(separator: "\n").first { $0.contains("│ \(number) ") }.map(String.init) ?? "" }
            // "xy" then "李" over it, then "zy": the "y" cell was under the
            // wide character's right half and must be drawn again.
            for (name, shown) in [("李娜李娜李娜", "李娜李娜李娜"), ("Al Bo", "Al Bo "), ("A李娜李娜", "A李娜李娜"), ("xy", "xy "),
                                  ("李", "李 "), ("zy", "zy ")] {
                let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                _ = try setup.control("/_sim/name?extension=\(number)&name=\(encoded)")
                try await waitUntil("\(name) on screen") { row().contains("\(number) \(shown)") }
                #expect(!row().contains("娜") || name.contains("娜"), "a half of the old name stayed: \(row())")
                #expect(row().contains("\(number) \(shown)   ") || name.count > 4, "\(row())")
            }
            tmux.sendKeys("q")
            try await waitUntil("exit") { setup.exitLine != nil }
        }
    }
}
