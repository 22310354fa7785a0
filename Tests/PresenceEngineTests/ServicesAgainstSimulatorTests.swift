import Foundation
import PBXSimulator
import PresenceEngine
import Testing
import TestSupport

/// The engine's service calls against the live simulator.
@Suite struct ServicesAgainstSimulatorTests {
    func services(_ sim: PBXSimulator, user: String = Account.demoLogin, password: String = Account.demoPassword) -> VonageServices {
        let credentials = FixedCredentials(Credentials(user: user, password: Secret(password)))
        return VonageServices(client: VonageClient(transport: CurlTransport(server: sim.address), credentials: credentials))
    }

    /// Runs blocking service calls off the concurrency pool.
    func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await onOwnThread(work)
    }

    /// Click-to-call requests the simulator saw, and how many it answered 200.
    func clickToCallRequests(_ sim: PBXSimulator) async throws -> (all: Int, placed: Int) {
        let body = try await SimClient(sim).get("/_sim/requests").body
        let entries = try JSONSerialization.jsonObject(with: Data(body)) as? [[String: Any]] ?? []
        let calls = entries.filter { ($0["target"] as? String)?.contains("clicktocall") == true }
        return (calls.count, calls.filter { $0["status"] as? Int == 200 }.count)
    }

    @Test(arguments: AnswerShape.allCases)
    func directoryDetailsQueueAndBridge(shape: AnswerShape) async throws {
        try await withSimulator({ $0.shape = shape }) { sim in
            let api = services(sim)
            _ = sim.control.setBridgeParticipants(sim.account.bridges[0].number, ["201", "15551234567"])
            sim.ring("202", from: "15557852675", callerName: "Jane Doe")
            let directory = try await run { try api.directory() }
            #expect(directory.extensions.count == sim.account.extensions.count)
            #expect(directory.extensions.values.filter { !$0.isPerson }.count == 1)
            #expect(directory.queues[sim.account.queues[0].number]?.name == sim.account.queues[0].name)
            let details = try await run { try api.extensionDetails("202") }
            #expect(details.name == sim.account.extensions[1].name)
            #expect(details.loginName == sim.account.extensions[1].loginName)
            #expect(details.calls.first?.onCallWithName == "Jane Doe")
            #expect(details.calls.first?.durationMs == nil)
            #expect(details.calls.first?.presenceCallId?.count == 22)
            let queue = try await run { try api.queue(sim.account.queues[0].number) }
            #expect(queue.agentsLoggedIn == sim.account.queues[0].agents.count)
            let bridge = try await run { try api.conference(sim.account.bridges[0].number) }
            #expect(bridge.participants == ["201", "15551234567"])
        }
    }

    @Test(arguments: [
        ("5557852675", NumberRules.Kind.domestic), ("1 (555) 785-2675", .domestic), ("202", .extension),
        ("011 44 20 7946 0018", .international), ("442079460018", .international), ("123456", .international),
    ])
    func validNumbersAreClassifiedAndCalled(number: String, kind: NumberRules.Kind) async throws {
        try await withSimulator { sim in
            let api = services(sim)
            let target = try await run { try api.clickToCall(number, extensions: Set(sim.account.extensions.map(\.number))) }
            #expect(target.kind == kind)
            let requests = try await clickToCallRequests(sim)
            #expect(requests.placed == 1)
        }
    }

    @Test(arguments: [("12345", "at least 6 digits"), ("01144207", "at least 9 digits"), ("", "no digits"), ("call me", "no digits")])
    func invalidNumbersAreRefusedBeforeAnyRequest(number: String, reason: String) async throws {
        try await withSimulator { sim in
            let api = services(sim)
            let error = await #expect(throws: ServiceError.self) {
                try await run { try api.clickToCall(number, extensions: ["201"]) }
            }
            #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
            let requests = try await clickToCallRequests(sim)
            #expect(requests.all == 0)
        }
    }

    @Test func refusalsCarryTheAPIsText() async throws {
        try await withSimulator({ $0.internationalBlocked = true }) { sim in
            let api = services(sim)
            let blocked = await #expect(throws: ServiceError.self) { try await run { try api.clickToCall("442079460018", extensions: []) } }
            #expect(blocked == .refused(status: 403, text: "INTERNATIONAL BLOCKED"))
            let nobody = services(sim, user: Account.noExtensionLogin, password: Account.staffPassword)
            let none = await #expect(throws: ServiceError.self) { try await run { try nobody.clickToCall("5557852675", extensions: []) } }
            #expect(none?.apiText == "USER HAS NO EXTENSIONS")
            sim.control.setAccount(active: false, internationalBlocked: nil)
            let inactive = await #expect(throws: ServiceError.self) { try await run { try api.clickToCall("5557852675", extensions: []) } }
            #expect(inactive?.apiText == "ACCOUNT INACTIVE")
        }
    }

    @Test func anExpiredSessionOrALostBalancerCookieLogsInAgainOnce() async throws {
        try await withSimulator { sim in
            let api = services(sim)
            _ = try await run { try api.directory() }
            sim.expireSessions()
            let afterExpiry = try await run { try api.directory() }
            #expect(afterExpiry.extensions.count == sim.account.extensions.count)
            sim.control.rotateBalancerCookies()
            let afterRotation = try await run { try api.directory() }
            #expect(afterRotation.extensions.count == sim.account.extensions.count)
            let log = try await SimClient(sim).get("/_sim/requests").bodyText
            // The first call logs in (no session yet), then one login after each loss.
            #expect(log.components(separatedBy: "/appserver/rest/user/null").count - 1 == 3)
        }
    }

    @Test func wrongCredentialsAreALoginErrorNotALoop() async throws {
        try await withSimulator { sim in
            let api = services(sim, user: Account.demoLogin, password: "wrong")
            let error = await #expect(throws: ServiceError.self) { try await run { try api.directory() } }
            #expect(error == .login(.refused(reason: "USER NOT LOGGED IN")))
        }
    }

    @Test(arguments: AnswerShape.allCases)
    func historyPagesPast100RecordsWithAll(shape: AnswerShape) async throws {
        try await withSimulator({ $0.shape = shape }) { sim in
            let now = Int64(Date().timeIntervalSince1970) * 1000 - 3_600_000
            // 250 calls, some sharing a second, so the page boundary falls inside a second.
            let records = (0..<250).map { index in
                HistoryRecord(callId: String(10_000 + index), startedAtMs: now - Int64(index / 2) * 7000, endedAtMs: now,
                              from: "1555000\(String(format: "%04d", index))", to: "15553000201", isInbound: true,
                              extensionNumber: "201", durationSeconds: index, result: .answered)
            }
            sim.control.recordHistory(records)
            let api = services(sim)
            let firstPage = try await run { try api.history("201") }
            #expect(firstPage.count == 100)
            let everything = try await run { try api.history("201", all: true) }
            #expect(everything.count == 250)
            #expect(Set(everything.map(\.durationSeconds)) == Set(0..<250))
            #expect(zip(everything, everything.dropFirst()).allSatisfy { $0.time! >= $1.time! })
        }
    }

    @Test func historyFiltersAndTimestampsRoundTrip() async throws {
        try await withSimulator({ $0.historyShape = .guide }) { sim in
            let base = Int64(Date().timeIntervalSince1970 / 60) * 60_000 - 7_200_000
            sim.control.recordHistory([
                HistoryRecord(callId: "1", startedAtMs: base, endedAtMs: base + 60_000, from: "17701234567", to: "15553000201",
                              isInbound: true, extensionNumber: "201", customTag: "sales", callerId: "John Doe",
                              durationSeconds: 60, result: .answered, isRecorded: true),
                HistoryRecord(callId: "2", startedAtMs: base + 60_000, endedAtMs: base + 60_000, from: "19902223333", to: "15553000201",
                              isInbound: true, extensionNumber: "201", durationSeconds: 0, result: .voicemail),
            ])
            let api = services(sim)
            var query = HistoryQuery()
            query.results = [.answered]
            query.customTag = "SALES"
            query.start = Date(timeIntervalSince1970: Double(base) / 1000)
            let frozen = query
            let records = try await run { try api.history("201", query: frozen) }
            #expect(records.count == 1)
            #expect(records.first?.time == Date(timeIntervalSince1970: Double(base) / 1000))
            #expect(records.first?.callerId == "John Doe")
            #expect(records.first?.recordingId == "1")
        }
    }

    @Test func aRecordingIsSavedByteForByteWithMode0600() async throws {
        try await withSimulator({ $0.recordingDelaySeconds = 0 }) { sim in
            let id = try #require(sim.control.startCall(CallRequest(extension: "201", otherNumber: "15557852675", recorded: true)))
            _ = sim.control.answerCall(id)
            _ = sim.control.endCall(id)
            let folder = try temporaryFolder()
            let api = services(sim)
            let progress = ProgressLog()
            let path = try await run { try api.saveRecording(String(id), into: folder, progress: { received, _ in progress.add(received) }) }
            #expect(path == folder + "/recording-\(id).mp3")
            let saved = try Data(contentsOf: URL(fileURLWithPath: path))
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Sources/PBXSimulator/Resources/recording.mp3")
            let original = try Data(contentsOf: source)
            #expect(saved == original)
            let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
            #expect(mode == 0o600)
            #expect(progress.last == Int64(saved.count))
            // Never overwrites: a second save of the same recording is refused.
            let again = await #expect(throws: ServiceError.self) { try await run { try api.saveRecording(String(id), into: folder) } }
            #expect(again?.description.contains("already exists") == true)
            let left = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(left == ["recording-\(id).mp3"])
        }
    }

    @Test func aRecordingNeverFollowsASymlink() async throws {
        try await withSimulator({ $0.recordingDelaySeconds = 0 }) { sim in
            let id = try #require(sim.control.startCall(CallRequest(extension: "201", otherNumber: "15557852675", recorded: true)))
            _ = sim.control.answerCall(id)
            _ = sim.control.endCall(id)
            let folder = try temporaryFolder()
            let target = folder + "/victim"
            try Data("keep me".utf8).write(to: URL(fileURLWithPath: target))
            try FileManager.default.createSymbolicLink(atPath: folder + "/recording-\(id).mp3", withDestinationPath: target)
            let api = services(sim)
            await #expect(throws: ServiceError.self) { try await run { try api.saveRecording(String(id), into: folder) } }
            let kept = try String(contentsOfFile: target, encoding: .utf8)
            #expect(kept == "keep me")
        }
    }

    @Test func recordingErrorsAreTypedAndLeaveNoFile() async throws {
        try await withSimulator { sim in
            let folder = try temporaryFolder()
            let api = services(sim)
            let missing = await #expect(throws: ServiceError.self) { try await run { try api.saveRecording("424242", into: folder) } }
            #expect(missing == .refused(status: 404, text: "RECORDING NOT FOUND"))
            let illegal = await #expect(throws: ServiceError.self) { try await run { try api.saveRecording("12ab", into: folder) } }
            guard case .invalidInput = illegal else { Issue.record("expected a refusal before any request"); return }
            // A 200 that is not audio, and a body cut short: neither leaves a file.
            sim.control.injectFaults([.malformedJSON], for: .rest)
            await #expect(throws: ServiceError.unacceptable("the service's answer is not MP3 audio (not audio); nothing was saved")) {
                try await run { try api.saveRecording("424242", into: folder) }
            }
            let left = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(left.isEmpty)
        }
    }

    /// A recording past `max_recording_mb` is refused (early when its length
    /// is announced), a body that stops coming ends as stalled, and neither
    /// leaves a byte behind.
    @Test func recordingDownloadsHaveLimits() async throws {
        try await withSimulator({ $0.recordingDelaySeconds = 0 }) { sim in
            let folder = try temporaryFolder()
            let api = services(sim)
            let id = try #require(sim.control.startCall(CallRequest(extension: "201", otherNumber: "15557852675", recorded: true)))
            #expect(sim.control.answerCall(id) && sim.control.endCall(id))
            _ = try await run { try api.directory() }  // logged in: the faults meet the recording, not a 403
            sim.control.injectFaults([.hugeBody(bytes: 3_000_000)], for: .rest)
            let tooLarge = await #expect(throws: ServiceError.self) {
                try await run { try api.saveRecording(id, into: folder, limits: RecordingLimits(maximumMegabytes: 1)) }
            }
            #expect(tooLarge == .unacceptable("the recording is larger than 1 MB (max_recording_mb); nothing was saved"))
            sim.control.injectFaults([.hang(seconds: 60)], for: .rest)
            let started = Date()
            let stalled = await #expect(throws: ServiceError.self) {
                try await run { try api.saveRecording(id, into: folder, limits: RecordingLimits(stallSeconds: 2)) }
            }
            #expect(stalled == .transport(.stalled(2)))
            // Ended by the stall, not by the hang: the simulator logs the hung
            // request only once it answers, and it had not (no clock reading judged).
            let log = sim.requests(since: started)
            #expect(!log.contains { $0.contains("hang") }, "ended by the stall, not by the hang: \(log)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
            // Within the limits it is saved.
            let saved = try await run { try api.saveRecording(id, into: folder, limits: RecordingLimits(maximumMegabytes: 1)) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [(saved as NSString).lastPathComponent])
        }
    }

    func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-rec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}

/// The last progress value reported, from any thread.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int64 = 0
    func add(_ received: Int64) { lock.lock(); value = received; lock.unlock() }
    var last: Int64 { lock.lock(); defer { lock.unlock() }; return value }
}
