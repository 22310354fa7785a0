import PresenceEngine
import Synchronization

/// Messages from the engine's service thread (a call placed, a refusal)
/// for the UI thread, which wakes on the pipe and shows them.
final class NoticeBox: Sendable {
    struct Posted: Sendable {
        var text: String
        var isError: Bool
    }

    private let pending = Mutex<[Posted]>([])
    let wakePipe = WakePipe()

    func post(_ text: String, isError: Bool) {
        pending.withLock { $0.append(Posted(text: text, isError: isError)) }
        wakePipe.signal()
    }

    func take() -> [Posted] {
        pending.withLock { list in
            defer { list.removeAll() }
            return list
        }
    }
}
