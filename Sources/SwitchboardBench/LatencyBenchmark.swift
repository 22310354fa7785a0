import Foundation
import Logging
import PBXSimulator
import PresenceEngine
import Switchboard
import SwitchboardHarness

/// Change to screen: a change made in the simulator until the frame that
/// shows it is drawn, through the real engine (libcurl long poll over
/// loopback) and the board's reducer and renderer.
enum LatencyBenchmark {
    static func run(_ options: BenchOptions, into table: inout ResultTable) {
        let changes = options.int("--changes", default: 300)
        var configuration = SimulatorConfiguration()
        configuration.traffic = false
        configuration.extensionCount = 100
        BenchSimulator.run(configuration, paced: false) { sim, engine in measure(changes: changes, sim: sim, engine: engine, into: &table) }
    }

    private static func measure(changes: Int, sim: PBXSimulator, engine: PresenceEngine, into table: inout ResultTable) {
        engine.start()
        defer { engine.stop() }
        var frames = FrameBench(snapshot: engine.mailbox.latest(), width: 120, height: 40)
        let target = sim.account.extensions[3].number
        // Wait for the first complete snapshot.
        _ = waitFor(engine, &frames) { $0.extensions[target] != nil && $0.health == .live }

        var total: [Double] = []
        var afterAnswer: [Double] = []
        for index in 0..<changes {
            let on = index % 2 == 0
            let start = MonotonicInstant.now()
            _ = sim.control.setDoNotDisturb(target, on)
            guard let snapshot = waitFor(engine, &frames, { $0.extensions[target]?.doNotDisturb == on }) else {
                print("change \(index) never reached the screen"); exit(1)
            }
            let drawn = MonotonicInstant.now()
            let received = snapshot.extensions[target]!.receivedAt
            total.append(Double(drawn.nanoseconds - start.nanoseconds) / 1e6)
            afterAnswer.append(Double(drawn.nanoseconds - received.nanoseconds) / 1e6)
        }
        let all = Measurement(samples: total), ui = Measurement(samples: afterAnswer)
        table.add("change→screen", "total, \(changes) changes", value: String(format: "p50 %.2f ms", all.median),
                  note: String(format: "p99 %.2f ms (includes the long poll's answer over loopback)", all.percentile(0.99)))
        table.add("change→screen", "after the answer arrived", value: String(format: "p50 %.2f ms", ui.median),
                  note: String(format: "p99 %.2f ms, target p99 < 5 ms: decode, fold, mailbox wake-up, reduce, render", ui.percentile(0.99)))
    }

    /// Plays the UI thread: sleeps in poll() on the engine's wake pipe, then
    /// takes the latest snapshot and draws a frame, until `done` holds.
    static func waitFor(_ engine: PresenceEngine, _ frames: inout FrameBench, _ done: (PresenceSnapshot) -> Bool) -> PresenceSnapshot? {
        let deadline = MonotonicInstant.now().adding(seconds: 10)
        while MonotonicInstant.now() < deadline {
            var descriptor = pollfd(fd: engine.mailbox.wakePipe.readDescriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 1000)
            engine.mailbox.wakePipe.drain()
            let snapshot = engine.mailbox.latest()
            frames.update(snapshot)
            frames.frame(now: .now(), wallClock: Date())
            if done(snapshot) { return snapshot }
        }
        return nil
    }
}

/// The simulator in-process and the real engine logged in to it as the demo
/// administrator, for the benchmarks; both stopped after `body`.
enum BenchSimulator {
    /// `paced` false measures the pipeline alone: no pause between long
    /// polls after a change and no request budget (a change that follows
    /// another within a second waits up to a second more on a real board).
    static func run<Value>(_ configuration: SimulatorConfiguration, paced: Bool = true,
                           _ body: (PBXSimulator, PresenceEngine) -> Value) -> Value {
        let sim = PBXSimulator(configuration: configuration)
        let port = try! BlockingTask.run { try await sim.start() }
        defer { BlockingTask.run { await sim.stop() } }
        var engineConfiguration = PresenceEngine.Configuration()
        if !paced {
            engineConfiguration.policy.minimumPollGapSeconds = 0
            engineConfiguration.maxRequestsPerMinute = 100_000
        }
        let engine = PresenceEngine(
            server: .loopback(port: port),
            credentials: FixedCredentials(Credentials(user: Account.demoLogin, password: Secret(Account.demoPassword))),
            configuration: engineConfiguration, logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        return body(sim, engine)
    }
}
