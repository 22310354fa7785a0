import Foundation
import Switchboard

/// Runs a program and waits for it, with posix_spawn and waitpid. The
/// child starts with no blocked signals and default handlers whatever the
/// test runner's threads have blocked, so a board started under it still
/// quits on SIGTERM and SIGHUP.
public enum ChildProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
    }

    /// `captureOutput: false` sends stdout to /dev/null: a daemon forked by
    /// the child (a tmux server) would otherwise hold the pipe open forever.
    /// Spawn attributes that give the child no blocked signals and default handlers.
    static func withCleanSignals<T>(_ body: (inout posix_spawnattr_t) throws -> T) rethrows -> T {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        return try body(&attributes)
    }

    /// posix_spawnp with C strings made from `arguments` and `environment`.
    /// The child gets only its standard streams: the test process holds
    /// the in-process simulators' sockets (NIO opens them without
    /// CLOEXEC), and a child holding a copy keeps a closed connection open,
    /// so a client waits for an end of file that never comes.
    static func spawn(_ arguments: [String], environment: [String: String], actions: inout posix_spawn_file_actions_t,
                      attributes: inout posix_spawnattr_t) -> (pid_t, Int32) {
        precondition(closeInheritedDescriptors(&actions), "this libc cannot close inherited descriptors on spawn")
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        return (pid, result)
    }

    public static func run(_ arguments: [String], environment: [String: String], captureOutput: Bool) throws -> Result {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }

        var pipeDescriptors: [Int32] = [-1, -1]
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        if captureOutput {
            guard pipe(&pipeDescriptors) == 0 else { throw POSIXError(.EMFILE) }
            posix_spawn_file_actions_adddup2(&actions, pipeDescriptors[1], 1)
            posix_spawn_file_actions_addclose(&actions, pipeDescriptors[0])
            posix_spawn_file_actions_addclose(&actions, pipeDescriptors[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }

        let (pid, spawned) = withCleanSignals { attributes in
            spawn(arguments, environment: environment, actions: &actions, attributes: &attributes)
        }
        if captureOutput { close(pipeDescriptors[1]) }
        guard spawned == 0 else {
            if captureOutput { close(pipeDescriptors[0]) }
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT)
        }
        var output = [UInt8]()
        if captureOutput {
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(pipeDescriptors[0], &chunk, chunk.count)
                if count > 0 { output += chunk[0..<count] } else if count == 0 || errno != EINTR { break }
            }
            close(pipeDescriptors[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(status: exitCode, output: String(decoding: output, as: UTF8.self))
    }
}

/// A program left running in the background, its output going to files the
/// test can read while it runs.
public final class BackgroundProcess: Sendable {
    public let pid: pid_t
    public let stdoutPath: String
    public let stderrPath: String

    public init(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        stdoutPath = folder.appendingPathComponent("stdout").path
        stderrPath = folder.appendingPathComponent("stderr").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let (pid, result) = ChildProcess.withCleanSignals { attributes in
            ChildProcess.spawn(arguments, environment: environment, actions: &actions, attributes: &attributes)
        }
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .ENOENT) }
        self.pid = pid
    }

    public var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    public var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Sends `signal` and waits for the exit; returns the exit code (128+N for a signal).
    public func stop(_ signal: Int32 = SIGTERM) -> Int32 {
        kill(pid, signal)
        return waitForExit()
    }

    /// Waits up to `deadline` for the program to end by itself; nil if it
    /// is still running then (a test fails instead of hanging).
    public func exitStatus(within deadline: Duration = .seconds(20)) async -> Int32? {
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: deadline)
        while clock.now < end {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// Waits for the program to end by itself; returns the exit code.
    public func waitForExit() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    deinit {
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == 0 {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
    }
}

public extension BackgroundProcess {
    /// The URL a `switchboard sim` started with `--port 0` prints once it listens.
    func simulatorURL() async throws -> String {
        var url = ""
        try await waitUntil("the simulator's URL") {
            guard let range = stdout.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) else { return false }
            url = String(stdout[range])
            return true
        }
        return url
    }
}

/// A loopback TCP port nobody listens on now, for a server a test starts
/// (the kernel picks it, so it is not in use; another program could take
/// it before the server binds, which the callers treat as a failed start).
public func freeLoopbackPort() throws -> Int {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw POSIXError(.EMFILE) }
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
        }
    }
    guard bound else { throw POSIXError(.EADDRINUSE) }
    return Int(UInt16(bigEndian: address.sin_port))
}
