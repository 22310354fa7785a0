import ArgumentParser
import Foundation
import PresenceEngine

/// Where the password comes from: the environment, else a no-echo prompt
/// on a terminal. Never a flag: flags show in `ps`.
enum PasswordSource {
    static let environmentVariable = "SWITCHBOARD_PASSWORD"

    static func read(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Secret {
        if let value = environment[environmentVariable], !value.isEmpty { return Secret(value) }
        guard isatty(STDIN_FILENO) == 1 else {
            throw ValidationError("no password: set \(environmentVariable), or run on a terminal to be asked")
        }
        return Secret(try prompt("Password: "))
    }

    /// Reads a line from the terminal with echo off, restoring it after.
    private static func prompt(_ text: String) throws -> String {
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
            throw ValidationError("no password given")
        }
        return line
    }
}
