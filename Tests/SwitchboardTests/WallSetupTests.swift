import Foundation
import PBXSimulator
import Testing
import TestSupport
@testable import Switchboard

/// The files under contrib/ for a board kept on a wall: the systemd unit
/// passes `systemd-analyze verify`, and the console recipe names the same
/// tmux socket and session as the unit.
@Suite struct WallSetupTests {
    static let contrib = InstallTests.packageRoot + "/contrib"

    @Test func theSystemdUnitVerifies() throws {
        let unit = Self.contrib + "/systemd/switchboard-wall.service"
        let verify = try ChildProcess.run(["sh", "-c", "systemd-analyze verify \"$0\" 2>&1", unit],
                                          environment: ProcessInfo.processInfo.environment, captureOutput: true)
        #expect(verify.status == 0, "\(verify.output)")
        let text = try String(contentsOfFile: unit, encoding: .utf8)
        #expect(text.contains("Restart=always"))
        #expect(text.contains("--kiosk --theme high-contrast"))
        // The password never on a command line.
        let commands = text.split(separator: "\n").filter { $0.hasPrefix("Exec") }
        #expect(!commands.isEmpty)
        #expect(commands.allSatisfy { !$0.lowercased().contains("password") })
    }

    @Test func theConsoleAttachesToTheUnitsSession() throws {
        let profile = try String(contentsOfFile: Self.contrib + "/wall-bash_profile", encoding: .utf8)
        #expect(profile.contains("tmux -L switchboard attach -t wall"))
        let autologin = try String(contentsOfFile: Self.contrib + "/systemd/getty@tty1.service.d/autologin.conf", encoding: .utf8)
        #expect(autologin.contains("--autologin wall"))
    }
}

/// The log never grows without bound: past its limit it becomes `.1` and a new one begins.
@Suite struct LogLimitTests {
    @Test func theLogIsCappedAtTwiceItsLimit() throws {
        let folder = NSTemporaryDirectory() + "switchboard-log-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/switchboard.log"
        let sink = try FileLogHandler.Sink(path: path, limitBytes: 10_000)
        for index in 0..<2_000 { sink.write("line \(index) of a long day on the wall") }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files == ["switchboard.log", "switchboard.log.1"])
        for file in files {
            let size = try #require(FileManager.default.attributesOfItem(atPath: folder + "/" + file)[.size] as? Int)
            #expect(size <= 10_000, "\(file)")
            let mode = try #require(FileManager.default.attributesOfItem(atPath: folder + "/" + file)[.posixPermissions] as? Int)
            #expect(mode == 0o600)
        }
        // The newest line is in the current file, whole.
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasSuffix("line 1999 of a long day on the wall\n"))
    }
}

