import Foundation
import Testing
import TestSupport

/// The board on a wall screen fed over SSH: a private sshd (Debian's
/// openssh-server) on a loopback port with throwaway keys, the board run by
/// `ssh -t` inside tmux. When the link drops, the board must end and leave
/// nothing behind; a new connection gets a fresh board.
@Suite(.serialized, .tags(.endToEnd)) struct OverSSHTests {
    struct Server {
        let folder: String
        let port: Int
        let sshd: BackgroundProcess

        func sshCommand(_ remote: String) -> String {
            ["ssh", "-t", "-i", "\(folder)/client_key", "-p", "\(port)", "-o", "StrictHostKeyChecking=no",
             "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "127.0.0.1", remote]
                .map(TmuxSession.quote).joined(separator: " ")
        }
    }

    static func run(_ arguments: [String]) throws -> Int32 {
        try ChildProcess.run(arguments, environment: ProcessInfo.processInfo.environment, captureOutput: false).status
    }

    /// Starts sshd on a free loopback port.
    static func startServer(in folder: String) async throws -> Server {
        let sshd = "/usr/sbin/sshd"
        try #require(FileManager.default.isExecutableFile(atPath: sshd), "openssh-server is not installed (make deps installs it)")
        #expect(try run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "\(folder)/host_key"]) == 0)
        #expect(try run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "\(folder)/client_key"]) == 0)
        try FileManager.default.copyItem(atPath: "\(folder)/client_key.pub", toPath: "\(folder)/authorized_keys")
        // sshd insists on its privilege-separation folder.
        try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o755])
        for _ in 0..<5 {
            let port = try freeLoopbackPort()
            let config = """
                Port \(port)
                ListenAddress 127.0.0.1
                HostKey \(folder)/host_key
                AuthorizedKeysFile \(folder)/authorized_keys
                PidFile \(folder)/sshd.pid
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PubkeyAuthentication yes
                PermitRootLogin prohibit-password
                StrictModes no
                UsePAM no
                ClientAliveInterval 0
                """
            try Data(config.utf8).write(to: URL(fileURLWithPath: "\(folder)/sshd_config"))
            let process = try BackgroundProcess([sshd, "-D", "-e", "-f", "\(folder)/sshd_config"])
            var listening = false
            try? await waitUntil("sshd listening", within: .seconds(5)) {
                listening = process.stderr.contains("Server listening on 127.0.0.1 port \(port)")
                return listening || process.stderr.contains("Address already in use")
            }
            if listening { return Server(folder: folder, port: port, sshd: process) }
            _ = process.stop()
        }
        struct SSHDidNotStart: Error {}
        throw SSHDidNotStart()
    }

    /// The board's own processes (not the shells or the ssh client whose
    /// command lines mention it).
    static func boardProcesses(binary: String, logFile: String) -> [Int32] {
        let result = try? ChildProcess.run(["pgrep", "-f", "^\(binary) --demo --log-file \(logFile)"],
                                           environment: ProcessInfo.processInfo.environment, captureOutput: true)
        return (result?.output ?? "").split(separator: "\n").compactMap { Int32($0) }
    }

    @Test func droppingTheLinkEndsTheBoardAndANewConnectionGetsAFreshOne() async throws {
        let binary = try #require(builtSwitchboardBinary())
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-ssh-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try await Self.startServer(in: folder)
        defer { _ = server.sshd.stop() }

        let logFile = "\(folder)/board.log"
        let remote = "env LANG=C.UTF-8 TERM=tmux-256color XDG_CONFIG_HOME=\(folder)/config XDG_STATE_HOME=\(folder)/state \(binary) --demo --log-file \(logFile)"
        var tmux: TmuxSession? = try TmuxSession(command: server.sshCommand(remote), width: 120, height: 40)
        do {
            try await tmux!.waitForScreen("the board, over ssh") { $0.contains("● live") }
        } catch {
            let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "(no log)"
            Issue.record("screen:\n\(tmux!.capture())\nsshd:\n\(server.sshd.stderr)\nlog:\n\(log)")
            throw error
        }
        let first = Self.boardProcesses(binary: binary, logFile: logFile)
        #expect(first.count == 1)

        // The link drops: the ssh client dies without a word.
        let client = try ChildProcess.run(["pgrep", "-f", "ssh -t -i \(folder)/client_key"], environment: ProcessInfo.processInfo.environment,
                                          captureOutput: true).output.split(separator: "\n").compactMap { Int32($0) }
        #expect(!client.isEmpty)
        for pid in client { kill(pid, SIGKILL) }
        try await waitUntil("the board to end") { Self.boardProcesses(binary: binary, logFile: logFile).isEmpty }
        let log = try String(contentsOfFile: logFile, encoding: .utf8)
        #expect(log.contains("board closed"), "the board ended by itself, cleanly")
        tmux = nil

        // A new connection: a fresh board.
        let again = try TmuxSession(command: server.sshCommand(remote), width: 120, height: 40)
        try await again.waitForScreen("a fresh board") { $0.contains("● live") }
        let second = Self.boardProcesses(binary: binary, logFile: logFile)
        #expect(second.count == 1 && second != first)
        again.sendKeys("q")
        try await waitUntil("it to quit") { Self.boardProcesses(binary: binary, logFile: logFile).isEmpty }
    }
}
