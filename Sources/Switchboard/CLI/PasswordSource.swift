import Foundation
import PresenceEngine

/// Where the password comes from, in order: `SWITCHBOARD_PASSWORD`, the
/// config's `password_command` (its first line of output), a no-echo
/// prompt on a terminal. Never a flag: flags show in `ps`.
enum PasswordSource {
    static let environmentVariable = "SWITCHBOARD_PASSWORD"

    /// Overwrites the variable's value where the kernel shows the process's
    /// environment (`/proc/PID/environ`, `ps e`), then removes it, so
    /// programs this one starts do not inherit it either.
    static func scrubFromEnvironment() {
        if let value = getenv(environmentVariable) {
            memset(value, 0x2A, strlen(value))  // '*'
        }
        unsetenv(environmentVariable)
    }

    static func read(passwordCommand: [String]? = nil,
                     environment: [String: String] = ProcessInfo.processInfo.environment,
                     stdinIsTerminal: Bool = isatty(STDIN_FILENO) == 1) throws(CommandFailure) -> Secret {
        if let value = environment[environmentVariable], !value.isEmpty {
            scrubFromEnvironment()
            return Secret(value)
        }
        if let passwordCommand { return try run(passwordCommand) }
        guard stdinIsTerminal else {
            throw .usage("no password: set \(environmentVariable), set password_command in the config file, or run on a terminal to be asked")
        }
        return Secret(try prompt("Password: "))
    }

    /// Runs the command without a shell (stdin and stderr stay the
    /// terminal's, so a password manager can ask for its own passphrase).
    static func run(_ command: [String]) throws(CommandFailure) -> Secret {
        var pipe: [Int32] = [0, 0]
        guard Foundation.pipe(&pipe) == 0 else { throw .usage("password_command: cannot make a pipe") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe[1], STDOUT_FILENO)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_addclose(&actions, pipe[1])
        closeInheritedDescriptors(&actions)
        let argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, command[0], &actions, nil, argv, environ)
        close(pipe[1])
        defer { close(pipe[0]) }
        guard spawned == 0 else {
            throw .usage("password_command: cannot run '\(command[0])': \(String(cString: strerror(spawned)))")
        }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = Foundation.read(pipe[0], &chunk, chunk.count)
            if count > 0 { output += chunk[0..<count]; continue }
            if count < 0 && errno == EINTR { continue }
            break
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitStatus = (status >> 8) & 0xff
        guard status & 0x7f == 0, exitStatus == 0 else {
            throw .usage("password_command '\(command[0])' failed (exit status \(status & 0x7f == 0 ? exitStatus : 128 + (status & 0x7f)))")
        }
        let firstLine = String(decoding: output, as: UTF8.self).split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let password = firstLine.hasSuffix("\r") ? String(firstLine.dropLast()) : String(firstLine)
        guard !password.isEmpty else { throw .usage("password_command '\(command[0])' printed no password") }
        return Secret(password)
    }

    /// Reads a line from the terminal with echo off, restoring it after.
    private static func prompt(_ text: String) throws(CommandFailure) -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = Swift.readLine(strippingNewline: true), !line.isEmpty else {
            throw .usage("no password given")
        }
        return line
    }
}
