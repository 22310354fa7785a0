import Foundation
import PBXSimulator
import Testing
import TestSupport

/// The real binary in a real terminal (tmux): what a person would see.
@Suite(.serialized) struct TerminalTests {
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
        try await waitUntil("an extension name on screen") { tmux.capture().contains(firstPerson) }
        try await waitUntil("the live state in the header") { tmux.capture().contains("● live") }
        #expect(tmux.display("#{alternate_on}") == "1")

        // The simulated PBX places calls by itself within seconds.
        try await waitUntil("a call on the board") {
            let screen = tmux.capture()
            return ["ringing", "inbound", "outbound", "internal", "queue call"].contains { screen.contains("● \($0)") || screen.contains("◌ \($0)") }
        }

        tmux.resize(width: 90, height: 30)
        try await waitUntil("a redraw at 90x30") {
            let lines = tmux.capture().split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 30 && lines[29].contains("q quit") && lines[28].hasPrefix("└") && lines[28].hasSuffix("┘")
        }

        tmux.sendKeys("q")
        try await waitUntil("the board to exit") {
            (try? String(contentsOfFile: exitFile, encoding: .utf8))?.hasPrefix("EXIT:") == true
        }
        #expect(try String(contentsOfFile: exitFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) == "EXIT:0")
        // The terminal is back to normal: out of the alternate screen.
        #expect(tmux.display("#{alternate_on}") == "0")
        // The log went to the file, never to the screen.
        #expect(!tmux.capture().contains("info"))
        #expect(try String(contentsOfFile: logFile, encoding: .utf8).contains("logged in"))
    }
}
