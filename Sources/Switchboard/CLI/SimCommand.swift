import ArgumentParser
import Foundation
import SimulatorOptions

/// `switchboard sim`: the simulated Vonage service on its own, for scripts,
/// a second terminal, or another client. The options are parsed here (for
/// the help, the man page and the completions, and to refuse bad ones at
/// once); the simulator is `switchboard-sim`, run in this process's place.
struct SimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sim", abstract: SimOptions.abstract, discussion: SimOptions.discussion)

    @OptionGroup var options: SimOptions

    func run() throws {
        let program = try SimulatorProgram.path()
        let arguments = Array(CommandLine.arguments.drop { $0 != "sim" }.dropFirst())
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        execv(program, argv)
        throw CommandFailure.usage("cannot run \(program): \(String(cString: strerror(errno)))")
    }
}

/// `switchboard-sim`, installed beside `switchboard`.
enum SimulatorProgram {
    static let name = "switchboard-sim"

    /// Its path, beside this program's real file (through any links).
    static func path() throws -> String {
        let folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let path = folder.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw CommandFailure.usage("the simulator is not installed: no \(name) beside switchboard in \(folder.path)")
        }
        return path
    }

    /// `--demo`: the simulator as a child on a free loopback port, stopped
    /// with `stop`; it stops by itself if this process dies (its standard
    /// input closes). Returns once it listens, with its port.
    static func startChild() throws -> (child: Process, port: Int) {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: try path())
        child.arguments = ["--port", "0", "--stop-with-stdin"]
        let input = Pipe(), output = Pipe()
        child.standardInput = input
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        try child.run()
        // The banner's `url:` line says where it listens.
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, child.isRunning {
            var poller = pollfd(fd: output.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 1_000) > 0 else { continue }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("url: ") }),
               let port = line.split(separator: ":").last.flatMap({ Int($0) }) {
                return (child, port)
            }
        }
        stop(child)
        throw CommandFailure.usage("the simulator (\(name)) did not start")
    }

    static func stop(_ child: Process) {
        guard child.isRunning else { return }
        child.terminate()
        child.waitUntilExit()
    }
}
