import Foundation

/// A self-pipe that wakes a thread sleeping in `poll()`. Writing never
/// blocks: a full pipe already means "wake up".
public final class WakePipe: Sendable {
    public let readDescriptor: Int32
    /// Public for signal handlers, which may only call write(2) on it.
    public let writeDescriptor: Int32

    public init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) != 0 {
            // Without a pipe nothing can wake the UI; there is no way on.
            preconditionFailure("pipe2 failed: errno \(errno)")
        }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    public func signal() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Empties the pipe so the next `poll()` sleeps again.
    public func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readDescriptor, &buffer, buffer.count) > 0 {}
    }
}
