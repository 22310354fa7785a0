import Foundation
import PresenceEngine

/// Turns termination signals into a readable pipe, so the UI loop can
/// restore the terminal before it exits instead of dying mid-frame.
enum SignalPipe {
    nonisolated(unsafe) private static var writeDescriptor: Int32 = -1
    nonisolated(unsafe) private static var pipe: WakePipe?

    /// Installs handlers for `signals` (once) and returns the pipe to poll.
    static func install(_ signals: [Int32]) -> WakePipe {
        if let pipe { return pipe }
        let wake = WakePipe()
        writeDescriptor = wake.writeDescriptor
        for number in signals {
            var action = sigaction()
            // Only write(2) here: it is async-signal-safe.
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
        pipe = wake
        return wake
    }
}
