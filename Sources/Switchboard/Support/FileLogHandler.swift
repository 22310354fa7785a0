import Foundation
import Logging
import Synchronization

/// A swift-log handler that appends lines to a file created 0600. The board
/// owns the terminal, so logs never go to the screen.
struct FileLogHandler: LogHandler {
    /// One open file shared by every logger; `write(2)` with O_APPEND keeps
    /// lines from several threads whole. The file never grows past
    /// `limitBytes` (10 MB): it is then renamed `PATH.1` (replacing the one
    /// before) and a new one begun, so a board on a wall for months keeps at
    /// most twice the limit of logs.
    final class Sink: Sendable {
        static let defaultLimitBytes = 10 * 1_048_576
        let path: String
        let limitBytes: Int
        private let state: Mutex<(descriptor: Int32, size: Int)>

        init(path: String, limitBytes: Int = defaultLimitBytes) throws {
            self.path = path
            self.limitBytes = limitBytes
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            }
            let descriptor = try Self.open(path)
            var info = stat()
            fstat(descriptor, &info)
            state = Mutex((descriptor, Int(info.st_size)))
        }

        private static func open(_ path: String) throws -> Int32 {
            let descriptor = Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard descriptor >= 0 else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
            return descriptor
        }

        deinit { state.withLock { close($0.descriptor) } }

        func write(_ line: String) {
            var bytes = Array(line.utf8)
            bytes.append(UInt8(ascii: "\n"))
            state.withLock { state in
                if state.size + bytes.count > limitBytes, state.size > 0, rename(path, path + ".1") == 0,
                   let fresh = try? Self.open(path) {
                    close(state.descriptor)
                    state = (fresh, 0)
                }
                let written = bytes.withUnsafeBytes { Glibc.write(state.descriptor, $0.baseAddress, $0.count) }
                if written > 0 { state.size += written }
            }
        }
    }

    let label: String
    let sink: Sink
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let stamp = Self.stamp(Date())
        // One line per event: newlines in messages would forge log lines.
        let message = "\(event.message)".replacingOccurrences(of: "\n", with: "\\n")
        sink.write("\(stamp) \(event.level) [\(label)] \(message)\(fields.isEmpty ? "" : " " + fields)")
    }

    /// `2026-12-04T07:21:00.123Z` (or `+01:00`), the local time as RFC 3339
    /// has it, by the C library: Foundation's formatter loads a few
    /// megabytes of ICU's time zone names to write a number.
    static func stamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        let milliseconds = min(999, Int((date.timeIntervalSince1970 - Double(seconds)) * 1000))
        var parts = tm()
        localtime_r(&seconds, &parts)
        let offset = Int(parts.tm_gmtoff) / 60
        let zone = offset == 0 ? "Z" : (offset < 0 ? "-" : "+") + (abs(offset) / 60).zeroPadded(2) + ":" + (abs(offset) % 60).zeroPadded(2)
        return (Int(parts.tm_year) + 1900).zeroPadded(4) + "-" + (Int(parts.tm_mon) + 1).zeroPadded(2) + "-" + Int(parts.tm_mday).zeroPadded(2)
            + "T" + Int(parts.tm_hour).zeroPadded(2) + ":" + Int(parts.tm_min).zeroPadded(2) + ":" + Int(parts.tm_sec).zeroPadded(2)
            + "." + milliseconds.zeroPadded(3) + zone
    }

    /// The default place for the log: `$XDG_STATE_HOME/switchboard/switchboard.log`.
    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        stateFolder(environment: environment) + "/switchboard.log"
    }

    /// `$XDG_STATE_HOME/switchboard`: the log's folder, and the journal's.
    static func stateFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        return (environment["XDG_STATE_HOME"] ?? "\(home)/.local/state") + "/switchboard"
    }
}
