import Foundation
import Testing
import TestSupport

/// A board on the wall makes some ten requests a second for weeks: a few
/// bytes kept per request is a leak of gigabytes. `switchboard-bench heap`
/// runs a thousand rounds (a complete dashui answer decoded, a queue, a
/// bridge) in a process of its own after a warm-up and reports how much it
/// grew. The libcurl leak it guards against (CURLOPT_COOKIEFILE set before
/// every request) grew it by about 400 KB per 2,000 rounds.
@Suite(.tags(.endToEnd)) struct HeapGrowthTests {
    @Test func aThousandRoundsOfRequestsLeaveTheProcessSizeAsItWas() async throws {
        let switchboard = try #require(builtSwitchboardBinary())
        let bench = URL(fileURLWithPath: switchboard).deletingLastPathComponent().appendingPathComponent("switchboard-bench").path
        try #require(FileManager.default.isExecutableFile(atPath: bench), "switchboard-bench is built with the tests")
        // The simulator in a process of its own too: a thousand rounds would
        // otherwise crowd the tests' shared threads.
        let sim = try BackgroundProcess([switchboard, "sim", "--port", "0", "--no-traffic"])
        defer { _ = sim.stop() }
        let url = try await sim.simulatorURL()
        let run = try BackgroundProcess([bench, "heap", "--server", url, "--requests", "1000"])
        let status = await run.exitStatus(within: .seconds(120))
        #expect(status == 0, "\(run.stderr)")
        let growth = try #require(run.stdout.split(separator: " ").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        print("heap growth over 1000 rounds: \(growth) bytes")
        #expect(growth <= 96 * 1024, "the process grew by \(growth) bytes over 1000 rounds")
    }
}
