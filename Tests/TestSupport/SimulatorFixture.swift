import PBXSimulator
import PresenceEngine

/// Runs `body` against a freshly started simulator, and stops it after.
public func withSimulator<Value: Sendable>(
    _ configure: (inout SimulatorConfiguration) -> Void = { _ in },
    _ body: (PBXSimulator) async throws -> Value
) async throws -> Value {
    var configuration = SimulatorConfiguration()
    configuration.traffic = false  // tests drive the PBX by hand unless they ask
    configuration.historyDays = 0  // and start with an empty history
    configure(&configuration)
    let simulator = PBXSimulator(configuration: configuration)
    try await simulator.start()
    do {
        let value = try await body(simulator)
        await simulator.stop()
        return value
    } catch {
        await simulator.stop()
        throw error
    }
}

public extension PBXSimulator {
    var address: ServerAddress { .loopback(port: port ?? 0) }

    var demoCredentials: FixedCredentials {
        FixedCredentials(Credentials(user: Account.demoLogin, password: Secret(Account.demoPassword)))
    }
}
