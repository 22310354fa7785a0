import Synchronization

/// Faults waiting to be served, one per dashui request, in order.
final class FaultQueue: Sendable {
    private let queue = Mutex<[DashuiFault]>([])

    func append(_ faults: [DashuiFault]) { queue.withLock { $0.append(contentsOf: faults) } }

    func next() -> DashuiFault? {
        queue.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }

    var count: Int { queue.withLock { $0.count } }
}
