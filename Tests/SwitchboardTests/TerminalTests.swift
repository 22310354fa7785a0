import Foundation
import PBXSimulator
import Testing
import TestSupport

/// The real binary in a real terminal (tmux): what a person would see.
@Suite(.serialized, .tags(.endToEnd)) struct TerminalTests {
    @Test func demoShowsALiveChangingBoardRedrawsOnResizeAndQuitsCleanlyOnQ() async throws {
        let binary = try #require(builtSwitchboardBinary(), "build the switchboard binary first (make test does)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-tmux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let exitFile = folder.appendingPathComponent("exit").path
        let logFile = folder.appendingPathComponent("board.log").path
        // The shell stays after the board exits so the test can inspect the terminal.
        let command = "\(TmuxSession.quote(binary)) --demo --log-file \(TmuxSession.quote(logFile)); "
            + "echo EXIT:$? > \(TmuxSession.quote(exitFile)); exec sleep 120"
        let tmux = try TmuxSession(command: command, width: 120, height: 40, environment: ["LANG": "C.UTF-8", "TERM": "tmux-256color"])

        let firstPerson = Account.generate(extensionCount: SimulatorConfiguration().extensionCount,
                                           seed: SimulatorConfiguration().seed).extensions[0].name
        try await tmux.waitForScreen("an extension name on screen") { $0.contains(firstPerson) }
        try await tmux.waitForScreen("the live state in the header") { $0.contains("● live") }
        // (tmux read the switch to the alternate screen before anything drawn on it.)
        #expect(tmux.display("#{alternate_on}") == "1")

        // The simulated PBX places calls by itself within seconds.
        try await tmux.waitForScreen("a call on the board") { screen in
            ["ringing", "inbound", "outbound", "internal", "queue call"].contains { screen.contains("● \($0)") || screen.contains("◌ \($0)") }
        }

        tmux.resize(width: 90, height: 30)
        try await tmux.waitForScreen("a redraw at 90x30") {
            let lines = $0.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 30 && lines[29].contains("q quit") && lines[28].hasPrefix("└") && lines[28].hasSuffix("┘")
        }

        tmux.sendKeys("q")
        let exit = try await waitUntil("the board to exit", reading: { try? String(contentsOfFile: exitFile, encoding: .utf8) }) {
            $0?.hasPrefix("EXIT:") == true
        }
        #expect(exit?.trimmingCharacters(in: .whitespacesAndNewlines) == "EXIT:0")
        // The terminal is back to normal: out of the alternate screen. tmux
        // reads the board's last bytes in its own time (the shell may write
        // the exit file first): waited for, then the screen it left checked.
        try await waitUntil("the terminal out of the alternate screen") { tmux.display("#{alternate_on}") == "0" }
        // The log went to the file, never to the screen.
        #expect(!(await tmux.captured()).contains("info"))
        #expect(try String(contentsOfFile: logFile, encoding: .utf8).contains("logged in"))
    }
}
