import Foundation
import PBXSimulator
import PresenceEngine
import Testing
import TestSupport

/// `switchboard sim` as a user runs it: the real binary in the background.
@Suite struct SimCommandTests {
    @Test func simPrintsItsURLAndCredentialsLogsRequestsWhenVerboseAndStopsOnSIGTERM() async throws {
        let binary = try #require(builtSwitchboardBinary(), "build the switchboard binary first (make test does)")
        let process = try BackgroundProcess([binary, "sim", "--port", "0", "--seed", "4", "--extensions", "50", "--verbose", "--strict"])
        // The whole banner, read once: the sentence for people, then the lines
        // a script can read (the last, the password's, ended by its newline); every check is on it.
        let banner = try await waitUntil("the banner on stdout", reading: { process.stdout }) {
            $0.range(of: "(^|\n)password: [^\n]*\n", options: .regularExpression) != nil
        }
        let line = try #require(banner.split(separator: "\n").first { $0.contains("http://127.0.0.1:") })
        let range = try #require(line.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression))
        let url = String(line[range])
        #expect(banner.contains("'\(Account.demoLogin)'"))
        #expect(banner.contains("'\(Account.demoPassword)'"))
        #expect(banner.contains("50 extensions, seed 4"))
        // Lines a script can read, after the sentence for people.
        let lines = banner.split(separator: "\n").map(String.init)
        #expect(lines.contains("user: \(Account.demoLogin)"))
        #expect(lines.contains("password: \(Account.demoPassword)"))
        #expect(lines.contains("url: \(url)"))

        let client = VonageClient(transport: CurlTransport(server: try ServerAddress(url)),
                                  credentials: FixedCredentials(Credentials(user: Account.demoLogin, password: Secret(Account.demoPassword))))
        _ = try await onOwnThread { try client.login() }
        let response = try await onOwnThread { try client.dashui(firstRequest: true, extensions: []) }
        #expect(response.status == 200)
        #expect(try DashuiDecoder.decode(response.body, receivedAt: .zero).extensions.count == 50)
        // --strict: the documented form, numbers as numbers.
        #expect(response.bodyText.contains(#""numAvailableExts":"#) && !response.bodyText.contains(#""numAvailableExts":""#))

        let log = try await waitUntil("one log line per request", reading: { process.stderr }) { log in
            let lines = log.split(separator: "\n")
            return lines.contains { $0.contains("GET /appserver/rest/user/null -> 200") }
                && lines.contains { $0.contains("GET /presence/dashui?firstRequest=true -> 200") }
        }
        // The log that holds the login's line is the one checked for the password.
        #expect(!log.contains(Account.demoPassword))
        #expect(process.stop(SIGTERM) == 0)
    }

    @Test func aBrokenThemeIsRefusedWithFileLineAndReason() async throws {
        let binary = try #require(builtSwitchboardBinary())
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-theme-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("[roles]\ntext = \"default\"\n\"extension.sparkly\" = \"red\"\n".utf8).write(to: URL(fileURLWithPath: folder + "/broken.toml"))
        var environment = ProcessInfo.processInfo.environment
        environment["SWITCHBOARD_THEMES"] = folder
        let process = try BackgroundProcess([binary, "--demo", "--theme", "broken", "--log-file", folder + "/log"], environment: environment)
        let status = process.waitForExit()
        #expect(status != 0)
        #expect(process.stderr.contains("broken.toml:3: unknown role 'extension.sparkly'"))
    }

    @Test func simRefusesANonLoopbackHost() async throws {
        let binary = try #require(builtSwitchboardBinary())
        let result = try ChildProcess.run([binary, "sim", "--host", "0.0.0.0"], environment: ProcessInfo.processInfo.environment,
                                          captureOutput: true)
        #expect(result.status != 0)
    }
}
