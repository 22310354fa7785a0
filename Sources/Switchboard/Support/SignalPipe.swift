import Foundation

/// Turns termination signals into a readable pipe, so the UI loop can
/// restore the terminal before it exits instead of dying mid-frame.
enum SignalPipe {
    nonisolated(unsafe) private static var writeDescriptor: Int32 = -1
    nonisolated(unsafe) private static var pipe: WakePipeBox?

    final class WakePipeBox {
        let readDescriptor: Int32
        init(readDescriptor: Int32) { self.readDescriptor = readDescriptor }
    }

    /// Installs handlers for `signals` (once) and returns the pipe to poll.
    static func install(_ signals: [Int32]) -> WakePipeBox {
        if let pipe { return pipe }
        var fds: [Int32] = [-1, -1]
        _ = Glibc.pipe(&fds)
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        writeDescriptor = fds[1]
        for number in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { _ in
                var byte: UInt8 = 1
                _ = Glibc.write(SignalPipe.writeDescriptor, &byte, 1)
            }
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, nil)
        }
        // A parent may have left these blocked (test runners, some service
        // managers); a board that cannot hear SIGTERM or SIGHUP never exits.
        var handled = sigset_t()
        sigemptyset(&handled)
        for number in signals + [SIGWINCH] { sigaddset(&handled, number) }
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
        let box = WakePipeBox(readDescriptor: fds[0])
        pipe = box
        return box
    }
}
