import Synchronization

/// Answers set by hand for one path (`POST /_sim/answers?path=…` with the
/// body): a capture of a real service's answer, or a test's made-up one,
/// served as it is instead of the living PBX's. Login and sessions still
/// apply; for live status only the first request (`firstRequest=true`) is
/// answered from here, so a board's long poll still waits.
final class CannedAnswers: Sendable {
    private let bodies = Mutex<[String: [UInt8]]>([:])
    /// As large as the client takes (a capture of a huge account fits).
    static let maximumBytes = 64 << 20

    func set(_ body: [UInt8]?, for path: String) {
        bodies.withLock { $0[Self.key(path)] = body }
    }

    func body(for path: String) -> [UInt8]? {
        bodies.withLock { $0.isEmpty ? nil : $0[Self.key(path)] }
    }

    func clear() { bodies.withLock { $0.removeAll() } }

    /// Paths compare without a trailing slash.
    static func key(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}
