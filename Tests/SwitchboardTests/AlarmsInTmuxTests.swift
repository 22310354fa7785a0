import Foundation
import PBXSimulator
import Testing
import TestSupport

/// Issue 25: `on_alarm` runs a program (no shell of the board's) with the
/// alarm as JSON when a queue turns critical and when it ends; `a`
/// acknowledges. The real binary in tmux against the simulator.
extension BoardInTmuxTests {
    @Test func onAlarmHearsAQueueTurnCriticalAndEnd() async throws {
        try await withSetup { setup in
            let heard = setup.folder + "/alarms.jsonl"
            let config = setup.folder + "/wall.toml"
            try Data("""
                server = "\(setup.url)"
                user = "\(Account.demoLogin)"
                password_command = ["/bin/sh", "-c", "echo \(Account.demoPassword)"]
                log_file = "\(setup.folder)/wall.log"
                refresh_seconds = 1
                on_alarm = ["/bin/sh", "-c", "cat >> \(heard)"]

                [alerts]
                waiting = 1
                waiting_critical = 2
                """.utf8).write(to: URL(fileURLWithPath: config))
            let command = [setup.binary, "--config", config, "--no-journal"].map(TmuxSession.quote).joined(separator: " ")
                + "; echo EXIT:$? > \(TmuxSession.quote(setup.folder + "/exit")); exec sleep 120"
            let tmux = try TmuxSession(command: command, width: 120, height: 40, environment: ["LANG": "C.UTF-8", "TERM": "tmux-256color"])
            try await tmux.waitForScreen("live") { $0.contains("● live") && $0.contains("9100") }
            func lines() -> [String] {
                ((try? String(contentsOfFile: heard, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            }
            _ = try await onOwnThread { try setup.control("/_sim/queues/9100?waiting=3&longest=200") }
            let critical = try await waitUntil("the hook to hear 9100 turn critical", within: .seconds(60), reading: lines) {
                $0.contains { $0.contains(#""event":"critical""#) && $0.contains(#""kind":"queue""#) && $0.contains(#""number":"9100""#) }
            }
            #expect(critical.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil }, "each line is JSON")
            tmux.sendKeys("a")
            try await tmux.waitForScreen("the acknowledgement said") { $0.contains("acknowledged: the bell stops") }
            _ = try await onOwnThread { try setup.control("/_sim/queues/9100?clear=true") }
            _ = try await waitUntil("the hook to hear 9100's alarm end", within: .seconds(60), reading: lines) {
                $0.contains { $0.contains(#""event":"ended""#) && $0.contains(#""number":"9100""#) }
            }
            tmux.sendKeys("q")
            #expect(try await setup.exited() == "EXIT:0")
        }
    }
}
