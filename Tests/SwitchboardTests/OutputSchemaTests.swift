import Foundation
import PBXSimulator
import PresenceEngine
import Testing
import TestSupport
@testable import Switchboard

/// Every key of every command's JSON (docs/scripting.md: "JSON output"), pinned: a
/// renamed, dropped or added key fails here, and so does a missing value
/// printed by leaving its key out instead of as `null`.
@Suite struct OutputSchemaTests {
    static let extensionKeys: Set = ["extension", "name", "state", "direction", "with", "durationSeconds", "calls"]
    static let liveCallKeys: Set = ["phase", "otherParty", "recorded", "clickToCall", "callId", "startTime"]
    static let queueKeys: Set = ["queue", "queueId", "name", "calls", "waiting", "onHold", "averageWaitSeconds", "longestWaitSeconds",
                                 "agentsAvailable", "agentsBusy", "agentsLoggedIn"]
    static let conferenceKeys: Set = ["conference", "name", "participants"]

    static func keys(_ value: Any?) -> Set<String> { Set((value as? [String: Any])?.keys.map { $0 } ?? []) }
    static func first(_ value: Any?) -> Any? { (value as? [Any])?.first }

    @Test func statusDirectoryExtensionQueueConferenceAndHistoryKeepEveryDocumentedKey() async throws {
        let home = try CommandLineTests.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try await withSimulator { sim in
            let busy = sim.account.extensions[1].number
            _ = sim.control.startCall(CallRequest(extension: busy, otherNumber: "15557852675", otherName: "Jane Doe", connected: true))
            func json(_ arguments: [String]) async throws -> [String: Any] {
                let outcome = try await CommandLineTests.run(arguments + CommandLineTests.account(sim), home: home)
                #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)")
                return try CommandLineTests.json(outcome.stdout)
            }

            let status = try await json(["status", "--json"])
            #expect(Self.keys(status) == ["time", "extensions"])
            let states = try #require(status["extensions"] as? [[String: Any]])
            #expect(states.allSatisfy { Self.keys($0) == Self.extensionKeys })
            let idle = try #require(states.first { $0["extension"] as? String != busy })
            #expect(idle["with"] is NSNull && idle["durationSeconds"] is NSNull, "a missing value is null, its key kept")
            let onCall = try #require(states.first { $0["extension"] as? String == busy })
            #expect(Self.keys(Self.first(onCall["calls"])) == Self.liveCallKeys)

            let directory = try await json(["directory", "--json"])
            #expect(Self.keys(directory) == ["extensions", "queues", "conferences"])
            #expect(Self.keys(Self.first(directory["extensions"])) == ["extension", "name", "login", "status", "person"])
            #expect(Self.keys(Self.first(directory["queues"])) == ["queue", "queueId", "name", "calls"])
            #expect(Self.keys(Self.first(directory["conferences"])) == ["conference", "name", "calls"])

            let details = try await json(["extension", busy, "--json"])
            #expect(Self.keys(details) == ["extension", "name", "login", "phoneNumbers", "calls"])
            #expect(Self.keys(Self.first(details["calls"]))
                    == ["direction", "durationSeconds", "with", "withName", "recorded", "clickToCall", "callId", "customTag"])

            let queue = try #require(sim.account.queues.first?.number)
            #expect(Self.keys(try await json(["queue", queue, "--json"])) == Self.queueKeys)
            let bridge = try #require(sim.account.bridges.first?.number)
            #expect(Self.keys(try await json(["conference", bridge, "--json"])) == Self.conferenceKeys)

            let now = Int64(Date().timeIntervalSince1970 * 1000) - 600_000
            sim.control.recordHistory([HistoryRecord(callId: "7001", startedAtMs: now, endedAtMs: now + 30_000, from: "17701234567",
                                                     to: "15553000201", isInbound: true, extensionNumber: busy, callerId: "",
                                                     durationSeconds: 30, result: .answered)])
            let history = try await json(["history", busy, "--format", "json"])
            #expect(Self.keys(history) == ["extension", "calls"])
            let call = try #require(Self.first(history["calls"]) as? [String: Any])
            #expect(Self.keys(call) == ["time", "direction", "from", "to", "extension", "callerId", "customTag", "durationSeconds",
                                        "result", "recordingId"])
            #expect(call["recordingId"] is NSNull, "an unrecorded call's recordingId is null")
        }
    }

    /// `watch`: `{time, type}` and the payload under the key the type names.
    @Test func everyWatchLineTypeKeepsItsKeys() throws {
        let now = MonotonicInstant.now()
        var fax = ExtensionState(number: "299", name: "Fax")
        fax.isPerson = false
        let lines: [(EngineEvent, Set<String>, String)] = [
            (.extensionChanged(ExtensionState(number: "201", name: "Ann")), Self.extensionKeys, "extension"),
            (.extensionRemoved("201"), [], "extension"),
            (.queueChanged(QueueState(number: "600")), Self.queueKeys, "queue"),
            (.bridgeChanged(BridgeState(number: "700", name: "Board", participants: ["201"])), Self.conferenceKeys, "conference"),
            (.healthChanged(.live), [], "health"),
        ]
        for (event, payloadKeys, payloadKey) in lines {
            let line = try #require(WatchCommand.line(for: event, now: now))
            let object = try CommandLineTests.json(CommandOutput.encoded(line))
            #expect(Self.keys(object) == ["time", "type", payloadKey], "\(event)")
            #expect(Self.keys(object[payloadKey]) == payloadKeys, "\(event)")
        }
        let queue = try CommandLineTests.json(CommandOutput.encoded(QueueOutput(QueueState(number: "600"))))
        #expect(queue["longestWaitSeconds"] is NSNull)
        // An extension that is not a person (a fax, a conference line) is not a line at all.
        #expect(WatchCommand.line(for: .extensionChanged(fax)) == nil)
        #expect(WatchCommand.line(for: .directoryChanged) == nil)
    }

    /// The engine tells of an idle extension whose last call moved on (for
    /// the journal); `watch` has nothing new to say of it and says nothing.
    @Test func watchWritesAnExtensionAgainOnlyWhenItsLineChanged() throws {
        let now = MonotonicInstant.now()
        var repeats = WatchCommand.WatchRepeats()
        var ann = ExtensionState(number: "201", name: "Ann")
        func isNew(_ event: EngineEvent) throws -> Bool { repeats.isNew(try #require(WatchCommand.line(for: event, now: now))) }
        #expect(try isNew(.extensionChanged(ann)))
        ann.lastCallMs = 5_000
        #expect(try !isNew(.extensionChanged(ann)), "only the last call moved")
        #expect(try isNew(.extensionChanged(ExtensionState(number: "202", name: "Bo"))))
        ann.availableFlag = false  // do not disturb
        #expect(try isNew(.extensionChanged(ann)))
        #expect(try isNew(.extensionRemoved("201")))
        #expect(try isNew(.extensionChanged(ann)), "back after it left")
        #expect(try isNew(.healthChanged(.live)) && isNew(.healthChanged(.live)))
    }
}
