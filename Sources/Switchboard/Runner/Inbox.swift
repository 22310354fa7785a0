import PresenceEngine
import Synchronization

/// Events from the engine's lanes (a call placed, a refusal, a
/// history page, a saved recording) for the UI thread, which wakes on the
/// pipe and feeds them to the reducer.
final class Inbox: Sendable {
    private let pending = Mutex<[AppEvent]>([])
    let wakePipe = WakePipe()

    func post(_ event: AppEvent) {
        pending.withLock { $0.append(event) }
        wakePipe.signal()
    }

    func take() -> [AppEvent] {
        pending.withLock { list in
            defer { list.removeAll() }
            return list
        }
    }
}
