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
        defer { close(descriptors[0]) }
        let child = try BackgroundProcess(["sleep", "30"])
        defer { _ = child.stop(SIGKILL) }
        close(descriptors[1])
        _ = fcntl(descriptors[0], F_SETFL, fcntl(descriptors[0], F_GETFL) | O_NONBLOCK)
        var byte: UInt8 = 0
        // End of file at once: no other process holds the writing end.
        #expect(read(descriptors[0], &byte, 1) == 0, "the child holds the pipe open (errno \(errno))")
    }
}
