import ArgumentParser
import Foundation
import PBXSimulator
import PresenceEngine
import SwitchboardHarness
import Testing
import TestSupport
@testable import Switchboard

/// config.toml: every key, every refusal with file, line and key, and
/// precedence (flags over the file over the defaults).
@Suite struct ConfigFileTests {
    static let full = """
        # Switchboard settings
        server = "https://my.vonagebusiness.com"
        user = "alice"
        password_command = ["pass", "show", "vonage/alice"]
        extensions = ["301", 302]
        theme = "high-contrast"
        recordings_dir = "~/Calls"
        kiosk = true
        refresh_seconds = 2.5
        max_requests_per_minute = 60
        log_file = '~/switchboard.log'   # literal string

        [alerts]
        waiting = 5
        longest_wait_seconds = 90
        """

    @Test func everyKeyIsRead() throws {
        let settings = try ConfigFile.parse(Self.full, file: "config.toml", environment: ["HOME": "/home/alice"])
        #expect(settings.server == "https://my.vonagebusiness.com")
        #expect(settings.user == "alice")
        #expect(settings.passwordCommand == ["pass", "show", "vonage/alice"])
        #expect(settings.extensions == ["301", "302"])
        #expect(settings.theme == "high-contrast")
        #expect(settings.recordingsDir == "/home/alice/Calls")
        #expect(settings.kiosk == true)
        #expect(settings.refreshSeconds == 2.5)
        #expect(settings.maxRequestsPerMinute == 60)
        #expect(settings.logFile == "/home/alice/switchboard.log")
        #expect(settings.alertWaiting == 5)
        #expect(settings.alertLongestWaitSeconds == 90)
    }

    @Test func groupsAlarmsTheBellAndTheViewAreRead() throws {
        let text = """
            view = "wallboard"
            bell = true
            ringing_warning_seconds = 15
            call_critical_minutes = 30

            [alerts]
            waiting = 2
            waiting_critical = 4
            longest_wait_critical_seconds = 200
            ringing_critical_seconds = 30

            [groups]
            Sales = ["201-215", "230"]
            "Front Desk" = [240, "250-252"]
            """
        let settings = try ConfigFile.parse(text, file: "config.toml")
        #expect(settings.view == .wallboard)
        #expect(settings.bell == true)
        #expect(settings.callAlarms == CallAlarms(ringingWarningSeconds: 15, ringingCriticalSeconds: 30, callWarningMinutes: nil, callCriticalMinutes: 30))
        #expect(settings.queueAlerts == QueueAlerts(waiting: 2, longestWaitSeconds: 120, waitingCritical: 4, longestWaitCriticalSeconds: 200))
        let groups = try #require(settings.groups)
        #expect(groups.groups.map(\.title) == ["Sales", "Front Desk"])
        #expect(groups.group(of: "207") == 0)
        #expect(groups.group(of: "230") == 0)
        #expect(groups.group(of: "251") == 1)
        #expect(groups.group(of: "216") == nil)
        // The defaults: ringing 20 s then 40 s, connected calls never; queues 3/6 waiting, 2/5 minutes.
        #expect(Settings().callAlarms == CallAlarms())
        #expect(Settings().queueAlerts == QueueAlerts(waiting: 3, longestWaitSeconds: 120, waitingCritical: 6, longestWaitCriticalSeconds: 300))
    }

    @Test func aPasswordCommandStringIsSplitOnSpacesWithoutAShell() throws {
        let settings = try ConfigFile.parse("password_command = \"secret-tool lookup service vonage\"", file: "c")
        #expect(settings.passwordCommand == ["secret-tool", "lookup", "service", "vonage"])
    }

