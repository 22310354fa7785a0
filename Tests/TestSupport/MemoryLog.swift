import Foundation
import Logging
import Synchronization

/// Log lines kept in memory with the time they were written, so a test
/// that fails can print what the engine saw (and a passing one prints nothing).
public final class MemoryLog: Sendable {
    private let lines = Mutex<[(Date, String)]>([])

    public init() {}

    public var logger: Logger {
        Logger(label: "test") { _ in Handler(log: self) }
    }

    /// The lines written since `time`, each with its seconds after `time`.
    public func lines(since time: Date) -> [String] {
        lines.withLock { $0 }.filter { $0.0 >= time }.map { String(format: "%+.3f ", $0.0.timeIntervalSince(time)) + $0.1 }
    }

    fileprivate func append(_ line: String) {
        lines.withLock {
            $0.append((Date(), line))
            if $0.count > 2000 { $0.removeFirst(1000) }
        }
    }

    struct Handler: LogHandler {
        let log: MemoryLog
        var logLevel: Logger.Level = .debug
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            log.append("\(event.level) \(event.message)\(event.metadata.map { " \($0)" } ?? "")")
        }
    }
}
