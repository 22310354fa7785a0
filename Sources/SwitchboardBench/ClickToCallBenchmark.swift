import Foundation
import Logging
import PBXSimulator
import PresenceEngine
import Switchboard

/// A key's request on a real link: the simulator 50 ms away each way
/// (`--latency 50`, 100 ms a round trip), the real engine, and a
/// click-to-call submitted while the queue and bridge refresh is busy; the
/// time until the simulator sees the request arrive.
enum ClickToCallBenchmark {
    static func run(_ options: BenchOptions, into table: inout ResultTable) {
        let calls = options.int("--calls", default: 6)
        for size in [20, 1_000, 10_000] {
            let (samples, round) = measure(extensions: size, calls: calls)
            if let round {
                table.add("refresh round", "\(round.items) queues and bridges, \(size) ext, 100 ms round trip", value: String(format: "%.2f s", round.seconds),
                          note: "the first round, from its first request arriving to its last, over \(PresenceEngine.refreshConnections) connections")
            }
            guard !samples.isEmpty else {
                table.add("y → request at the server", "\(size) ext, 100 ms round trip", value: "-", note: "no call reached the simulator")
                continue
            }
            let result = Measurement(samples: samples)
            table.add("y → request at the server", "\(size) ext, 100 ms round trip", result,
                      note: String(format: "first on a new connection %.0f ms; target ≤ 120 ms (one round trip + 20)", samples[0]))
        }
    }

    static func measure(extensions: Int, calls: Int) -> ([Double], (items: Int, seconds: Double)?) {
        var configuration = SimulatorConfiguration()
        configuration.traffic = false
        configuration.historyDays = 0
        configuration.extensionCount = extensions
        configuration.latencyMilliseconds = 50
        return BenchSimulator.run(configuration) { sim, engine in measure(calls: calls, sim: sim, engine: engine) }
    }

    private static func measure(calls: Int, sim: PBXSimulator, engine: PresenceEngine) -> ([Double], (items: Int, seconds: Double)?) {
        let started = Date()
        engine.start()
        defer { engine.stop() }
        // Live, and the refresh round under way.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let live = engine.mailbox.latest().health == .live && engine.mailbox.latest().directory != nil
            if live, sim.requests(since: started).contains(where: { $0.contains("/presence/rest/queue/") }) { break }
            usleep(20_000)
        }
        let extensionsSet = Set(sim.account.extensions.map(\.number))
        let number = sim.account.extensions[0].number
        var samples: [Double] = []
        for _ in 0..<calls {
            let submitted = Date()
            engine.submit { services in _ = try? services.clickToCall(number, extensions: extensionsSet) }
            let until = Date().addingTimeInterval(10)
            while Date() < until {
                if let line = sim.requests(since: submitted).first(where: { $0.contains("/presence/rest/clicktocall/") }),
                   let seconds = Double(line.split(separator: " ").first ?? "") {
                    samples.append(seconds * 1000)
                    break
                }
                usleep(2_000)
            }
            usleep(300_000)
        }
        return (samples, firstRound(sim, since: started))
    }

    /// How long the first refresh round took, from the simulator's log.
    static func firstRound(_ sim: PBXSimulator, since start: Date) -> (items: Int, seconds: Double)? {
        let items = sim.account.queues.count + sim.account.bridges.count
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let times = sim.requests(since: start).filter { $0.contains("/presence/rest/queue/") || $0.contains("/presence/rest/conference/") }
                .compactMap { Double($0.split(separator: " ").first ?? "") }
            if times.count >= items, let first = times.first { return (items, times[items - 1] - first) }
            usleep(50_000)
        }
        return nil
    }
}
