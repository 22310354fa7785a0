import Foundation
import PBXSimulator
import PresenceEngine
import Testing
import TestSupport
@testable import Switchboard

/// A corpus of service answers in every shape seen (`Answers/SERVICE/*.json`:
/// the live service's, the guide's, mixed variants and answers with fields
/// that cannot be read; made-up values), each served by the simulator as it
/// is (`POST /_sim/answers`) and shown by the real binary's command that
/// reads it, text and JSON, against pinned output beside it
/// (`NAME.expected.txt`, `NAME.expected.json`; `SNAPSHOT_UPDATE=1` rewrites them).
@Suite(.serialized) struct AnswerCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Answers")

    /// Each service: the path its answer is served on and the command that shows it.
    struct Service: Sendable, CustomStringConvertible {
        var name: String
        var path: String
        var command: [String]
        var description: String { name }
    }

    static let services = [
        Service(name: "extension", path: "/presence/rest/extension/830", command: ["extension", "830"]),
        Service(name: "queue", path: "/presence/rest/queue/9100", command: ["queue", "9100"]),
        Service(name: "conference", path: "/presence/rest/conference/8800", command: ["conference", "8800"]),
        Service(name: "history", path: "/presence/rest/callhistory/201", command: ["history", "201"]),
        Service(name: "status", path: "/presence/dashui", command: ["status"]),
        Service(name: "directory", path: "/presence/rest/directory", command: ["directory"]),
    ]

    static func answers(of service: Service) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(service.name).path)
            .filter { $0.hasSuffix(".json") && !$0.contains(".expected.") }.sorted()
    }

    @Test(arguments: services)
    func everyAnswerIsShownAsPinned(service: Service) async throws {
        let answers = try Self.answers(of: service)
        #expect(!answers.isEmpty)
        let home = try CommandLineTests.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try await withSimulator { sim in
            for answer in answers {
                let file = Self.folder.appendingPathComponent(service.name).appendingPathComponent(answer)
                try await Self.serve(file, on: service.path, sim)
                let base = file.deletingPathExtension()
                for json in [false, true] {
                    let arguments = service.command + (json ? (service.name == "history" ? ["--format", "json"] : ["--json"]) : [])
                    let outcome = try await CommandLineTests.run(arguments + CommandLineTests.account(sim), home: home,
                                                                 environment: ["TZ": "UTC"])
                    #expect(outcome.status == 0, "\(service.name)/\(answer) \(json ? "json" : "text"): \(outcome.stderr)")
                    let expected = base.appendingPathExtension(json ? "expected.json" : "expected.txt")
                    try Self.assertMatches(service.name == "status" ? Self.stable(outcome.stdout) : outcome.stdout, file: expected)
                }
            }
        }
    }

    /// Serves `file` as the answer on `path`, the way a person replays a
    /// capture: `curl --data-binary @FILE …/_sim/answers?path=PATH`.
    static func serve(_ file: URL, on path: String, _ sim: PBXSimulator) async throws {
        let curl = try BackgroundProcess(["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--data-binary", "@\(file.path)",
                                          "http://127.0.0.1:\(sim.port!)/_sim/answers?path=\(path)"])
        #expect(await curl.exitStatus() == 0)
        #expect(curl.stdout == "200", "\(file.lastPathComponent): \(curl.stderr)")
    }

    /// The output less what changes from run to run (the time `status --json` was taken).
    static func stable(_ text: String) -> String {
        text.replacingOccurrences(of: #""time":"[^"]*"\}$"#, with: #""time":"(now)"}"#, options: .regularExpression)
    }

    static func assertMatches(_ actual: String, file: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["SNAPSHOT_UPDATE"] == "1" {
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try #require(try? String(contentsOf: file, encoding: .utf8), "missing \(file.lastPathComponent); SNAPSHOT_UPDATE=1 makes it")
        #expect(actual == expected, "\(file.lastPathComponent)", sourceLocation: sourceLocation)
    }

    /// The engine's reading of every answer: nothing refused whole, ids kept
    /// digit for digit, names found inside or beside `details`.
    @Test func everyAnswerDecodes() throws {
        for service in Self.services {
            for answer in try Self.answers(of: service) {
                let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(service.name).appendingPathComponent(answer)))
                switch service.name {
                case "extension": _ = try ExtensionDetails.decode(bytes, number: "830")
                case "queue": _ = try QueueState.decode(bytes, number: "9100")
                case "conference": _ = try BridgeState.decode(bytes, number: "8800")
                case "history": _ = try CallRecord.decodePage(bytes, timeZone: TimeZone(identifier: "UTC")!)
                case "status": _ = try DashuiDecoder.decode(bytes, receivedAt: .zero)
                default: _ = try Directory.decode(bytes)
                }
            }
        }
    }
}

/// The board drawn from the corpus: each live-status answer folded as the
/// engine folds it, with every queue and conference answer beside it, at
/// 120x40 (`Answers/status/NAME.board-120x40.txt`).
@Suite struct AnswerCorpusBoardTests {
    @Test func everyLiveStatusAnswerOnTheBoard() throws {
        let folder = AnswerCorpusTests.folder
        let statuses = try AnswerCorpusTests.answers(of: AnswerCorpusTests.services.first { $0.name == "status" }!)
        for status in statuses {
            var store = StateStore()
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent("status").appendingPathComponent(status)))
            _ = store.fold(try DashuiDecoder.decode(bytes, receivedAt: BoardFixture.received), isComplete: true, at: BoardFixture.wallClock)
            for (index, queue) in try AnswerCorpusTests.answers(of: AnswerCorpusTests.services[1]).enumerated() {
                let answer = Array(try Data(contentsOf: folder.appendingPathComponent("queue").appendingPathComponent(queue)))
                _ = store.fold(queue: try QueueState.decode(answer, number: String(9100 + index)))
            }
            for (index, bridge) in try AnswerCorpusTests.answers(of: AnswerCorpusTests.services[2]).enumerated() {
                let answer = Array(try Data(contentsOf: folder.appendingPathComponent("conference").appendingPathComponent(bridge)))
                _ = store.fold(bridge: try BridgeState.decode(answer, number: String(8800 + index)))
            }
            var snapshot = store.snapshot
            snapshot.health = .live
            snapshot.accountName = "Acme Dental"
            let buffer = BoardFixture.render(BoardFixture.app(width: 120, height: 40, snapshot: snapshot), width: 120, height: 40)
            let expected = folder.appendingPathComponent("status").appendingPathComponent(status)
                .deletingPathExtension().appendingPathExtension("board-120x40.txt")
            try AnswerCorpusTests.assertMatches(buffer.text + "\n", file: expected)
        }
    }
}
