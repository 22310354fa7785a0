import Foundation
import Synchronization

/// The last requests served, for the control API and `--verbose`, with
/// passwords masked wherever they appeared.
final class RequestLog: Sendable {
    struct Entry: Sendable {
        var time: Date
        var method: String
        /// Path and query, the password masked.
        var target: String
        var status: Int
        var fault: String?
    }

    private let entries = Mutex(BoundedLog<Entry>(limit: 1000))

    func append(_ entry: Entry) { entries.withLock { $0.append(entry) } }

    var newestFirst: [Entry] { entries.withLock { Array($0.newestFirst) } }

    /// `htmlPassword=secret` -> `htmlPassword=***`.
    static func masked(_ target: String) -> String {
        guard let range = target.range(of: "htmlPassword=") else { return target }
        let rest = target[range.upperBound...]
        let end = rest.firstIndex(of: "&") ?? rest.endIndex
        return String(target[..<range.upperBound]) + "***" + String(rest[end...])
    }
}
