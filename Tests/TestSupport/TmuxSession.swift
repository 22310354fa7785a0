import Foundation

/// A private tmux server running one command in a window of a fixed size,
/// so a test can read the real terminal a person would see.
public final class TmuxSession: Sendable {
    public let socket: String
    /// The board's `XDG_STATE_HOME` (its journal and log), removed with the session.
    public let stateFolder: String

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts `command` (run by the shell) in a new detached session.
    public init(command: String, width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
        socket = "switchboard-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        // A board keeps its journal under XDG_STATE_HOME: never the real home's in a test.
        var environment = environment
        if environment["XDG_STATE_HOME"] == nil { environment["XDG_STATE_HOME"] = NSTemporaryDirectory() + socket + "-state" }
        stateFolder = environment["XDG_STATE_HOME"]!
        let exports = environment.map { "\($0.key)=\(TmuxSession.quote($0.value))" }.joined(separator: " ")
        // No output pipe here: the tmux server forked by new-session would
        // hold it open, and reading it would never end.
        let status = try TmuxSession.tmux(socket, captureOutput: false, ["new-session", "-d", "-x", "\(width)", "-y", "\(height)",
                                                   exports.isEmpty ? command : "env \(exports) \(command)"]).status
        guard status == 0 else { throw Failure(description: "tmux new-session failed (\(status)); is tmux installed?") }
    }

    deinit {
        _ = try? TmuxSession.tmux(socket, ["kill-server"])
        if stateFolder.hasPrefix(NSTemporaryDirectory()) { try? FileManager.default.removeItem(atPath: stateFolder) }
    }

    /// The visible screen as text.
    public func capture() -> String {
        (try? TmuxSession.tmux(socket, ["capture-pane", "-p", "-t", "0"]).output) ?? ""
    }

    /// The visible screen, captured on a thread of its own: a wait that
    /// captures every few milliseconds must not hold one of the few threads
    /// of the concurrency pool the in-process simulators answer on.
    public func captured() async -> String {
        (try? await onOwnThread { [self] in capture() }) ?? ""
    }

    /// Waits for a screen that meets `condition` and returns it, so the test
    /// checks the very screen it waited for: a later capture may be of
    /// another frame (a row moved, a duration ticked, a frame half drawn).
    @discardableResult
    public func waitForScreen(_ what: String, within deadline: Duration = eventDeadline,
                              where condition: (String) throws -> Bool) async throws -> String {
        try await waitUntil(what, within: deadline, reading: { await captured() }, condition)
    }

    /// A tmux format value of the pane, e.g. `#{alternate_on}`.
    public func display(_ format: String) -> String {
        ((try? TmuxSession.tmux(socket, ["display-message", "-p", "-t", "0", format]).output) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func sendKeys(_ keys: String...) {
        _ = try? TmuxSession.tmux(socket, ["send-keys", "-t", "0"] + keys)
    }

    public func resize(width: Int, height: Int) {
        _ = try? TmuxSession.tmux(socket, ["resize-window", "-t", "0", "-x", "\(width)", "-y", "\(height)"])
    }

    public static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    @discardableResult
    static func tmux(_ socket: String, captureOutput: Bool = true, _ arguments: [String]) throws -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment.removeValue(forKey: "TMUX")
        let result = try ChildProcess.run(["tmux", "-u", "-L", socket] + arguments, environment: environment,
                                          captureOutput: captureOutput)
        return (result.status, result.output)
    }
}

/// The built `switchboard` binary: `SWITCHBOARD_BINARY`, else beside the
/// test bundle in the build folder. Always absolute: a shell started
/// elsewhere (over ssh, in the home folder) must find it too.
public func builtSwitchboardBinary() -> String? {
    if let path = ProcessInfo.processInfo.environment["SWITCHBOARD_BINARY"] {
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }
    var candidates: [URL] = []
    if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
    candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
    var folder = URL(fileURLWithPath: CommandLine.arguments[0])
    for _ in 0..<4 {
        folder = folder.deletingLastPathComponent()
        candidates.append(folder)
    }
    for candidate in candidates {
        let path = candidate.appendingPathComponent("switchboard").path
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}
