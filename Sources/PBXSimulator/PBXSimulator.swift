import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// The simulated Vonage service: a generated account, a living PBX and its
/// HTTP API on a loopback port. `switchboard --demo`, `switchboard sim` and
/// the tests all run this same code.
public final class PBXSimulator: Sendable {
    public let configuration: SimulatorConfiguration
    public let account: Account
    public let pbx: PBX
    public let clock: SimulatedClock
    /// Calls, Do Not Disturb, queues, bridges, faults and sessions by hand.
    public let control: SimulatorControls
    private let sessions: SessionRegistry
    private let faults: FaultPlan
    private let requestLog = RequestLog()
    private let logger: Logger
    private let running = Mutex<Running>(Running())

    private struct Running: Sendable {
        var port: Int?
        var server: Task<Void, any Error>?
        var group: ServiceGroup?
        var traffic: Task<Void, Never>?
    }
    /// Set while stopping: held long polls and hangs answer at once.
    private let stopping = StopFlag()

    public enum StartError: Error, CustomStringConvertible {
        case couldNotBind(String)
        public var description: String {
            switch self {
            case .couldNotBind(let why): return "simulator could not listen: \(why)"
            }
        }
    }

    public init(configuration: SimulatorConfiguration = SimulatorConfiguration(), logger: Logger? = nil) {
        self.configuration = configuration
        self.account = Account.generate(extensionCount: configuration.extensionCount, seed: configuration.seed)
        self.pbx = PBX(account: account, historyLimit: configuration.historyLimit)
        self.clock = SimulatedClock(speed: configuration.speed)
        self.sessions = SessionRegistry(idleSeconds: configuration.sessionIdleSeconds)
        self.faults = FaultPlan(profile: configuration.chaos, seed: configuration.seed)
        self.control = SimulatorControls(pbx: pbx, sessions: sessions, faults: faults, clock: clock)
        self.logger = logger ?? Logger(label: "pbx-simulator", factory: { _ in SwiftLogNoOpLogHandler() })
        let delay = Int64(configuration.recordingDelaySeconds * 1000)
        let blocked = configuration.internationalBlocked
        let now = clock.nowMs()
        let backHistory = BackHistory.generate(account: account, days: configuration.historyDays, endingAtMs: now, seed: configuration.seed,
                                               timeZone: .current, limit: configuration.historyLimit)
        pbx.mutate { state in
            for record in backHistory { state.append(record) }
            state.recordingDelayMs = delay
            state.internationalBlocked = blocked
            state.nowMs = now
        }
    }

    /// The bound port, once started.
    public var port: Int? { running.withLock { $0.port } }

    public var baseURL: String { "http://\(configuration.host):\(port ?? 0)" }

    /// The requests served since `time`, oldest first, one line each
    /// (seconds after `time`, method, target, status, fault): what a test
    /// prints when the board did not do what it expected.
    public func requests(since time: Date) -> [String] {
        requestLog.newestFirst.filter { $0.time >= time }.reversed().map { entry in
            String(format: "%+.3f ", entry.time.timeIntervalSince(time)) + "\(entry.method) \(entry.target) -> "
                + (entry.status == 0 ? "dropped" : String(entry.status)) + (entry.fault.map { " [\($0)]" } ?? "")
        }
    }

