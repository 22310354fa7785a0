import Foundation
import Logging
import PBXSimulator
import PresenceEngine
import Testing
import TestSupport

/// Whatever the network did, once it behaves the engine shows exactly what
/// the simulator holds.
@Suite(.tags(.endToEnd)) struct ConvergenceTests {
    static var fastPolicy: PollStateMachine.Policy {
        var policy = PollStateMachine.Policy()
        policy.backoffBaseSeconds = 0.02
        policy.backoffCapSeconds = 0.5
        policy.conflictBackoffSeconds = 0.02
        policy.loginRefusedRetrySeconds = 0.5
        return policy
    }

    func engine(_ sim: PBXSimulator, refreshSeconds: Double = 5) -> PresenceEngine {
        var configuration = PresenceEngine.Configuration()
        configuration.policy = Self.fastPolicy
        configuration.refreshSeconds = refreshSeconds
        return PresenceEngine(server: sim.address, credentials: sim.demoCredentials, configuration: configuration,
                              logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// The simulator's own state, as a fresh client reads it.
    /// The simulator's own state, read as a client; nil when the answer was
    /// one the chaos spoiled just before it was turned off (asked again).
    func simulatorView(_ sim: PBXSimulator) async throws -> [String: String]? {
        let client = SimClient(sim)
        guard (try? await client.login()) != nil,
              let response = try? await client.get("/presence/dashui", query: [("firstRequest", "true")]),
              let answer = try? DashuiDecoder.decode(response.body, receivedAt: .zero) else { return nil }
        return Dictionary(uniqueKeysWithValues: answer.extensions.map { ($0.number, $0.visibleState) })
    }

    /// Stops the chaos and the traffic, then waits until the engine's view equals the simulator's.
    func expectConvergence(_ sim: PBXSimulator, _ engine: PresenceEngine) async throws {
        sim.control.setChaos(.none)
        sim.control.pauseTraffic(true)
        var expected: [String: String] = [:]
        // Long enough for a hung answer (up to 40 s) to come back first.
        try await waitUntil("the engine to converge on the simulator's state", within: .seconds(75)) {
            guard let view = try await simulatorView(sim) else { return false }
            expected = view
            let snapshot = engine.mailbox.latest()
            // A name read with U+FFFD (bytes that were not UTF-8) stays until
            // the service sends that extension again, as a real one would with
            // its real name: a change makes it.
            for spoiled in snapshot.extensions.values where spoiled.name.contains("\u{FFFD}") {
                _ = sim.control.setDoNotDisturb(spoiled.number, true)
                _ = sim.control.setDoNotDisturb(spoiled.number, false)
            }
            return snapshot.health == .live && snapshot.extensions.mapValues(\.visibleState) == expected
        }
        #expect(engine.mailbox.latest().extensions.count == sim.account.extensions.count)
    }

    static let faults: [Fault] = [
        .status(500), .status(503), .dropBeforeResponse, .dropMidBody, .hang(seconds: 1), .conflict, .expireSession,
        .malformedJSON, .invalidUTF8, .truncatedBody, .hugeBody(bytes: 70_000_000), .trickle(bytesPerSecond: 20_000),
    ]

    @Test(arguments: faults)
    func theEngineRecoversFromEachFault(fault: Fault) async throws {
        try await withSimulator({ $0.traffic = true; $0.speed = 10; $0.pollBlockSeconds = 0.5 }) { sim in
            let engine = engine(sim)
            engine.start()
            defer { engine.stop() }
            try await waitUntil("live") { engine.mailbox.latest().health == .live }
            sim.control.injectFaults([fault, fault], for: .dashui)
            sim.control.injectFaults([fault], for: .rest)
            sim.ring(sim.account.extensions[0].number, from: "15550001234")
            try await waitUntil("the faults to be served") { sim.control.pendingFaults == 0 }
            try await expectConvergence(sim, engine)
        }
    }

    @Test func theEngineConvergesAfterTheHostileProfile() async throws {
        let seconds = Double(ProcessInfo.processInfo.environment["SWITCHBOARD_HOSTILE_SECONDS"] ?? "") ?? 15
        try await withSimulator({ $0.traffic = true; $0.speed = 20; $0.pollBlockSeconds = 1; $0.chaos = .hostile
                                  $0.extensionCount = 100 }) { sim in
            let engine = engine(sim)
            engine.start()
            defer { engine.stop() }
            let start = ContinuousClock.now
            // Hostile for a while: wait for the time to pass while the engine
            // takes the beating, and for what is checked of it: changes taken
            // in, and the chaos really striking (a loaded machine makes fewer
            // requests in the time, so both are waited for, not assumed).
            var changed = 0, faults = 0
            do {
                try await waitUntil("the hostile period to end, with changes taken and faults served", within: .seconds(seconds + 30)) {
                    changed = engine.mailbox.latestCounters().changed
                    faults = sim.control.faultsServed
                    return ContinuousClock.now - start >= .seconds(seconds) && changed > 0 && faults > 0
                }
            } catch {
                Issue.record("after \(ContinuousClock.now - start): \(changed) changes taken, \(faults) faults served")
                throw error
            }
            try await expectConvergence(sim, engine)
        }
    }

    @Test func eventsReportExtensionQueueBridgeAndHealthChanges() async throws {
        try await withSimulator({ $0.pollBlockSeconds = 0.5 }) { sim in
            let engine = engine(sim, refreshSeconds: 0.2)
            let events = engine.events()
            engine.start()
            defer { engine.stop() }
            let seen = EventLog()
            let reader = Task { for await event in events { seen.add(event) } }
            defer { reader.cancel() }
            try await waitUntil("live") { seen.contains { $0 == .healthChanged(.live) } }
            sim.ring("205", from: "15557852675", callerName: "Jane Doe")
            try await waitUntil("the ringing extension") {
                seen.contains { if case .extensionChanged(let state) = $0 { return state.number == "205" && state.isRinging }; return false }
            }
            let queue = sim.account.queues[0].number
            _ = sim.control.pinQueueFigures(queue, QueueFigures(numberOfCalls: 3, callersOnHold: 1, averageWaitTime: 20, agentsAvailable: 1,
                                                                callersWaiting: 3, agentsBusy: 2, agentsLoggedIn: 3, longestWaitTime: 95))
            try await waitUntil("the queue change") {
                seen.contains { if case .queueChanged(let state) = $0 { return state.number == queue && state.callersWaiting == 3 }; return false }
            }
            // The snapshot is published on its own: waited for, not assumed to be out with the event.
            let figures = try await waitUntil("the queue's new figures in the snapshot", reading: { engine.mailbox.latest().queues[queue] }) {
                $0?.callersWaiting == 3
            }
            #expect(figures?.longestWaitSeconds == 95)
            let bridge = sim.account.bridges[0].number
            _ = sim.control.setBridgeParticipants(bridge, ["205", "15551234567"])
            try await waitUntil("the bridge change") {
                seen.contains { if case .bridgeChanged(let state) = $0 { return state.participants == ["205", "15551234567"] }; return false }
            }
            // The directory marks the non-user entry (checked on the snapshot that has it).
            let withDirectory = try await waitUntil("the directory", reading: { engine.mailbox.latest() }) { $0.directory != nil }
            #expect(withDirectory.extensions.values.filter { !$0.isPerson }.count == 1)
        }
    }

    @Test func doNotDisturbReachesTheSnapshot() async throws {
        try await withSimulator({ $0.pollBlockSeconds = 0.5 }) { sim in
            let engine = engine(sim)
            engine.start()
            defer { engine.stop() }
            try await waitUntil("live") { engine.mailbox.latest().health == .live }
            _ = sim.control.setDoNotDisturb("207", true)
            try await waitUntil("207 on Do Not Disturb") { engine.mailbox.latest().extensions["207"]?.doNotDisturb == true }
            _ = sim.control.setDoNotDisturb("207", false)
            try await waitUntil("207 back") { engine.mailbox.latest().extensions["207"]?.doNotDisturb == false }
        }
    }
}

/// Events seen so far, from any thread.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [EngineEvent] = []
    func add(_ event: EngineEvent) { lock.lock(); events.append(event); lock.unlock() }
    func contains(_ predicate: (EngineEvent) -> Bool) -> Bool { lock.lock(); defer { lock.unlock() }; return events.contains(where: predicate) }
}

extension Fault: CustomTestStringConvertible {
    public var testDescription: String { "\(self)" }
}
