import Foundation
import Logging
import PresenceEngine
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// `on_alarm = ["/usr/local/bin/lamp", "red"]`: a program run (no shell)
/// when a call or a queue first turns critical and when it ends, with the
/// alarm as one line of JSON on its standard input — a light, a chat
/// message, a pager. Runs one at a time on a thread of its own, each given
/// `timeoutSeconds` before it is stopped; a failure is logged, never shown
/// as the board's problem.
final class AlarmHook: Sendable {
    let command: [String]
    let timeoutSeconds: Double
    private let logger: Logger
    private let worker: SerialWorker

    /// What the program reads: `{"event":"critical","kind":"queue","number":"9100","name":"Front Desk","at":"…"}`.
    struct Message: Codable, Equatable {
        var event: String
        var kind: String
        var number: String
        var name: String
        var at: String
    }

    init(command: [String], timeoutSeconds: Double = 10, logger: Logger) {
        self.command = command
        self.timeoutSeconds = timeoutSeconds
        self.logger = logger
        worker = SerialWorker(name: "alarm-hook")
        worker.start()
    }

    func stop() { worker.stop(dropQueued: true) }

    /// Each start and end, in order.
    func tell(_ changes: CriticalWatch.Changes, at wallClock: Date) {
        let at = CommandOutput.isoTime(wallClock)
        for (event, items) in [("critical", changes.started), ("ended", changes.ended)] {
            for item in items {
                let message = Message(event: event, kind: item.kind.rawValue, number: item.number, name: item.name, at: at)
                guard let json = try? JSONEncoder.sorted.encode(message) else { continue }
                let line = String(decoding: json, as: UTF8.self) + "\n"
                worker.submit { [self] in run(line, about: "\(event) \(item.key)") }
            }
        }
    }

    private func run(_ line: String, about: String) {
        guard let program = command.first else { return }
        let executable: Executable = program.contains("/") ? .path(FilePath(program)) : .name(program)
        let arguments = Arguments(Array(command.dropFirst()))
        let timeout = timeoutSeconds
        // The line waits in a nameless file behind a descriptor the program reads at
        // its own pace: no writer of ours is left holding a pipe to a program
        // that never reads (or is stopped) — Subprocess traps on that.
        guard let input = Self.inputFile(line) else {
            logger.warning("on_alarm '\(program)' not run: no file for its input", metadata: ["alarm": "\(about)"])
            return
        }
        let outcome: String
        do {
            outcome = try BlockingTask.run {
                try await withThrowingTaskGroup(of: String.self) { group in
                    group.addTask {
                        let result = try await Subprocess.run(executable, arguments: arguments,
                                                              input: .fileDescriptor(input, closeAfterSpawningProcess: true), output: .discarded,
                                                              error: .discarded)
                        switch result.terminationStatus {
                        case .exited(0): return ""
                        case .exited(let code): return "exit status \(code)"
                        case .signaled(let signal): return "killed by signal \(signal)"
                        }
                    }
                    group.addTask {
                        try await Task.sleep(nanoseconds: UInt64(timeout * 1e9))
                        return "no end within \(Int(timeout)) s: stopped"
                    }
                    let first = try await group.next() ?? ""
                    group.cancelAll()
                    return first
                }
            }
        } catch {
            outcome = "cannot run: \(error)"
        }
        if outcome.isEmpty {
            logger.info("on_alarm ran", metadata: ["alarm": "\(about)"])
        } else {
            logger.warning("on_alarm '\(program)' failed: \(outcome)", metadata: ["alarm": "\(about)"])
        }
    }
}

extension AlarmHook {
    /// `text` in a file with no name (made 0600 by `mkstemp`, unlinked at
    /// once), read from its start; Subprocess closes it once the program has it.
    static func inputFile(_ text: String) -> FileDescriptor? {
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((folder + "/switchboard-alarm-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, lseek(fd, 0, SEEK_SET) == 0 else {
            close(fd)
            return nil
        }
        return FileDescriptor(rawValue: fd)
    }
}

extension JSONEncoder {
    /// Keys in order, so a line reads the same each time.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