    /// Starts serving and generating traffic; returns the bound port.
    @discardableResult
    public func start() async throws -> Int {
        let server = SimulatorServer(account: account, pbx: pbx, sessions: sessions, faults: faults, requestLog: requestLog,
                                     configuration: configuration, clock: clock, logger: logger, timeZone: .current,
                                     baseURL: { [weak self] in self?.baseURL ?? "" }, control: control, stopping: stopping,
                                     link: WideAreaLink(latencyMilliseconds: configuration.latencyMilliseconds,
                                                        jitterMilliseconds: configuration.jitterMilliseconds, seed: configuration.seed),
                                     canned: CannedAnswers())
        let bound = PortPromise()
        let app = Application(
            router: server.router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "pbx-sim"),
            onServerRunning: { channel in bound.fulfil(.success(channel.localAddress?.port ?? 0)) },
            logger: logger)
        // Run under a service group so stopping is graceful: cancelling a
        // server with connections still open trips an assertion in NIO.
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let serverTask = Task {
            do {
                try await group.run()
            } catch {
                bound.fulfil(.failure(StartError.couldNotBind("\(error)")))
                throw error
            }
        }
        running.withLock {
            $0.server = serverTask
            $0.group = group
        }
        let port = try await bound.value()
        running.withLock { $0.port = port }
        if configuration.traffic { startTraffic() }
        logger.info("simulator listening", metadata: ["port": "\(port)", "extensions": "\(account.extensions.count)"])
        return port
    }

    /// Stops traffic and the server, ending any held long polls.
    public func stop() async {
        let (server, group, traffic) = running.withLock { running in
            defer { running.server = nil; running.group = nil; running.traffic = nil }
            return (running.server, running.group, running.traffic)
        }
        traffic?.cancel()
        stopping.set()
        pbx.releaseWaiters()
        await group?.triggerGracefulShutdown()
        // A request that will not finish (a trickle to a client that stopped
        // reading) must not hold the stop forever.
        let watchdog = Task {
            try? await Task.sleep(for: .seconds(10))
            if !Task.isCancelled { server?.cancel() }
        }
        _ = await server?.result
        watchdog.cancel()
        await traffic?.value
    }

    /// Ticks the generator at whole simulated seconds, so the events of a
    /// seed do not depend on how punctually the timer fires.
    private func startTraffic() {
        let pbx = self.pbx
        let clock = self.clock
        let tickMs = Int64(configuration.tickSeconds * 1000)
        var generator = TrafficGenerator(seed: configuration.seed)
        let task = Task {
            let startMs = clock.nowMs()
            var tick: Int64 = 0
            while !Task.isCancelled {
                tick += 1
                let dueMs = startMs + tick * tickMs
                let waitMs = Double(dueMs - clock.nowMs()) / clock.speed
                if waitMs > 0 { try? await Task.sleep(for: .milliseconds(Int64(waitMs.rounded(.up)))) }
                // A slow machine catches up a few ticks at a time instead of drifting.
                pbx.mutate { state in
                    if !state.trafficPaused { generator.tick(&state, nowMs: dueMs) }
                }
            }
        }
        running.withLock { $0.traffic = task }
    }

    // MARK: Shortcuts for tests

    public var pendingPolls: Int { sessions.pendingPolls }

    /// Serves these faults to the next dashui requests, one each.
    public func injectDashuiFaults(_ list: [Fault]) { control.injectFaults(list, for: .dashui) }

    public func expireSessions() { control.expireSessions() }

    /// Starts a ringing inbound call on `number` from `caller`; returns its id.
    @discardableResult
    public func ring(_ number: String, from caller: String, callerName: String? = nil) -> CallID {
        control.startCall(CallRequest(extension: number, otherNumber: caller, otherName: callerName)) ?? ""
    }

    /// Ends every call on `number`.
    public func hangUp(_ number: String) {
        let ids = pbx.read { $0.line(number)?.calls.map(\.id) ?? [] }
        for id in ids { _ = control.endCall(id) }
    }
}

/// A one-way flag: set once, read from anywhere.
final class StopFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}

/// The port reported by `onServerRunning`, or the error that stopped the
/// server first; whichever comes first wins.
private final class PortPromise: Sendable {
    private let state = Mutex<(result: Result<Int, any Error>?, waiter: CheckedContinuation<Int, any Error>?)>((nil, nil))

    func fulfil(_ result: Result<Int, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<Int, any Error>? in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: result)
    }

    func value() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { state -> Result<Int, any Error>? in
                if state.result == nil { state.waiter = continuation }
                return state.result
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
