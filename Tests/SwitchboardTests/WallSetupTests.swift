import Foundation
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