    @Test(arguments: [
        ("colour = \"red\"", 1, "colour", "unknown key"),
        ("\n\nkiosk = \"yes\"", 3, "kiosk", "expected true or false, got a string"),
        ("refresh_seconds = \"5\"", 1, "refresh_seconds", "expected a number, got a string"),
        ("refresh_seconds = 0", 1, "refresh_seconds", "must be 1 to 3600 seconds"),
        ("max_requests_per_minute = 5", 1, "max_requests_per_minute", "must be 10 to 6000 requests a minute"),
        ("extensions = [\"3x1\"]", 1, "extensions", "extensions are 2 to 6 digits"),
        ("server = https://x", 1, "server", "is not a value (strings need quotes)"),
        ("user = \"a\"\nuser = \"b\"", 2, "user", "set twice"),
        ("[alerts]\nwaiting = 2.5", 2, "alerts.waiting", "expected an integer, got a number"),
        ("[alarms]", 1, nil, "unknown table [alarms]"),
        ("theme = \"dark", 1, "theme", "unclosed string"),
        ("extensions = [301,", 1, "extensions", "missing value"),
        ("just words", 1, "just", "expected '=' after the key"),
        ("[groups]\nSales = [\"201-1x\"]", 2, "groups.Sales", "is not an extension (2 to 6 digits) or a range"),
        ("[groups]\nSales = [\"215-201\"]", 2, "groups.Sales", "or a range like"),
        ("[groups]\nSales = \"201\"", 2, "groups.Sales", "expected a list of extensions and ranges"),
        ("[groups]\nSales = [\"201\"]\nSales = [\"202\"]", 3, "groups.Sales", "set twice"),
        ("view = \"grid\"", 1, "view", "must be \"board\" or \"wallboard\""),
        ("ringing_warning_seconds = 0", 1, "ringing_warning_seconds", "must be at least 1"),
        ("bell = 1", 1, "bell", "expected true or false"),
    ] as [(String, Int, String?, String)])
    func badFilesAreRefusedWithFileLineAndKey(text: String, line: Int, key: String?, reason: String) {
        do {
            _ = try ConfigFile.parse(text, file: "/etc/x/config.toml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.file == "/etc/x/config.toml")
            #expect(error.line == line)
            #expect(error.key == key)
            #expect(error.reason.contains(reason), "\(error)")
            #expect(error.description.hasPrefix("/etc/x/config.toml:\(line): "))
        }
    }

    /// Valid TOML the old hand-written reader refused: multi-line arrays,
    /// inline tables, dotted keys, comments inside arrays.
    @Test func multiLineArraysInlineTablesAndDottedKeysAreRead() throws {
        let text = """
            extensions = [
                "301",   # front desk
                302,
            ]
            alerts = { waiting = 3, longest_wait_seconds = 60, bell = true }
            password_command = [
              "pass", "show",
              "vonage/alice",
            ]
            groups = { Support = ["240"], "Front Desk" = ["201-203"], Accounts = [250] }
            """
        let settings = try ConfigFile.parse(text, file: "c")
        #expect(settings.extensions == ["301", "302"])
        #expect(settings.alertWaiting == 3 && settings.alertLongestWaitSeconds == 60 && settings.bell == true)
        #expect(settings.passwordCommand == ["pass", "show", "vonage/alice"])
        // Groups keep the file's order, even in an inline table.
        #expect(settings.groups?.groups.map(\.title) == ["Support", "Front Desk", "Accounts"])
        let dotted = try ConfigFile.parse("groups.Sales = [\"201-210\"]\ngroups.Desk = [\"240\"]\n", file: "c")
        #expect(dotted.groups?.groups.map(\.title) == ["Sales", "Desk"])
    }

    /// A wrong value is named by the line its key is on, wherever TOML lets it be written.
    @Test(arguments: [
        ("extensions = [\n  \"301\",\n  \"3x1\",\n]", 1, "extensions", "extensions are 2 to 6 digits"),
        ("server = \"https://x\"\nextensions = [\n  301,\n  nope,\n]", 4, "extensions", "'nope' is not a value"),
        ("user = \"a\"\nalerts = { waiting = 0 }", 2, "alerts.waiting", "must be at least 1"),
        ("user = \"a\"\nalerts = {\n waiting = 1 }", 2, "alerts", "inline table"),
        ("\nalerts.waiting = \"3\"", 2, "alerts.waiting", "expected an integer, got a string"),
        ("[alerts]\nwaiting = 1\n\n[alerts.more]\nx = 1", 4, "alerts.more", "unknown key"),
        ("kiosk = 1979-05-27", 1, "kiosk", "expected true or false, got a date"),
        ("alerts = { waiting = 3 }\nalerts.bell = true", 2, "alerts.bell", "set twice"),
        // toml++ 3 aborts on these (an assertion, found by the fuzzer): refused before it sees them.
        ("user = \"a\"\n[é]", 2, nil, "expected a table name after '['"),
        ("[[.a]]", 1, nil, "expected a table name after '['"),
        ("[ =]", 1, nil, "expected a table name after '['"),
        ("user = \"a\"\n[[\n a]]", 2, nil, "expected a table name after '['"),
        ("\u{FEFF}[®]", 1, nil, "expected a table name after '['"),
        ("extensions = [\n  301, # a comment\n}]", 3, "extensions", "a '}' inside an array"),
        ("groups = { Desk = [ }", 1, "groups", "a '}' inside an array"),
        ("bell = truly", 1, "bell", "'truly' is not a value (strings need quotes)"),
        ("groups = { Desk = [240, front] }", 1, "groups", "'front' is not a value"),
        ("user = \"\"\"\nbell = 1\n\"\"\"\nbell = 2", 4, "bell", "expected true or false, got an integer"),
        ("[groups]\nDesk = [\"240\"]\n\"Sales\" = [\"x\"]", 3, "groups.Sales", "is not an extension"),
    ] as [(String, Int, String?, String)])
    func wrongValuesAreNamedByTheirKeysLine(text: String, line: Int, key: String?, reason: String) {
        badFilesAreRefusedWithFileLineAndKey(text: text, line: line, key: key, reason: reason)
    }

    /// docs/config.md's example config is a file the reader accepts, every key of it.
    @Test func theDocumentedExampleIsAcceptedAsWritten() throws {
        let readme = try String(contentsOfFile: InstallTests.packageRoot + "/docs/config.md", encoding: .utf8)
        let start = try #require(readme.range(of: "```toml\n# ~/.config/switchboard/config.toml\n"))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let settings = try ConfigFile.parse(String(readme[start.upperBound..<end.lowerBound]), file: "docs/config.md", environment: ["HOME": "/home/alice"])
        #expect(settings.journalDays == 90 && settings.backfillMinutes == 15 && settings.alertWaitingCritical == 6)
        #expect(settings.groups?.groups.map(\.title) == ["Sales", "Front Desk"])
    }

    /// What `make fuzz` found (toml++ aborted on these) and the seeds: each
    /// is settings or an error with a line, in the same process as the tests.
    @Test(arguments: ["config", "theme"])
    func theFuzzCorpusIsReadWithoutATrap(target: String) throws {
        let folder = InstallTests.packageRoot + "/Fuzz/corpus/" + target
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(!files.isEmpty)
        for file in files {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file)))
            if target == "config" { FuzzEntryPoints.config(bytes) } else { FuzzEntryPoints.theme(bytes) }
        }
    }

    @Test func theFileIsFoundUnderXDGConfigHomeAndAMissingDefaultIsFine() throws {
        let home = try CommandLineTests.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["XDG_CONFIG_HOME": home, "HOME": "/nonexistent"]
        #expect(try ConfigFile.load(explicitPath: nil, environment: environment) == Settings())
        try FileManager.default.createDirectory(atPath: home + "/switchboard", withIntermediateDirectories: true)
        try Data("user = \"bob\"\n".utf8).write(to: URL(fileURLWithPath: home + "/switchboard/config.toml"))
        let settings = try ConfigFile.load(explicitPath: nil, environment: environment)
        #expect(settings.user == "bob")
        #expect(settings.path == home + "/switchboard/config.toml")
        // An explicit --config must exist.
        #expect(throws: ConfigError.self) { try ConfigFile.load(explicitPath: home + "/missing.toml", environment: environment) }
    }

    /// Found by a hostile set-up: a config linked to /dev/zero was read
    /// until 2 GB of memory. Only a regular file (or /dev/null) up to 1 MB.
    @Test func onlyARegularFileUpTo1MBIsRead() throws {
        let home = try CommandLineTests.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["XDG_CONFIG_HOME": home, "HOME": "/nonexistent"]
        try FileManager.default.createDirectory(atPath: home + "/switchboard", withIntermediateDirectories: true)
        for device in ["/dev/zero", "/dev/urandom"] {
            let link = home + "/switchboard/config.toml"
            try? FileManager.default.removeItem(atPath: link)
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: device)
            for explicit in [nil, link] {
                let error = #expect(throws: ConfigError.self) { try ConfigFile.load(explicitPath: explicit, environment: environment) }
                #expect(error?.description == "\(link): not a regular file")
            }
        }
        #expect(throws: ConfigError.self) { try ConfigFile.load(explicitPath: home, environment: environment) }  // a folder
        let big = home + "/big.toml"
        try Data(repeating: UInt8(ascii: "#"), count: (1 << 20) + 1).write(to: URL(fileURLWithPath: big))
        let tooLarge = #expect(throws: ConfigError.self) { try ConfigFile.load(explicitPath: big, environment: environment) }
        #expect(tooLarge?.description == "\(big): too large (1048577 bytes; at most 1 MB)")
        #expect(try ConfigFile.load(explicitPath: "/dev/null", environment: environment).user == nil)
        // A theme is read the same way.
        let themes = home + "/themes"
        try FileManager.default.createDirectory(atPath: themes, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: themes + "/zero.toml", withDestinationPath: "/dev/zero")
        let theme = #expect(throws: ThemeError.self) { try ThemeLoader.load(named: "zero", searchPath: [themes]) }
        #expect(theme?.reason == "not a regular file")
    }

    @Test func flagsOverrideTheFileWhichOverridesDefaults() throws {
        let settings = try ConfigFile.parse("server = \"https://file.example.com\"\nuser = \"file-user\"", file: "c")
        let fromFile = try AccountOptions.parse([]).address(settings)
        #expect(fromFile.0.host == "file.example.com" && fromFile.1 == "file-user")
        let fromFlags = try AccountOptions.parse(["--server", "https://flag.example.com", "--user", "flag-user"]).address(settings)
        #expect(fromFlags.0.host == "flag.example.com" && fromFlags.1 == "flag-user")
        #expect(throws: CommandFailure.self) { try AccountOptions.parse([]).address(Settings()) }
    }
}

