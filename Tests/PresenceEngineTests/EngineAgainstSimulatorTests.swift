import Foundation
import Logging
import PBXSimulator
import PresenceEngine
import Synchronization
import Testing
import TestSupport

/// The real engine (libcurl, its own thread, the poll state machine)
/// against the real simulator over loopback.
@Suite struct EngineAgainstSimulatorTests {
    func makeEngine(_ sim: PBXSimulator, policy: PollStateMachine.Policy = fastPolicy,
                    _ configure: (inout PresenceEngine.Configuration) -> Void = { _ in }) -> PresenceEngine {
        var configuration = PresenceEngine.Configuration()
        configuration.policy = policy
        configure(&configuration)
        return PresenceEngine(server: sim.address, credentials: sim.demoCredentials, configuration: configuration,
                              logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Back-offs shortened so failure paths run in milliseconds.
    static var fastPolicy: PollStateMachine.Policy {
        var policy = PollStateMachine.Policy()
        policy.backoffBaseSeconds = 0.01
        policy.conflictBackoffSeconds = 0.01
        return policy
    }

    func isLive(_ engine: PresenceEngine) -> Bool { engine.mailbox.latest().health == .live }

    /// Logins the simulator saw (from the poll or the service thread: either
    /// may be first to notice a lost session, and both share the new one).
    func logins(_ sim: PBXSimulator) async throws -> Int {
        let log = try await SimClient(sim).get("/_sim/requests").bodyText
        return log.components(separatedBy: "/appserver/rest/user/null").count - 1
    }

    /// How many times the engine has said "refused" from now on.
    func refusalsCounted(_ engine: PresenceEngine) -> @Sendable () -> Int {
        let refusals = Mutex(0)
        engine.onEvents { events in
            refusals.withLock { $0 += events.filter { if case .healthChanged(.refused) = $0 { true } else { false } }.count }
        }
        return { refusals.withLock { $0 } }
    }

    /// After `loseSession`: a new login, and changes flowing again, never
    /// said to be refused (the threads that meet the loss together log in
    /// once: a second login could leave a request on neither session).
    func expectRecovered(_ sim: PBXSimulator, _ engine: PresenceEngine, ring number: String,
                         after loseSession: () -> Void) async throws {
        let refusals = refusalsCounted(engine)
        loseSession()
        try await waitUntil("a new login") { try await logins(sim) >= 2 }
        sim.ring(number, from: "15550009999")
        try await waitUntil("changes flowing again") { engine.mailbox.latest().extensions[number]?.isRinging == true && isLive(engine) }
        #expect(engine.mailbox.latest().extensions.count == sim.account.extensions.count)
        #expect(refusals() == 0)
    }

    @Test(arguments: AnswerShape.allCases)
    func firstSnapshotMatchesTheSimulatorsState(shape: AnswerShape) async throws {
        try await withSimulator({ $0.shape = shape }) { sim in
            let ringing = sim.account.extensions[3].number
            sim.ring(ringing, from: "15557852675", callerName: "Jane Doe")
            let engine = makeEngine(sim)
            engine.start()
            defer { engine.stop() }
            try await waitUntil("a live first snapshot") { isLive(engine) && !engine.mailbox.latest().extensions.isEmpty }
            let snapshot = engine.mailbox.latest()
            #expect(snapshot.extensionsByNumber.map(\.number) == sim.account.extensions.map(\.number))
            #expect(snapshot.extensionsByNumber.map(\.name) == sim.account.extensions.map(\.name))
            let state = try #require(snapshot.extensions[ringing])
            #expect(state.isRinging)
            #expect(state.direction == .inbound)
            #expect(state.onCallWith == "15557852675")
            #expect(snapshot.extensions.values.filter(\.isBusy).count == 1)
            #expect(snapshot.lastGoodUpdate != nil)
        }
    }

    @Test(arguments: AnswerShape.allCases)
    func aDiffMergesWithoutLosingTheOtherExtensions(shape: AnswerShape) async throws {
        try await withSimulator({ $0.shape = shape }) { sim in
            let engine = makeEngine(sim)
            engine.start()
            defer { engine.stop() }
            try await waitUntil("the first snapshot") { !engine.mailbox.latest().extensions.isEmpty }
            try await waitUntil("the long poll to be held") { sim.pendingPolls == 1 }
            let target = sim.account.extensions[7].number
            sim.ring(target, from: "442079460018")
            try await waitUntil("the diff") { engine.mailbox.latest().extensions[target]?.isRinging == true }
            let snapshot = engine.mailbox.latest()
            #expect(snapshot.extensions.count == sim.account.extensions.count)
            #expect(snapshot.extensionsByNumber.map(\.name) == sim.account.extensions.map(\.name))
            #expect(engine.mailbox.latestCounters().changed >= 2)

            sim.hangUp(target)
            try await waitUntil("the hang-up") { engine.mailbox.latest().extensions[target]?.isBusy == false }
            #expect(engine.mailbox.latest().extensions.count == sim.account.extensions.count)
        }
    }

    @Test func unchangedPollsKeepTheBoardLiveAndTheStateAsItWas() async throws {
        try await withSimulator({ $0.pollBlockSeconds = 0.2 }) { sim in
            let engine = makeEngine(sim)
            engine.start()
            defer { engine.stop() }
            try await waitUntil("the first snapshot") { !engine.mailbox.latest().extensions.isEmpty }
            let before = engine.mailbox.latest()
            try await waitUntil("two 304 answers") { engine.mailbox.latestCounters().unchanged >= 2 }
            let after = engine.mailbox.latest()
            #expect(after.health == .live)
            #expect(after.extensions.mapValues(\.visibleState) == before.extensions.mapValues(\.visibleState))
            #expect(engine.mailbox.latestCounters().changed == 1)
            #expect(after.lastGoodUpdate! >= before.lastGoodUpdate!)
        }
    }

    @Test func conflictsBackOffThenThePollCarriesOn() async throws {
        try await withSimulator({ $0.pollBlockSeconds = 0.2 }) { sim in
            sim.injectDashuiFaults([.conflict, .conflict])
            let engine = makeEngine(sim)
            engine.start()
            defer { engine.stop() }
            try await waitUntil("recovery after two 409s") {
                engine.mailbox.latestCounters().conflicts == 2 && isLive(engine)
                    && !engine.mailbox.latest().extensions.isEmpty
            }
            // Two 409s are below the re-login threshold: still the first session.
            #expect(engine.mailbox.latestCounters().logins == 1)
        }
    }

    @Test func repeatedConflictsStartAFreshSession() async throws {
        try await withSimulator({ $0.pollBlockSeconds = 0.2 }) { sim in
            let engine = makeEngine(sim)
            engine.start()
            defer { engine.stop() }
            try await waitUntil("the first snapshot") { !engine.mailbox.latest().extensions.isEmpty }
            sim.injectDashuiFaults([.conflict, .conflict, .conflict])
            try await waitUntil("a new login after three 409s") {
                engine.mailbox.latestCounters().logins == 2 && isLive(engine)
            }
            #expect(engine.mailbox.latestCounters().conflicts == 3)
        }
    }

    @Test func anExpiredSessionLogsInAgainAndRestartsWithAFirstRequest() async throws {
        try await withSimulator({ $0.pollBlockSeconds = 0.2 }) { sim in
            let engine = makeEngine(sim)
            engine.start()
            defer { engine.stop() }
            try await waitUntil("the first snapshot") { !engine.mailbox.latest().extensions.isEmpty }
            try await expectRecovered(sim, engine, ring: sim.account.extensions[5].number) { sim.expireSessions() }
        }
    }

    @Test func aLostLoadBalancerCookieLogsInAgain() async throws {
        try await withSimulator({ $0.pollBlockSeconds = 0.2 }) { sim in
            let engine = makeEngine(sim)
            engine.start()
            defer { engine.stop() }
            try await waitUntil("the first snapshot") { !engine.mailbox.latest().extensions.isEmpty }
            try await expectRecovered(sim, engine, ring: sim.account.extensions[6].number) { sim.control.rotateBalancerCookies() }
        }
    }

    /// Forty balancer rotations in a row, with the refresh lanes busy
    /// (every half second) so they meet each loss beside the long poll:
    /// each costs a login and is never said to be a refusal.
    @Test func everyLostBalancerCookieIsOneLoginAndNoRefusal() async throws {
        try await withSimulator({ $0.pollBlockSeconds = 0.2 }) { sim in
            let engine = makeEngine(sim) { configuration in
                configuration.policy.minimumPollGapSeconds = 0.05
                configuration.refreshSeconds = 0.5
                configuration.maxRequestsPerMinute = 60_000
            }
            let refusals = refusalsCounted(engine)
            engine.start()
            defer { engine.stop() }
            let number = sim.account.extensions[6].number
            func shown(ringing: Bool) -> Bool { engine.mailbox.latest().extensions[number]?.isRinging == ringing && isLive(engine) }
            try await waitUntil("live, with a long poll held") { shown(ringing: false) && sim.pendingPolls > 0 }
            var loginsEach: [Int] = []
            for rotation in 1...40 {
                let rotated = Date()
                sim.control.rotateBalancerCookies()
                sim.ring(number, from: "15550009999")
                try await waitUntil("the ring after rotation \(rotation)") { shown(ringing: true) }
                sim.hangUp(number)
                // A long poll held again: the next rotation meets a session
                // that has held one, as a real one would.
                try await waitUntil("the hang-up after rotation \(rotation)") { shown(ringing: false) && sim.pendingPolls > 0 }
                loginsEach.append(sim.requests(since: rotated).filter { $0.contains(VonageClient.loginPath) }.count)
            }
            #expect(refusals() == 0)
            #expect(loginsEach == Array(repeating: 1, count: 40))
        }
    }

    /// A lane that meets a lost session logs in for every thread
    /// (`SessionGate`); the long poll then starts the new session with a
    /// first request, as the service asks, and logs in no second time.
    @Test func aSessionALaneMadeIsStartedWithAFirstRequest() async throws {
        // The poll is held until the ring below lets it go, so the lane's
        // login comes while it is out.
        try await withSimulator({ $0.pollBlockSeconds = 20 }) { sim in
            let engine = makeEngine(sim)
            engine.start()
            defer { engine.stop() }
            try await waitUntil("live, with a long poll held") { isLive(engine) && sim.pendingPolls > 0 }
            let rotated = Date()
            sim.control.rotateBalancerCookies()
            let directoryRead = Mutex<Bool?>(nil)
            engine.submit { services in
                let read = (try? services.directory()) != nil
                directoryRead.withLock { $0 = read }
            }
            try await waitUntil("the directory read again after a login") { directoryRead.withLock { $0 } != nil }
            #expect(directoryRead.withLock { $0 } == true)
            let number = sim.account.extensions[4].number
            sim.ring(number, from: "15550009999")
            // The log is in the order answered: the held poll, then the next.
            func polls(after lines: [String]) -> [String] {
                lines.drop { !$0.contains(VonageClient.loginPath) }.filter { $0.contains(VonageClient.dashuiPath) }
            }
            let requests = try await waitUntil("the poll's next request after the login", reading: { sim.requests(since: rotated) }) {
                polls(after: $0).count >= 2
            }
            #expect(requests.filter { $0.contains(VonageClient.loginPath) }.count == 1, "\(requests)")
            #expect(polls(after: requests)[1].contains("firstRequest=true"), "\(requests)")
            #expect(!requests.contains { $0.contains(VonageClient.dashuiPath) && $0.hasSuffix("-> 403") }, "\(requests)")
            try await waitUntil("the ring seen, live") { engine.mailbox.latest().extensions[number]?.isRinging == true && isLive(engine) }
        }
    }

    @Test func malformedJSONKeepsTheLastGoodStateAndRecovers() async throws {
        try await withSimulator({ $0.pollBlockSeconds = 0.2 }) { sim in
            let engine = makeEngine(sim)
            engine.start()
            defer { engine.stop() }
            try await waitUntil("the first snapshot") { !engine.mailbox.latest().extensions.isEmpty }
            sim.injectDashuiFaults([.malformedJSON])
            try await waitUntil("the decode error and recovery") {
                engine.mailbox.latestCounters().decodeErrors == 1 && isLive(engine)
            }
            #expect(engine.mailbox.latest().extensions.count == sim.account.extensions.count)
        }
    }

    @Test func serverErrorsShowReconnectingThenLive() async throws {
        try await withSimulator({ $0.pollBlockSeconds = 0.2 }) { sim in
            var policy = Self.fastPolicy
            policy.backoffBaseSeconds = 0.2
            let engine = makeEngine(sim, policy: policy)
            engine.start()
            defer { engine.stop() }
            try await waitUntil("the first snapshot") { !engine.mailbox.latest().extensions.isEmpty }
            sim.injectDashuiFaults([.status(500), .status(503)])
            try await waitUntil("reconnecting") {
                if case .reconnecting = engine.mailbox.latest().health { return true }
                return false
            }
            try await waitUntil("live again") { engine.mailbox.latestCounters().serverErrors == 2 && isLive(engine) }
        }
    }

    /// What a listener read from the mailbox when it was told of a health.
    final class HealthSightings: Sendable {
        struct Sighting { let health: ConnectionHealth; let extensions: Int; let lastGoodUpdate: Date?; let at: Date }
        private let list = Mutex<[Sighting]>([])
        func add(_ sighting: Sighting) { list.withLock { $0.append(sighting) } }
        var all: [Sighting] { list.withLock { $0 } }
    }

    /// A listener told "live" reads the answer that made it live: at the
    /// start not an empty board, after an outage not the states from before
    /// it (the journal plans its history reads from `lastCallTime` then).
    @Test func theHealthSaysLiveWithTheAnswerThatMadeItLive() async throws {
        try await withSimulator({ $0.pollBlockSeconds = 0.2 }) { sim in
            let engine = makeEngine(sim)
            let sightings = HealthSightings()
            engine.onEvents { events in
                for case .healthChanged(let health) in events {
                    let snapshot = engine.mailbox.latest()
                    sightings.add(.init(health: health, extensions: snapshot.extensions.count, lastGoodUpdate: snapshot.lastGoodUpdate, at: Date()))
                }
            }
            engine.start()
            defer { engine.stop() }
            let first = try await waitUntil("live", reading: { sightings.all.first { $0.health == .live } }) { $0 != nil }
            #expect(first?.extensions == sim.account.extensions.count, "live was said over an empty board")
            sim.injectDashuiFaults([.status(500), .status(503)])
            let sighting = try await waitUntil("live after the outage", reading: { () -> (HealthSightings.Sighting, HealthSightings.Sighting)? in
                let all = sightings.all
                guard let down = all.firstIndex(where: { $0.health != .live && $0.health != .connecting }),
                      let live = all[down...].first(where: { $0.health == .live }) else { return nil }
                return (all[down], live)
            }) { $0 != nil }
            let (down, live) = try #require(sighting)
            let answered = try #require(live.lastGoodUpdate, "live with no answer at all")
            #expect(answered >= down.at, "live was said over the states from before the outage")
        }
    }

    @Test func wrongPasswordShowsLoginRefused() async throws {
        try await withSimulator { sim in
            let wrong = FixedCredentials(Credentials(user: Account.demoLogin, password: Secret("wrong")))
            let engine = PresenceEngine(server: sim.address, credentials: wrong,
                                        logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            engine.start()
            defer { engine.stop() }
            try await waitUntil("login refused") {
                if case .loginFailed(let reason) = engine.mailbox.latest().health { return reason == "USER NOT LOGGED IN" }
                return false
            }
        }
    }

    /// Stop does not wait out the hold: the poll is held 10 minutes (past
    /// the engine's own poll timeout too), and stop must return within the
    /// usual deadline for an event. How long it took is printed, not judged:
    /// on a loaded machine a time says as much about the machine.
    @Test func stopCancelsAHeldLongPollPromptly() async throws {
        try await withSimulator({ $0.pollBlockSeconds = 600 }) { sim in
            let engine = makeEngine(sim)
            engine.start()
            try await waitUntil("the long poll to be held") { sim.pendingPolls == 1 }
            let started = ContinuousClock.now
            let stopped = DoneFlag()
            Thread.detachNewThread {
                engine.stop()
                stopped.set()
            }
            try await waitUntil("stop to return while the poll is held") { stopped.isSet }
            print("engine stop with a held long poll: \(ContinuousClock.now - started)")
        }
    }
}

@Suite struct AccountNameTests {
    @Test func theAccountNameFromTheLoginAnswerReachesTheSnapshot() async throws {
        try await withSimulator { sim in
            let engine = PresenceEngine(server: sim.address, credentials: sim.demoCredentials,
                                        logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            engine.start()
            defer { engine.stop() }
            try await waitUntil("the account name") { engine.mailbox.latest().accountName == sim.account.companyName }
        }
    }
}

/// Set once, from any thread.
final class DoneFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
