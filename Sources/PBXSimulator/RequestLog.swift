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

    /// `htmlPassword=secret` (or `password=secret`, as one client sends it) -> `…=***`.
    static func masked(_ target: String) -> String {
        guard let query = target.firstIndex(of: "?") else { return target }
        let pairs = target[target.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let name = pair.prefix { $0 != "=" }
            let secret = ["htmlpassword", "password"].contains(name.lowercased()) && pair.contains("=")
            return secret ? "\(name)=***" : String(pair)
        }
        return String(target[...query]) + pairs.joined(separator: "&")
    }
}
