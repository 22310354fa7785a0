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

    public var isLive: Bool { self == .live }
}
