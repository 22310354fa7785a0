import Foundation
import Logging

/// A swift-log handler that appends lines to a file created 0600. The board
/// owns the terminal, so logs never go to the screen.
struct FileLogHandler: LogHandler {
    /// One open file shared by every logger; `write(2)` with O_APPEND keeps
    /// lines from several threads whole.
    final class Sink: Sendable {
        let descriptor: Int32
        init(path: String) throws {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            }
            descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard descriptor >= 0 else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
        }
        deinit { close(descriptor) }

        func write(_ line: String) {
            var bytes = Array(line.utf8)
            bytes.append(UInt8(ascii: "\n"))
            _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
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
        let stamp = ISO8601DateFormatter.string(from: Date(), timeZone: .current,
                                                formatOptions: [.withInternetDateTime, .withFractionalSeconds])
        // One line per event: newlines in messages would forge log lines.
        let message = "\(event.message)".replacingOccurrences(of: "\n", with: "\\n")
        sink.write("\(stamp) \(event.level) [\(label)] \(message)\(fields.isEmpty ? "" : " " + fields)")
    }

    /// The default place for the log: `$XDG_STATE_HOME/switchboard/switchboard.log`.
    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let state = environment["XDG_STATE_HOME"] ?? "\(home)/.local/state"
        return "\(state)/switchboard/switchboard.log"
    }
}