/// Where the password comes from, in order, and that it never shows.
@Suite struct PasswordSourceTests {
    // The password command waits for swift-subprocess's async run: these
    // tests call it from a thread of their own, as the command line does,
    // not from the shared pool the run itself needs.
    @Test func theEnvironmentComesFirstThenThePasswordCommandThenATerminal() async throws {
        let command = ["/bin/sh", "-c", "printf 'from-command\\nsecond line\\n'"]
        #expect(try PasswordSource.read(passwordCommand: command, environment: ["SWITCHBOARD_PASSWORD": "from-env"],
                                        stdinIsTerminal: false).reveal() == "from-env")
        #expect(try await onOwnThread {
            try PasswordSource.read(passwordCommand: command, environment: [:], stdinIsTerminal: false).reveal()
        } == "from-command")
        do {
            _ = try PasswordSource.read(passwordCommand: nil, environment: [:], stdinIsTerminal: false)
            Issue.record("a password from nowhere")
        } catch {
            #expect(error.code == 2)
            #expect(error.message.contains("SWITCHBOARD_PASSWORD"))
        }
    }

    @Test func aFailingOrSilentPasswordCommandIsAClearError() async throws {
        let cases = [(["/bin/false"], "failed (exit status 1)"), (["/bin/true"], "printed no password"),
                     (["/nonexistent/pass"], "cannot run '/nonexistent/pass'"), (["no-such-program-here"], "cannot run"),
                     (["/bin/sh", "-c", "kill -9 $$"], "killed by signal 9"),
                     // Output without end (or bound) is not a password: read up to 64 KB.
                     (["/usr/bin/yes"], "output too large (at most 64 KB are read)")]
        for (command, reason) in cases {
            do {
                _ = try await onOwnThread { try PasswordSource.run(command) }
                Issue.record("\(command) gave a password")
            } catch let error as CommandFailure {
                #expect(error.code == 2)
                #expect(error.message.contains("password_command"))
                #expect(error.message.contains(reason), "\(error.message)")
            }
        }
    }

    /// The command gets its standard streams and nothing else of the
    /// board's: not a connection, the log or a pipe.
    @Test func thePasswordCommandInheritsOnlyItsStandardStreams() async throws {
        var descriptors: [Int32] = [0, 0]
        try #require(pipe(&descriptors) == 0)  // not close-on-exec, as NIO's and libcurl's sockets
        defer { descriptors.forEach { close($0) } }
        let script = "for fd in \(descriptors[0]) \(descriptors[1]); do [ -e /proc/$$/fd/$fd ] && printf '%s ' $fd; done; echo none"
        let inherited = try await onOwnThread { try PasswordSource.run(["/bin/sh", "-c", script]).reveal() }
        #expect(inherited == "none", "the command had the board's descriptors \(inherited)")
    }

    @Test func thePasswordIsNeverInPsNorInTheLogAndAWorldWritableConfigIsWarnedAbout() async throws {
        let home = try CommandLineTests.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let binary = try #require(builtSwitchboardBinary())
        try await withSimulator { sim in
            // The password comes from a password_command in a group-writable file.
            let folder = home + "/config/switchboard"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let config = folder + "/config.toml"
            try Data("""
                server = "http://127.0.0.1:\(sim.port!)"
                user = "\(Account.demoLogin)"
                password_command = ["/bin/sh", "-c", "echo \(Account.demoPassword)"]
                """.utf8).write(to: URL(fileURLWithPath: config))
            chmod(config, 0o666)
            var environment = CommandLineTests.environment(home, password: nil)
            environment["SWITCHBOARD_LOG_LEVEL"] = "trace"
            let watch = try BackgroundProcess([binary, "watch"], environment: environment)
            try await waitUntil("watch to print a line") { watch.stdout.contains("\"type\":\"extension\"") }
            // Other tests run at the same time and may show the demo password
            // in their own command lines: look at this process only.
            let ps = try ChildProcess.run(["ps", "-o", "args=", "-p", "\(watch.pid)"], environment: ProcessInfo.processInfo.environment,
                                          captureOutput: true)
            #expect(ps.output.contains("switchboard watch"))
            #expect(!ps.output.contains(Account.demoPassword))
            _ = watch.stop(SIGTERM)
            #expect(watch.stderr.contains("can be written by other users"))
            let log = try String(contentsOfFile: home + "/state/switchboard/switchboard.log", encoding: .utf8)
            #expect(log.contains("command starting"))
            #expect(!log.contains(Account.demoPassword))
            #expect(!log.contains("JSESSIONID="))
        }
    }

    /// A password from SWITCHBOARD_PASSWORD is overwritten where the kernel
    /// shows the environment (`/proc/PID/environ`, `ps e`); a
    /// password_command's environment holds neither a password nor a cookie.
    @Test func thePasswordIsNotInTheEnvironmentOfTheProcessNorOfWhatItStarts() async throws {
        let home = try CommandLineTests.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let binary = try #require(builtSwitchboardBinary())
        try await withSimulator { sim in
            let fromEnvironment = try BackgroundProcess([binary, "watch"] + CommandLineTests.account(sim),
                                                        environment: CommandLineTests.environment(home))
            try await waitUntil("watch to print a line") { fromEnvironment.stdout.contains("\"type\":\"extension\"") }
            let environ = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(fromEnvironment.pid)/environ"))
            #expect(environ.count > 0)
            #expect(environ.range(of: Data(Account.demoPassword.utf8)) == nil)
            let ps = try ChildProcess.run(["ps", "eww", "-o", "args=", "-p", "\(fromEnvironment.pid)"],
                                          environment: ProcessInfo.processInfo.environment, captureOutput: true)
            #expect(ps.output.contains("SWITCHBOARD_PASSWORD=*"))
            #expect(!ps.output.contains(Account.demoPassword))
            _ = fromEnvironment.stop(SIGTERM)

            // What a password_command sees.
            let folder = home + "/config/switchboard"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data("""
                server = "http://127.0.0.1:\(sim.port!)"
                user = "\(Account.demoLogin)"
                password_command = ["/bin/sh", "-c", "env > '\(home)/child-env'; echo \(Account.demoPassword)"]
                """.utf8).write(to: URL(fileURLWithPath: folder + "/config.toml"))
            let fromCommand = try BackgroundProcess([binary, "watch"], environment: CommandLineTests.environment(home, password: nil))
            try await waitUntil("watch to print a line") { fromCommand.stdout.contains("\"type\":\"extension\"") }
            _ = fromCommand.stop(SIGTERM)
            let childEnvironment = try String(contentsOfFile: home + "/child-env", encoding: .utf8)
            #expect(childEnvironment.contains("PATH="))
            for secret in [Account.demoPassword, "JSESSIONID", "HDAP-ID", "AWSALB", "SWITCHBOARD_PASSWORD"] {
                #expect(!childEnvironment.contains(secret), "\(secret) in a child's environment")
            }
        }
    }
}
