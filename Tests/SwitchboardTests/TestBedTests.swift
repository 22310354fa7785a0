import Foundation
import Testing
import TestSupport

/// The test bed itself: what it starts must not disturb the in-process
/// simulators the other tests run.
@Suite struct TestBedTests {
    /// A board or tmux server started by a test lives for seconds; holding a
    /// copy of a simulator's socket, it kept connections the simulator had
    /// closed open for that long, so a dropped answer looked like a hang.
    @Test func aStartedProcessHoldsNoneOfTheTestsDescriptors() throws {
        var descriptors: [Int32] = [0, 0]
        try #require(pipe(&descriptors) == 0)  // not close-on-exec, as NIO's sockets
        // Moved to numbers the child would never open by itself (it gets the
        // lowest free one, as `sleep` does for a moment to read its locale).
        let ours: [Int32] = [900, 901]
        for (descriptor, high) in zip(descriptors, ours) {
            try #require(dup2(descriptor, high) == high)
            close(descriptor)
        }
        defer { ours.forEach { close($0) } }
        let child = try BackgroundProcess(["sleep", "30"])
        defer { _ = child.stop(SIGKILL) }
        // posix_spawn returns once the child runs the program.
        let open = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(child.pid)/fd").compactMap { Int32($0) }.sorted()
        #expect(Set(open).isDisjoint(with: ours), "the child holds \(open)")
        #expect(open.filter { $0 > 3 }.isEmpty, "the child holds \(open)")
    }
}
