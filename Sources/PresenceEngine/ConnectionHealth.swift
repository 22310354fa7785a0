import Foundation

/// How far the board can trust what it shows.
public enum ConnectionHealth: Sendable, Equatable {
    /// Before the first answer.
    case connecting
    /// Long poll answering; the data is current.
    case live
    /// Retrying after failures; the data is as of the last good update.
    case reconnecting(attempt: Int, since: Date)
    /// No good answer for a long time.
    case stale(lastGood: Date?)
    /// The service refused the credentials.
    case loginFailed(reason: String)
    /// The login works but the service refuses `service` (live status)
    /// again and again: a right the user lacks, a cookie for another host.
    case refused(service: String, reason: String)

    public var isLive: Bool { self == .live }

    /// The state as one word, for scripts (`watch`) and the journal.
    public var word: String {
        switch self {
        case .connecting: return "connecting"
        case .live: return "live"
        case .reconnecting: return "reconnecting"
        case .stale: return "stale"
        case .loginFailed: return "login_refused"
        case .refused: return "refused"
        }
    }
}
