import Foundation
import Testing
import TestSupport
@testable import Switchboard

/// Issue 25: the `on_alarm` runner: no shell, a timeout, JSON on stdin.
@Suite struct AlarmHookTests {
    static let queue = AlarmItem(kind: .queue, number: "9100", name: "Front Desk", key: "queue 9100")

    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-hook-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func theAlarmIsOneLineOfJSONOnStandardInput() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let hook = AlarmHook(command: ["/bin/sh", "-c", "cat >> '\(folder)/heard'"], logger: MemoryLog().logger)
        defer { hook.stop() }
        hook.tell(CriticalWatch.Changes(started: [Self.queue], ended: [Self.queue]), at: Date(timeIntervalSince1970: 0))
        let text = try await waitUntil("both lines heard", reading: { (try? String(contentsOfFile: folder + "/heard", encoding: .utf8)) ?? "" }) {
            $0.split(separator: "\n").count == 2
        }
        let lines = text.split(separator: "\n").map { try? JSONDecoder().decode(AlarmHook.Message.self, from: Data($0.utf8)) }
        #expect(lines.map { $0?.event } == ["critical", "ended"])
        #expect(lines[0] == AlarmHook.Message(event: "critical", kind: "queue", number: "9100", name: "Front Desk", at: lines[0]?.at ?? ""))
    }

    /// The arguments reach the program as given: `;` is a character, not a second command.
    @Test func noShellStandsBetween() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let hook = AlarmHook(command: ["/usr/bin/touch", "\(folder)/a; touch injected $HOME"], logger: MemoryLog().logger)
        defer { hook.stop() }
        hook.tell(CriticalWatch.Changes(started: [Self.queue]), at: Date())
        try await waitUntil("the file named with the semicolon") { FileManager.default.fileExists(atPath: "\(folder)/a; touch injected $HOME") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["a; touch injected $HOME"])
    }

    /// A program that does not end is stopped at the timeout and the failure is logged; the next one still runs.
    @Test func aProgramThatHangsIsStoppedAndLogged() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let log = MemoryLog()
        let start = Date()
        let hook = AlarmHook(command: ["/bin/sh", "-c", "cat >> '\(folder)/heard'; exec sleep 600"], timeoutSeconds: 1, logger: log.logger)
        defer { hook.stop() }
        hook.tell(CriticalWatch.Changes(started: [Self.queue], ended: [Self.queue]), at: Date())
        // Two programs one after the other, each given 1 s: a loaded machine
        // (a whole parallel run stalled 12 s once) may take far longer to get there.
        let lines = try await waitUntil("two timeouts logged", within: .seconds(90),
                                        reading: { log.lines(since: start).filter { $0.contains("no end within 1 s") } }) {
            $0.count == 2
        }
        #expect(lines.allSatisfy { $0.contains("on_alarm '/bin/sh' failed") })
        let heard = try String(contentsOfFile: folder + "/heard", encoding: .utf8)
        #expect(heard.split(separator: "\n").count == 2, "the second ran after the first was stopped")
    }
}
