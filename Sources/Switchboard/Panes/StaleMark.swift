import Foundation
import PresenceEngine

/// The mark a pane's title carries while what it shows may be old, so a
/// glance at any pane (not only the header) tells the data is not current.
enum StaleMark {
    /// Extensions come from the long poll: stale while it is not live.
    static func extensions(_ snapshot: PresenceSnapshot, timeZone: TimeZone) -> String? {
        switch snapshot.health {
        case .connecting, .live: return nil
        case .reconnecting, .stale, .loginFailed, .refused: return snapshot.lastGoodUpdate.map { text(since: $0, timeZone: timeZone) }
        }
    }

    /// Queues and bridges come from their own services: stale while those
    /// do not answer.
    static func services(_ snapshot: PresenceSnapshot, timeZone: TimeZone) -> String? {
        guard let since = snapshot.servicesFailingSince else { return nil }
        return since == .distantPast ? "not updated" : text(since: since, timeZone: timeZone)
    }

    /// One queue's or bridge's figures, older than the rest may be; nil
    /// when the pane's own mark (`paneMark`) already says it of them all.
    static func item(since: Date?, paneMark: String?, timeZone: TimeZone) -> String? {
        guard paneMark == nil else { return nil }
        return since.map { text(since: $0, timeZone: timeZone) }
    }

    private static func text(since: Date, timeZone: TimeZone) -> String {
        "stale · as of \(ClockText.time(since, timeZone: timeZone))"
    }
}
