import Foundation
import PBXSimulator
@testable import Switchboard
import Testing
import TestSupport

/// `switchboard doctor` as a user runs it: every check in order, the fix
/// for a failure, and the exit codes (3 for a refused login).
@Suite struct DoctorTests {
    static func names(_ output: String) -> [String] {
        output.split(separator: "\n").map { String($0.dropFirst(6).prefix(12)).trimmingCharacters(in: .whitespaces) }
    }

    /// `ssh host switchboard doctor` gets a pseudo-terminal of 0x0: its size
    /// is unknown, not too small; a known size is checked.
    @Test func anUnknownTerminalSizeIsSaidNotFailed() {
        #expect(DoctorCommand.terminalSize(isTerminal: true, columns: 0, rows: 0) == ("size unknown here (0x0)", false))
        #expect(DoctorCommand.terminalSize(isTerminal: true, columns: 79, rows: 40) == ("79x40", true))
        #expect(DoctorCommand.terminalSize(isTerminal: true, columns: 120, rows: 40) == ("120x40", false))
        #expect(DoctorCommand.terminalSize(isTerminal: false, columns: 0, rows: 0) == ("not a terminal here", false))
    }

    @Test func everyCheckPassesAgainstTheSimulatorInOrder() async throws {
        let home = try CommandLineTests.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try await withSimulator { sim in
            let result = try await CommandLineTests.run(["doctor"] + CommandLineTests.account(sim), home: home, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(Self.names(result.stdout) == ["config", "server", "name", "tcp", "tls", "login", "live status", "long poll", "terminal", "recordings", "log", "journal"])
            #expect(result.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("ok    ") })
            #expect(result.stdout.contains("answers: 20 extensions"))
            #expect(result.stdout.contains("256 colours · UTF-8"))
        }
    }

    @Test func aRefusedLoginIsExit3WithItsFix() async throws {
        let home = try CommandLineTests.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try await withSimulator { sim in
            let result = try await CommandLineTests.run(["doctor"] + CommandLineTests.account(sim), home: home, password: "wrong")
            #expect(result.status == 3)
            let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("login") })
            #expect(line.hasPrefix("FAIL  login"))
            #expect(line.contains("fix: check the user and password"))
            // The checks that do not need the service still run.
            #expect(result.stdout.contains("ok    journal"))
        }
    }

    /// A session good for login and a first answer but refused for the long
    /// poll: what the board shows as "refused: live status", with its reason.
    @Test func aLongPollRefusedAfterAGoodLoginIsSaid() async throws {
        let home = try CommandLineTests.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try await withSimulator { sim in
            sim.control.injectFaults([.status(403)], for: .longPoll)
            let result = try await CommandLineTests.run(["doctor"] + CommandLineTests.account(sim), home: home)
            #expect(result.status == 5)
            let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("long poll") })
            #expect(line.hasPrefix("FAIL  long poll"))
            #expect(line.contains("refused: live status (HTTP 403, not permitted) after a good login"))
            #expect(line.contains("fix: the user may lack the right to live status"))
        }
    }

    @Test func aCertificateThatDoesNotVerifyFailsTheTLSCheck() async throws {
        let home = try CommandLineTests.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let server = try SelfSignedServer(folder: home)
        defer { server.stop() }
        let port = server.port
        var output = ""
        try await waitUntil("the TLS server to listen, and the check to fail") {
            let result = try await CommandLineTests.run(["doctor", "--server", "https://127.0.0.1:\(port)", "--user", "alice"], home: home)
            output = result.stdout
            return result.stdout.contains("ok    tcp")
        }
        let line = try #require(output.split(separator: "\n").first { $0.contains("tls") })
        #expect(line.hasPrefix("FAIL  tls"), "\(output)")
        #expect(line.contains("fix: the certificate does not verify"))
        #expect(!output.contains("login"))
    }

    @Test func aConfigThatDoesNotParseStopsWithItsLine() async throws {
        let home = try CommandLineTests.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home + "/config/switchboard", withIntermediateDirectories: true)
        try "kiosk = \"yes\"\n".write(toFile: home + "/config/switchboard/config.toml", atomically: true, encoding: .utf8)
        let result = try await CommandLineTests.run(["doctor"], home: home)
        #expect(result.status == 2)
        #expect(result.stdout.hasPrefix("FAIL  config"))
        #expect(result.stdout.contains("config.toml:1: kiosk"))
    }
}
