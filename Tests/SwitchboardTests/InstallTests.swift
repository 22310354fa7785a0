import Foundation
import Testing
import TestSupport
@testable import Switchboard

/// `make install` into a temporary prefix, the installed binary run from
/// there, `make uninstall`, and nothing left behind.
@Suite(.tags(.endToEnd)) struct InstallTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    @Test func installRunAndUninstallLeaveNothingBehind() async throws {
        let binary = try #require(builtSwitchboardBinary(), "build the switchboard binary first (make test does)")
        // Made before the tests run (make test): a build inside `swift test` would wait on its lock.
        try #require(FileManager.default.fileExists(atPath: Self.packageRoot + "/man/switchboard.1"), "make man first (make test does)")
        let prefix = NSTemporaryDirectory() + "switchboard-prefix-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        var environment = ProcessInfo.processInfo.environment
        environment["MAKEFLAGS"] = nil
        let install = try ChildProcess.run(["make", "-s", "-C", Self.packageRoot, "install", "PREFIX=\(prefix)", "BINARY=\(binary)"],
                                           environment: environment, captureOutput: true)
        #expect(install.status == 0, "\(install.output)")
        let expected = ["bin/switchboard", "bin/switchboard-sim", "share/man/man1/switchboard.1", "share/bash-completion/completions/switchboard",
                        "share/zsh/site-functions/_switchboard", "share/fish/vendor_completions.d/switchboard.fish",
                        "share/switchboard/themes/default.toml", "share/switchboard/themes/high-contrast.toml",
                        "share/switchboard/themes/light.toml", "share/switchboard/themes/monochrome.toml"]
        #expect(Self.files(under: prefix) == expected.sorted())

        // The installed binary says its version and looks for themes beside itself.
        let version = try ChildProcess.run([prefix + "/bin/switchboard", "--version"], environment: environment, captureOutput: true)
        #expect(version.output.trimmingCharacters(in: .whitespacesAndNewlines) == SwitchboardVersion.text)
        var isolated = environment
        isolated["XDG_CONFIG_HOME"] = prefix + "/none"
        isolated["XDG_STATE_HOME"] = prefix + "/none"
        // (stderr to stdout, where the test reads)
        let theme = try ChildProcess.run(["sh", "-c", "\"$0\" --demo --theme missing --log-file /dev/null 2>&1", prefix + "/bin/switchboard"],
                                         environment: isolated, captureOutput: true)
        #expect(theme.status == 2)
        #expect(theme.output.contains(prefix + "/share/switchboard/themes"))
        #expect(try String(contentsOfFile: prefix + "/share/zsh/site-functions/_switchboard", encoding: .utf8).contains("missed"))
        // `switchboard sim` runs the simulator installed beside it (here it
        // stops as soon as it has said where it listens: its input is empty).
        let sim = try ChildProcess.run(["sh", "-c", "\"$0\" sim --port 0 --history-days 0 --stop-with-stdin < /dev/null 2>&1", prefix + "/bin/switchboard"],
                                       environment: isolated, captureOutput: true)
        #expect(sim.status == 0 && sim.output.contains("url: http://127.0.0.1:"), "\(sim.output)")
        try? FileManager.default.removeItem(atPath: prefix + "/none")

        let uninstall = try ChildProcess.run(["make", "-s", "-C", Self.packageRoot, "uninstall", "PREFIX=\(prefix)"],
                                             environment: environment, captureOutput: true)
        #expect(uninstall.status == 0, "\(uninstall.output)")
        #expect(Self.files(under: prefix).isEmpty)
    }

    static func files(under root: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }
}
