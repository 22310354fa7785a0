import Foundation
import PresenceEngine
import Synchronization
import Testing

/// Two engine threads publish; a snapshot never replaces a newer one, so
/// whoever shows them ends on the newest.
@Suite struct SnapshotOrderTests {
    @Test func anOlderSnapshotNeverReplacesANewerOne() {
        let mailbox = SnapshotMailbox()
        #expect(mailbox.publish(PresenceSnapshot(version: 5), counters: EngineCounters()))
        #expect(!mailbox.publish(PresenceSnapshot(version: 4), counters: EngineCounters()))
        #expect(mailbox.latest().version == 5)
        #expect(mailbox.publish(PresenceSnapshot(version: 5), counters: EngineCounters()), "the same version may refresh the counters")
    }

    final class Versions: Sendable {
        private let next = Mutex(0)
        private let backwards = Mutex(0)
        func take() -> Int { next.withLock { value in value += 1; return value } }
        func sawBackwards() { backwards.withLock { $0 += 1 } }
        var backwardSteps: Int { backwards.withLock { $0 } }
    }

    /// Versions taken in order but published racing, as two threads that
    /// change the store and then publish would: a reader (the UI) never sees
    /// the version go back, and the mailbox ends on the last.
    @Test func twoThreadsPublishingManyChangesEndOnTheNewest() {
        let mailbox = SnapshotMailbox()
        let versions = Versions()
        let perThread = 20_000
        let done = DispatchSemaphore(value: 0)
        let readerDone = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var seen = 0
            while seen < 2 * perThread {
                let version = mailbox.latest().version
                if version < seen { versions.sawBackwards() }
                seen = max(seen, version)
            }
            readerDone.signal()
        }
        for _ in 0..<2 {
            Thread.detachNewThread {
                for _ in 0..<perThread {
                    let version = versions.take()
                    // The gap between the store's unlock and the publish,
                    // where the other thread can overtake.
                    if version % 3 == 0 { usleep(1) }
                    mailbox.publish(PresenceSnapshot(version: version), counters: EngineCounters())
                    if version % 7 == 0 { _ = mailbox.latest() }
                }
                done.signal()
            }
        }
        done.wait()
        done.wait()
        _ = readerDone.wait(timeout: .now() + 30)
        #expect(versions.backwardSteps == 0, "the reader saw an older snapshot replace a newer one")
        #expect(mailbox.latest().version == 2 * perThread)
    }
}
