import Foundation
import NIOCore
import Synchronization

/// The far end of a real link: each request reaches the service `latency`
/// (plus up to `jitter`) after it was sent, and its answer takes as long
/// to come back; the first request on a connection pays one more round trip
/// for the connection's set-up. The waits are asynchronous, so a slow
/// answer on one connection holds up no other (`switchboard sim --latency`).
final class WideAreaLink: Sendable {
    let latencyMilliseconds: Double
    let jitterMilliseconds: Double
    private let seen = Mutex(Set<ObjectIdentifier>())
    private let random: Mutex<SeededRandom>

    init(latencyMilliseconds: Double, jitterMilliseconds: Double, seed: UInt64) {
        self.latencyMilliseconds = max(0, latencyMilliseconds)
        self.jitterMilliseconds = max(0, jitterMilliseconds)
        random = Mutex(SeededRandom(seed: seed ^ 0x5EED_1A7E))
    }

    var isActive: Bool { latencyMilliseconds > 0 || jitterMilliseconds > 0 }

    /// The request's way in: one way, and a round trip more on a new connection.
    func arrive(on channel: any Channel) async {
        guard isActive else { return }
        let isNew = seen.withLock { set -> Bool in
            if set.count > 10_000 { set.removeAll() }
            return set.insert(ObjectIdentifier(channel)).inserted
        }
        await wait(oneWay() + (isNew ? oneWay() + oneWay() : 0))
    }

    /// The answer's way back.
    func depart() async {
        guard isActive else { return }
        await wait(oneWay())
    }

    private func oneWay() -> Double {
        let jitter = jitterMilliseconds > 0 ? random.withLock { Double($0.next() % 1_000_000) / 1_000_000 } * jitterMilliseconds : 0
        return latencyMilliseconds + jitter
    }

    private func wait(_ milliseconds: Double) async {
        guard milliseconds > 0 else { return }
        try? await Task.sleep(for: .microseconds(Int64(milliseconds * 1000)))
    }
}
