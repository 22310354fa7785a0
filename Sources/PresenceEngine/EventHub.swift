import Synchronization

/// Hands engine events to every listener's `AsyncStream`.
final class EventHub: Sendable {
    private let listeners = Mutex<[Int: AsyncStream<EngineEvent>.Continuation]>([:])
    private let nextId = Mutex(0)
    /// Handlers called with each batch, in order, on the engine's thread
    /// (under the store's lock): they must only hand the events on.
    private let handlers = Mutex<[@Sendable ([EngineEvent]) -> Void]>([])

    func listen(_ handler: @escaping @Sendable ([EngineEvent]) -> Void) {
        handlers.withLock { $0.append(handler) }
    }

    func stream() -> AsyncStream<EngineEvent> {
        let id = nextId.withLock { value -> Int in
            value += 1
            return value
        }
        // A slow listener loses the oldest events rather than growing memory.
        let (stream, continuation) = AsyncStream<EngineEvent>.makeStream(bufferingPolicy: .bufferingNewest(50_000))
        continuation.onTermination = { [weak self] _ in
            _ = self?.listeners.withLock { $0.removeValue(forKey: id) }
        }
        listeners.withLock { $0[id] = continuation }
        return stream
    }

    func emit(_ events: [EngineEvent]) {
        guard !events.isEmpty else { return }
        for handler in handlers.withLock({ $0 }) { handler(events) }
        let current = listeners.withLock { Array($0.values) }
        for continuation in current {
            for event in events { continuation.yield(event) }
        }
    }

    func finish() {
        let current = listeners.withLock { listeners -> [AsyncStream<EngineEvent>.Continuation] in
            defer { listeners.removeAll() }
            return Array(listeners.values)
        }
        for continuation in current { continuation.finish() }
    }
}
