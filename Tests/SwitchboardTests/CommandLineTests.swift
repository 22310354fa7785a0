import Foundation
import PBXSimulator
import PresenceEngine
import Testing
import TestSupport

/// Every command of PRODUCT.md, as a script runs it: the real binary
/// against a live simulator, its output, and its exit code.
@Suite struct CommandLineTests {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A private config and state folder, so the user's own files are never read.
    static func environment(_ home: String, password: String? = Account.demoPassword) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = home + "/config"
        environment["XDG_STATE_HOME"] = home + "/state"
        environment["HOME"] = home
        environment["SWITCHBOARD_PASSWORD"] = password
        return environment
    }

    static func temporaryHome() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static func run(_ arguments: [String], home: String, password: String? = Account.demoPassword,
                    environment extra: [String: String] = [:]) async throws -> Outcome {
        let binary = try #require(builtSwitchboardBinary(), "build the switchboard binary first (make test does)")
        let process = try BackgroundProcess([binary] + arguments,
                                            environment: environment(home, password: password).merging(extra) { $1 })
        let status = try #require(await process.exitStatus(), "switchboard \(arguments.joined(separator: " ")) did not end")
        return Outcome(status: status, stdout: process.stdout, stderr: process.stderr)
    }

    static func account(_ sim: PBXSimulator) -> [String] {
        ["--server", "http://127.0.0.1:\(sim.port!)", "--user", Account.demoLogin]
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func statusPrintsATableAndTheDocumentedJSON() async throws {
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try await withSimulator { sim in
            _ = sim.control.startCall(CallRequest(extension: "202", otherNumber: "15557852675", otherName: "Jane Doe", connected: true))
            let table = try await Self.run(["status"] + Self.account(sim), home: home)
            #expect(table.status == 0)
            let lines = table.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("EXT  NAME") == true)
            #expect(lines.contains { $0.hasPrefix("202 ") && $0.contains("inbound") && $0.contains("Jane Doe") })

            let json = try await Self.run(["status", "--json", "--extensions", "201,202"] + Self.account(sim), home: home)
            #expect(json.status == 0)
            let object = try Self.json(json.stdout)
            let extensions = try #require(object["extensions"] as? [[String: Any]])
            #expect(extensions.map { $0["extension"] as? String } == ["201", "202"])
            let busy = extensions[1]
            #expect(busy["state"] as? String == "on_call")
            #expect(busy["direction"] as? String == "inbound")
            #expect(busy["with"] as? String == "15557852675")
            #expect(busy["durationSeconds"] is Int)
            let call = try #require((busy["calls"] as? [[String: Any]])?.first)
            #expect(call["recorded"] as? Bool == false)
            let start = try #require(call["startTime"] as? String)
            #expect(start.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$"#, options: .regularExpression) != nil)
            #expect(extensions[0]["durationSeconds"] is NSNull)
        }
    }

    @Test func directoryExtensionQueueAndConferenceInTextAndJSON() async throws {
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try await withSimulator { sim in
            let name = sim.account.extensions[0].name
            let directory = try await Self.run(["directory"] + Self.account(sim), home: home)
            #expect(directory.status == 0)
            #expect(directory.stdout.contains(name))
            let directoryJSON = try Self.json(try await Self.run(["directory", "--json"] + Self.account(sim), home: home).stdout)
            #expect((directoryJSON["extensions"] as? [[String: Any]])?.count == sim.account.extensions.count)
            #expect((directoryJSON["extensions"] as? [[String: Any]])?.first?["person"] as? Bool == true)
            #expect((directoryJSON["queues"] as? [[String: Any]])?.first?["calls"] is Int, "the queues' calls are kept")
            #expect((directoryJSON["conferences"] as? [[String: Any]])?.first?["calls"] is Int)

            let number = sim.account.extensions[0].number
            let details = try await Self.run(["extension", number] + Self.account(sim), home: home)
            #expect(details.status == 0 && details.stdout.contains(name))
            #expect(try Self.json(try await Self.run(["extension", number, "--json"] + Self.account(sim), home: home).stdout)["extension"] as? String == number)

            let queueNumber = try #require(sim.account.queues.first?.number)
            let queue = try await Self.run(["queue", queueNumber] + Self.account(sim), home: home)
            #expect(queue.status == 0 && queue.stdout.contains("waiting"))
            let queueJSON = try Self.json(try await Self.run(["queue", queueNumber, "--json"] + Self.account(sim), home: home).stdout)
            #expect(queueJSON["waiting"] is Int && queueJSON["queue"] as? String == queueNumber)

            let bridgeNumber = try #require(sim.account.bridges.first?.number)
            _ = sim.control.setBridgeParticipants(bridgeNumber, [number, "15551234567"])
            let bridge = try await Self.run(["conference", bridgeNumber] + Self.account(sim), home: home)
            #expect(bridge.status == 0 && bridge.stdout.contains("2 on") && bridge.stdout.contains("+1 555 123 4567"))
            let bridgeJSON = try Self.json(try await Self.run(["conference", bridgeNumber, "--json"] + Self.account(sim), home: home).stdout)
            #expect(bridgeJSON["participants"] as? [String] == [number, "15551234567"])

            // The API's refusal text, exit 5.
            let missing = try await Self.run(["queue", "9999"] + Self.account(sim), home: home)
            #expect(missing.status == 5)
            #expect(missing.stderr.contains("NOT FOUND"))
        }
    }

    @Test func callPlacesACallAndRefusesBadNumbersBeforeAnyRequest() async throws {
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try await withSimulator { sim in
            let placed = try await Self.run(["call", "(555) 785-2675"] + Self.account(sim), home: home)
            #expect(placed.status == 0)
            #expect(placed.stdout == "Calling domestic +1 555 785 2675: your phone rings first.\n")
            let log = try await SimClient(sim).get("/_sim/requests")
            #expect(log.bodyText.contains("/presence/rest/clicktocall/5557852675"))

            let before = try await SimClient(sim).get("/_sim/requests").bodyText
            for bad in ["abc", "011 44"] {
                let refused = try await Self.run(["call", bad] + Self.account(sim), home: home)
                #expect(refused.status == 2)
                #expect(refused.stderr.hasPrefix("switchboard: cannot call"))
            }
            // Not even a login went out for them.
            let after = try await SimClient(sim).get("/_sim/requests").bodyText
            #expect(before.components(separatedBy: "/appserver/rest/user/null").count == after.components(separatedBy: "/appserver/rest/user/null").count)

            sim.control.setAccount(active: Bool?.none, internationalBlocked: true)
            let blocked = try await Self.run(["call", "011 44 20 7946 0018"] + Self.account(sim), home: home)
            #expect(blocked.status == 5)
            #expect(blocked.stderr.contains("INTERNATIONAL"))
        }
    }

    @Test func historyAsTableJSONAndCSVWithFilters() async throws {
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try await withSimulator { sim in
            let base = Int64(Date().timeIntervalSince1970 * 1000) - 7_200_000
            sim.control.recordHistory([
                HistoryRecord(callId: "9001", startedAtMs: base, endedAtMs: base + 60_000, from: "17701234567", to: "15553000201",
                              isInbound: true, extensionNumber: "201", callerId: "=HYPERLINK(\"x\")", durationSeconds: 60, result: .answered,
                              isRecorded: true),
                HistoryRecord(callId: "9002", startedAtMs: base + 3_600_000, endedAtMs: base + 3_600_000, from: "19902223333",
                              to: "15553000201", isInbound: true, extensionNumber: "201", callerId: "Bob, Jr.", durationSeconds: 0, result: .voicemail),
            ])
            let table = try await Self.run(["history", "201"] + Self.account(sim), home: home)
            #expect(table.status == 0)
            #expect(table.stdout.split(separator: "\n").count == 3)

            let csv = try await Self.run(["history", "201", "--format", "csv"] + Self.account(sim), home: home)
            let rows = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(rows.first == "time,direction,from,to,extension,callerId,customTag,durationSeconds,result,recordingId")
            #expect(rows.count == 3)
            #expect(rows[1].contains("\"Bob, Jr.\""))
            // A spreadsheet would run this as a formula: it is defused.
            #expect(rows[2].contains("\"'=HYPERLINK(\"\"x\"\")\""))

            let json = try Self.json(try await Self.run(["history", "201", "--format", "json", "--result", "answered"] + Self.account(sim), home: home).stdout)
            let calls = try #require(json["calls"] as? [[String: Any]])
            #expect(calls.count == 1)
            #expect(calls[0]["durationSeconds"] as? Int == 60)
            #expect(calls[0]["recordingId"] as? String == "9001")

            let bad = try await Self.run(["history", "201", "--result", "missed"] + Self.account(sim), home: home)
            #expect(bad.status == 2)
            #expect(bad.stderr.contains("answered, unanswered or voicemail"))
        }
    }

    @Test func recordingIsSavedAndNeverOverwritesAFile() async throws {
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try await withSimulator({ $0.recordingDelaySeconds = 0 }) { sim in
            let id = try #require(sim.control.startCall(CallRequest(extension: "201", otherNumber: "15557852675", recorded: true)))
            #expect(sim.control.answerCall(id) && sim.control.endCall(id))
            let target = home + "/call.mp3"
            let saved = try await Self.run(["recording", "\(id)", "-o", target] + Self.account(sim), home: home)
            #expect(saved.status == 0, "\(saved.stderr)")
            #expect(saved.stdout == "saved \(target)\n")
            let served = try await SimClient(sim).get("/presence/rest/callrecording/\(id)", headers: [
                ("login", Account.demoLogin), ("password", Account.demoPassword)])
            #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data(served.body))
            let again = try await Self.run(["recording", "\(id)", "-o", target] + Self.account(sim), home: home)
            #expect(again.status != 0)
            #expect(again.stderr.contains("exists"))

            // A symlink under the name (to a file, or to nowhere yet) is never followed.
            let victim = home + "/victim.txt"
            try Data("keep me".utf8).write(to: URL(fileURLWithPath: victim))
            for (link, pointsTo) in [(home + "/link.mp3", victim), (home + "/dangling.mp3", home + "/would-be-created.mp3")] {
                try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: pointsTo)
                let refused = try await Self.run(["recording", "\(id)", "-o", link] + Self.account(sim), home: home)
                #expect(refused.status != 0)
                #expect(refused.stderr.contains("exists"), "\(refused.stderr)")
                #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == pointsTo)
            }
            #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me")
            #expect(!FileManager.default.fileExists(atPath: home + "/would-be-created.mp3"))
            // Nothing else was left behind (no temporary file).
            let left = try FileManager.default.contentsOfDirectory(atPath: home).filter { $0.hasSuffix(".part") }
            #expect(left.isEmpty, "\(left)")
        }
    }

    /// A web page where audio belongs is the service's bad answer (exit 5);
    /// a download stopped by Ctrl-C or SIGTERM leaves nothing behind: the
    /// file has no name until it is whole (never a `.part` in the folder).
    @Test func aRecordingThatIsNotAudioOrIsInterruptedLeavesNothing() async throws {
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let folder = home + "/recordings"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let binary = try #require(builtSwitchboardBinary())
        try await withSimulator({ $0.recordingDelaySeconds = 0 }) { sim in
            let id = try #require(sim.control.startCall(CallRequest(extension: "201", otherNumber: "15557852675", recorded: true)))
            #expect(sim.control.answerCall(id) && sim.control.endCall(id))
            let page = home + "/page.html"
            try Data("<html><body>Please sign in</body></html>".utf8).write(to: URL(fileURLWithPath: page))
            try await AnswerCorpusTests.serve(URL(fileURLWithPath: page), on: "/presence/rest/callrecording/\(id)", sim)
            let html = try await Self.run(["recording", id, "-o", folder + "/call.mp3"] + Self.account(sim), home: home)
            #expect(html.status == 5, "\(html.stderr)")
            #expect(html.stderr.contains("not MP3 audio (a web page)"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
            _ = try await SimClient(sim).delete("/_sim/answers")

            for signal in [SIGINT, SIGTERM] {
                sim.control.markFaultTime()
                sim.control.injectFaults([.trickle(bytesPerSecond: 2_000)], for: .rest)
                let process = try BackgroundProcess([binary, "recording", id, "-o", folder + "/call.mp3"] + Self.account(sim),
                                                    environment: Self.environment(home))
                try await waitUntil("the recording coming a few bytes at a time") { sim.control.firstFaultServedSinceMark != nil }
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "nothing named while it downloads")
                #expect(process.stop(signal) == 128 + signal)
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "left after signal \(signal)")
            }
        }
    }

    @Test func watchPrintsJSONLinesAndEndsWhenTheReaderGoes() async throws {
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let binary = try #require(builtSwitchboardBinary())
        try await withSimulator { sim in
            let command = ([binary, "watch"] + Self.account(sim)).map(TmuxSession.quote).joined(separator: " ") + " | head -3"
            let pipeline = try BackgroundProcess(["/bin/sh", "-c", command], environment: Self.environment(home))
            // sh waits for both sides of the pipe: it ends only if watch does.
            let status = await pipeline.exitStatus()
            #expect(status == 0)
            let lines = pipeline.stdout.split(separator: "\n")
            #expect(lines.count == 3)
            for line in lines {
                let object = try Self.json(String(line))
                #expect(["health", "extension", "queue", "conference"].contains(object["type"] as? String))
                #expect(object["time"] is String)
            }
            #expect(pipeline.stderr.isEmpty, "\(pipeline.stderr)")
        }
    }

    @Test func exitCodesForLoginNetworkUsageAndPlainHTTP() async throws {
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try await withSimulator { sim in
            let refused = try await Self.run(["status"] + Self.account(sim), home: home, password: "wrong")
            #expect(refused.status == 3)
            #expect(refused.stderr.hasPrefix("switchboard: login refused"))
        }
        let unreachable = try await Self.run(["status", "--server", "http://127.0.0.1:9", "--user", "x"], home: home)
        #expect(unreachable.status == 4)
        let plain = try await Self.run(["status", "--server", "http://pbx.example.com", "--user", "x"], home: home)
        #expect(plain.status == 2)
        #expect(plain.stderr.contains("use https://pbx.example.com"))
        let noServer = try await Self.run(["status"], home: home)
        #expect(noServer.status == 2)
        #expect(noServer.stderr.contains("no server"))
        let unknownFlag = try await Self.run(["status", "--colour"], home: home)
        #expect(unknownFlag.status == 2)
        let help = try await Self.run(["history", "--help"], home: home)
        #expect(help.status == 0)
        #expect(help.stdout.contains("Examples:"))
    }

    @Test func everyCommandsHelpShowsAnExample() async throws {
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        for command in ["board", "sim", "call", "status", "watch", "directory", "extension", "queue", "conference", "history", "recording"] {
            let help = try await Self.run([command, "--help"], home: home)
            #expect(help.status == 0, "\(command)")
            #expect(help.stdout.contains("Example"), "\(command) --help has no example")
            #expect(help.stdout.contains("switchboard \(command == "board" ? "" : command)"), "\(command)")
        }
    }

    @Test func completionScriptsKnowEveryCommandAndOption() async throws {
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        for shell in ["bash", "zsh", "fish"] {
            let script = try await Self.run(["--generate-completion-script", shell], home: home)
            #expect(script.status == 0)
            for word in ["history", "recording", "conference", "min-duration", "recordings-dir"] {
                #expect(script.stdout.contains(word), "\(shell) completion lacks \(word)")
            }
        }
    }
}
