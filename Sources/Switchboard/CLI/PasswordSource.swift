import Foundation
import PresenceEngine
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// What a finished password command left: how it ended and what it printed.
private struct PasswordCommandResult: Sendable {
    var status: TerminationStatus
    var output: [UInt8]
}

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

    /// Runs the command through swift-subprocess: without a shell, stdin
    /// and stderr the terminal's (a password manager can ask for its own
    /// passphrase), stdout read here, and no other descriptor of ours (a
    /// connection, the log) in the child: Subprocess closes them on Linux.
    /// Subprocess is async; this waits for it, so it is called from a
    /// plain thread (the command's main thread), never from a task.
    /// A password is one line: more output than this is not a password.
    static let outputLimit = 64 * 1024

    static func run(_ command: [String]) throws(CommandFailure) -> Secret {
        guard let program = command.first, !program.isEmpty else { throw .usage("password_command: names no program") }
        let arguments = Arguments(Array(command.dropFirst()))
        let executable: Executable = program.contains("/") ? .path(FilePath(program)) : .name(program)
        let result: PasswordCommandResult
        do {
            result = try BlockingTask.run {
                let result = try await Subprocess.run(executable, arguments: arguments, input: .currentStandardInput,
                                                      output: .bytes(limit: Self.outputLimit), error: .currentStandardError)
                return PasswordCommandResult(status: result.terminationStatus, output: result.standardOutput)
            }
        } catch let error as SubprocessError where error.code == .outputLimitExceeded {
            throw .usage("password_command '\(program)': output too large (at most \(Self.outputLimit / 1024) KB are read)")
        } catch {
            throw .usage("password_command: cannot run '\(program)': \(Self.reason(error))")
        }
        switch result.status {
        case .exited(0): break
        case .exited(let code): throw .usage("password_command '\(program)' failed (exit status \(code))")
        case .signaled(let signal): throw .usage("password_command '\(program)' failed (killed by signal \(signal))")
        }
        let firstLine = String(decoding: result.output, as: UTF8.self)
            .split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let password = firstLine.hasSuffix("\r") ? String(firstLine.dropLast()) : String(firstLine)
        guard !password.isEmpty else { throw .usage("password_command '\(program)' printed no password") }
        return Secret(password)
    }

    /// Subprocess's errors name the failing call; the errno's text is what a user needs.
    private static func reason(_ error: any Error) -> String {
        if let error = error as? SubprocessError, let underlying = error.underlyingError {
            return String(cString: strerror(underlying.rawValue))
        }
        return "\(error)"
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