/// A wall-clock jump (an NTP correction, a suspend) moves the header's
/// clock, never a duration: durations are timed on the monotonic clock.
@Suite struct ClockJumpTests {
    @Test func durationsDoNotMoveWhenTheWallClockJumps() {
        let app = BoardFixture.app(width: 120, height: 40)
        let screen = BoardScreen(identity: "receptionist@my.vonagebusiness.com", timeZone: TimeZone(identifier: "UTC")!)
        var before = Buffer(width: 120, height: 40), after = Buffer(width: 120, height: 40)
        screen.render(app, now: BoardFixture.now, wallClock: BoardFixture.wallClock, into: &before)
        screen.render(app, now: BoardFixture.now, wallClock: BoardFixture.wallClock.addingTimeInterval(-3600), into: &after)
        #expect(before.line(at: 0) != after.line(at: 0))  // the clock in the header follows the wall
        for row in 1..<40 { #expect(before.line(at: row) == after.line(at: row), "row \(row)") }
        #expect(before.text.contains("03:14"))  // 204's call, as timed from when its answer arrived
    }
}

/// The real binary under libfaketime, its wall clock stepped forward an
/// hour and then back two while it runs (what an NTP correction or a
/// resume does to CLOCK_REALTIME; CLOCK_MONOTONIC is left alone, as the
/// kernel does): the long poll goes on, a back-off wait in progress during
/// the step ends on time, and durations do not jump.
@Suite(.tags(.endToEnd)) struct WallClockStepTests {
    static let faketime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1"

    struct Line {
        var time: Date
        var type: String
        var object: [String: Any]
    }

    static func lines(_ output: String) -> [Line] {
        let iso = ISO8601DateFormatter()
        return output.split(separator: "\n").compactMap { text in
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  let time = (object["time"] as? String).flatMap(iso.date(from:)), let type = object["type"] as? String else { return nil }
            return Line(time: time, type: type, object: object)
        }
    }

    @Test func theLongPollAndTheBackOffSurviveTheWallClockSteppingBackAndForward() async throws {
        try #require(FileManager.default.fileExists(atPath: Self.faketime), "make deps installs libfaketime")
        let home = try CommandLineTests.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let offsetFile = home + "/clock-offset"
        try Data("+0\n".utf8).write(to: URL(fileURLWithPath: offsetFile))
        let binary = try #require(builtSwitchboardBinary())
        try await withSimulator { sim in
            let number = sim.account.extensions[0].number
            var environment = CommandLineTests.environment(home)
            environment["LD_PRELOAD"] = Self.faketime
            environment["FAKETIME_TIMESTAMP_FILE"] = offsetFile
            environment["FAKETIME_NO_CACHE"] = "1"
            environment["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"
            // Without this libfaketime cuts waits on CLOCK_MONOTONIC short (to nothing).
            environment["FAKETIME_FORCE_MONOTONIC_FIX"] = "0"
            // Through env(1): the first program libfaketime loads into sets an
            // environment variable as it starts, which leaves a Swift
            // program's CommandLine.arguments empty; env takes that turn.
            let arguments = ["/usr/bin/env", binary, "watch", "--extensions", number] + CommandLineTests.account(sim)
            let watch = try BackgroundProcess(arguments, environment: environment)
            defer { _ = watch.stop(SIGTERM) }
            func extensionLines() -> [Line] { Self.lines(watch.stdout).filter { $0.type == "extension" } }
            try await waitUntil("the first state") { !extensionLines().isEmpty }

            // Forward an hour; a call comes in: the long poll brings it.
            try Data("+3600s\n".utf8).write(to: URL(fileURLWithPath: offsetFile))
            let call = try #require(sim.control.startCall(CallRequest(extension: number, otherNumber: "15557852675", connected: true)))
            // The line waited for is the one checked (a later line may follow it).
            func isOnCall(_ line: Line) -> Bool { (line.object["extension"] as? [String: Any])?["state"] as? String == "on_call" }
            let lines = try await waitUntil("the call after the step forward", reading: { extensionLines() }) { $0.contains(where: isOnCall) }
            let onCall = try #require(lines.first(where: isOnCall))
            #expect(onCall.time.timeIntervalSinceNow > 3000, "the wall clock of the process was stepped forward")
            let duration = try #require((onCall.object["extension"] as? [String: Any])?["durationSeconds"] as? Int)
            #expect((0..<120).contains(duration), "a call's duration does not take the step: \(duration)")

            // Faults put the engine in back-off; back two hours during it (a wait
            // timed on the wall clock would last two hours more); live again on time.
            // Five faults: the step must come before the last is served, and
            // the back-offs before it last 3.75 s at least (with four, 1.75 s:
            // a loaded machine could be later than that).
            sim.control.markFaultTime()
            let faultsStart = Date()
            sim.control.injectFaults(Array(repeating: .status(503), count: 5), for: .dashui)
            _ = sim.control.endCall(call)
            try await waitUntil("reconnecting") { Self.lines(watch.stdout).contains { $0.object["health"] as? String == "reconnecting" } }
            let linesBeforeStep = Self.lines(watch.stdout).count
            let step = Date()
            try Data("-3600s\n".utf8).write(to: URL(fileURLWithPath: offsetFile))
            // A fault still to serve once the clock has stepped: the engine was backing off across the step.
            let stillBackingOff = sim.control.pendingFaults > 0
            let sinceStep = try await waitUntil("live again after the back-off", within: .seconds(60),
                                                reading: { Self.lines(watch.stdout).dropFirst(linesBeforeStep) }) {
                $0.contains { $0.object["health"] as? String == "live" }
            }
            // Five back-offs of at least 0.25, 0.5, 1, 2 and 4 s: they really
            // waited (the harness itself does not cut them short).
            #expect(Date().timeIntervalSince(faultsStart) > 7.5)
            let served = try #require(sim.control.lastFaultServedSinceMark)
            if stillBackingOff {
                #expect(served > step, "the engine was still backing off when the clock stepped")
            } else {
                Issue.record("the clock stepped after the last fault was served (the test ran late): the step did not fall in a back-off",
                             severity: .warning)
            }
            // From the line saying live again (it came after the step; a line
            // written while the step was being made may still be stamped before it).
            let after = sinceStep.drop { $0.object["health"] as? String != "live" }
            #expect(!after.isEmpty && after.allSatisfy { $0.time.timeIntervalSinceNow < -3000 }, "the wall clock was stepped back")
            let state = after.last { $0.type == "extension" }?.object["extension"] as? [String: Any]
            #expect(state == nil || state?["state"] as? String == "available", "\(String(describing: state))")
        }
    }
}

