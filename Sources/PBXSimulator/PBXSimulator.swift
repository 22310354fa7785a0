import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// The simulated Vonage service: a generated account, a living PBX and its
/// HTTP API on a loopback port. `switchboard --demo`, `switchboard sim` and
/// the tests all run this same code.
public final class PBXSimulator: Sendable {
    public let configuration: SimulatorConfiguration
    public let account: Account
    public let pbx: PBX
    public let clock: SimulatedClock
    private let sessions = SessionRegistry()
    private let faults = FaultQueue()
    private let logger: Logger
    private let running = Mutex<Running>(Running())

    private struct Running: Sendable {
        var port: Int?
        var server: Task<Void, any Error>?
        var traffic: Task<Void, Never>?
    }

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
        self.pbx = PBX(account: account)
        self.clock = SimulatedClock(speed: configuration.speed)
        self.logger = logger ?? Logger(label: "pbx-simulator", factory: { _ in SwiftLogNoOpLogHandler() })
    }

    /// The bound port, once started.
    public var port: Int? { running.withLock { $0.port } }

    public var baseURL: String { "http://\(configuration.host):\(port ?? 0)" }

    /// Starts serving and generating traffic; returns the bound port.
    @discardableResult
    public func start() async throws -> Int {
        let server = SimulatorServer(account: account, pbx: pbx, sessions: sessions, faults: faults,
                                     configuration: configuration, clock: clock, logger: logger)
        let bound = PortPromise()
        let app = Application(
            router: server.router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "pbx-sim"),
            onServerRunning: { channel in bound.fulfil(.success(channel.localAddress?.port ?? 0)) },
            logger: logger)
        let serverTask = Task {
            do {
                try await app.run()
            } catch {
                bound.fulfil(.failure(StartError.couldNotBind("\(error)")))
                throw error
            }
        }
        running.withLock { $0.server = serverTask }
        let port = try await bound.value()
        running.withLock { $0.port = port }
        if configuration.traffic { startTraffic() }
        logger.info("simulator listening", metadata: ["port": "\(port)", "extensions": "\(account.extensions.count)"])
        return port
    }

    /// Stops traffic and the server, ending any held long polls.
    public func stop() async {
        let (server, traffic) = running.withLock { running in
            defer { running.server = nil; running.traffic = nil }
            return (running.server, running.traffic)
        }
        traffic?.cancel()
        server?.cancel()
        _ = await server?.result
        await traffic?.value
    }

    private func startTraffic() {
        let pbx = self.pbx
        let clock = self.clock
        let tick = configuration.tickSeconds / max(0.001, configuration.speed)
        var generator = TrafficGenerator(account: account, seed: configuration.seed)
        let task = Task {
            while !Task.isCancelled {
                pbx.mutate { generator.tick(&$0, nowMs: clock.nowMs()) }
                try? await Task.sleep(for: .milliseconds(Int64(max(1, tick * 1000))))
            }
        }
        running.withLock { $0.traffic = task }
    }

    // MARK: Control, for tests and the chaos API

    /// Serves these faults to the next dashui requests, one each.
    public func injectDashuiFaults(_ list: [DashuiFault]) { faults.append(list) }

    public var pendingFaults: Int { faults.count }

    /// Long polls currently held open.
    public var pendingPolls: Int { sessions.pendingPolls }

    public var sessionCount: Int { sessions.count }

    /// Ends every session: the next request of each client gets a 403.
    public func expireSessions() { sessions.expireAll() }

    /// Starts a ringing inbound call on `number` from `from`; returns its id.
    @discardableResult
    public func ring(_ number: String, from caller: String, callerName: String? = nil) -> Int64 {
        pbx.mutate { state in
            let id = state.makeCallId()
            let now = clock.nowMs()
            state.nowMs = now
            let call = LiveCall(id: id, direction: .inbound, phase: .ringing, otherNumber: caller, otherName: callerName,
                                startedAtMs: now, connectedAtMs: nil, isRecorded: false, startedWithClickToCall: false,
                                nextEventAtMs: .max, peerExtension: nil)
            state.update(number) { $0.calls.append(call) }
            return id
        }
    }

    /// Ends every call on `number`.
    public func hangUp(_ number: String) {
        pbx.mutate { state in state.update(number) { $0.calls.removeAll() } }
    }
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
