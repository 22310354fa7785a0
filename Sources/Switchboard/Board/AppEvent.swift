import Foundation
import Journal
import PresenceEngine

/// Something that happened to the board. Every event that can lead to a
/// notice carries its time: the reducer reads no clock.
package enum AppEvent: Sendable {
    case key(Key, at: MonotonicInstant = .zero)
    case snapshot(PresenceSnapshot)
    /// A snapshot already measured off the UI thread (`SnapshotPreparer`).
    case digest(SnapshotDigest)
    case resized(width: Int, height: Int)
    /// A message to show for a while.
    case notice(String, isError: Bool, at: MonotonicInstant)
    /// A history page arrived; `older` pages are appended.
    case historyLoaded(extension: String, records: [CallRecord], older: Bool)
    case historyFailed(extension: String, reason: String)
    /// What became of the effects the board asked for.
    case callPlaced(label: String, at: MonotonicInstant)
    case callRefused(label: String, reason: String, at: MonotonicInstant)
    case recordingProgress(receivedBytes: Int64, expectedBytes: Int64?, at: MonotonicInstant)
    case recordingSaved(path: String, at: MonotonicInstant)
    case recordingFailed(reason: String, at: MonotonicInstant)
    case themeChanged(name: String, at: MonotonicInstant)
    case themeFailed(name: String, reason: String, at: MonotonicInstant)
    /// The journal's missed calls, figures and digest, recomputed.
    case journal(JournalSummary)
    /// Quiet hours began (true) or ended (`quiet_hours`; the runner reads the clock).
    case quietHours(Bool)
    /// The next face of a wall's rotation (`rotate`).
    case showFace(BoardFace)
    /// The phonebook file, read (again); its bad lines were skipped.
    case phonebook(Phonebook, problems: [Phonebook.Problem], file: String, at: MonotonicInstant)
}

extension AppEvent {
    /// The message of an event that is only a message: what became of a
    /// call, a recording or a theme.
    var notice: (text: String, isError: Bool, at: MonotonicInstant)? {
        switch self {
        case .notice(let text, let isError, let at): return (text, isError, at)
        case .callPlaced(let label, let at): return ("your phone rings, then \(label)", false, at)
        case .callRefused(let label, let reason, let at): return ("call to \(label) refused: \(reason)", true, at)
        case .recordingProgress(let received, let expected, let at):
            let share = expected.map { " of \($0 / 1024) KB" } ?? ""
            return ("saving… \(received / 1024) KB\(share)", false, at)
        case .recordingSaved(let path, let at): return ("saved \(path)", false, at)
        case .recordingFailed(let reason, let at): return ("recording not saved: \(reason)", true, at)
        case .themeChanged(let name, let at): return ("theme \(name)", false, at)
        case .themeFailed(let name, let reason, let at): return ("theme \(name): \(reason)", true, at)
        case .phonebook(let book, let problems, let file, let at):
            let name = (file as NSString).lastPathComponent
            guard let first = problems.first else { return ("phonebook \(name): \(book.count) numbers", false, at) }
            let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
            return ("phonebook \(name): \(first)\(more), skipped", true, at)
        case .key, .snapshot, .digest, .resized, .historyLoaded, .historyFailed, .journal, .quietHours, .showFace: return nil
        }
    }

    var isSnapshot: Bool {
        switch self {
        case .snapshot, .digest: return true
        default: return false
        }
    }
}

/// Work the board asks its runner to do; the reducer itself does no I/O.
package enum Effect: Equatable, Sendable {
    case quit
    /// Click-to-call `digits`; `label` says who, for the message.
    case call(digits: String, label: String)
    case nextTheme
    /// Fetch history; `before` asks for the page older than that time.
    case loadHistory(extension: String, query: HistoryQuery, before: Date?)
    case saveRecording(id: String, label: String)
    /// `a`: the alarms critical now are acknowledged (the runner's `CriticalWatch`).
    case acknowledgeAlarms
    /// `x` in the missed calls: kept in the journal as handled.
    case markHandled(numberKey: String)
    /// The queues and bridges on screen changed: the engine refreshes
    /// those first (nil: all count as seen, as on the wallboard).
    case refreshFirst(Set<RefreshScheduler.Item>?)
}

