import Foundation
import PresenceEngine
import Synchronization

/// A thread of its own that measures each new snapshot (`SnapshotDigest`)
/// before the UI thread sees it: on a 200,000-extension account that pass
/// costs some 100 ms, which would otherwise stand between a key and its
/// frame. It sleeps in `poll()` on the engine's mailbox; the UI thread
/// sleeps on `wakePipe` and takes only the newest digest. Like the UI
/// thread it paces itself (`SnapshotPace`): after a digest that cost T it
/// waits T before the next, so a large account's stream of changes takes
/// at most half a core here; the mailbox keeps the newest, nothing is
/// lost. The digest the board lets go of comes back here to be freed
/// (`retire`): freeing a large account's states costs as much as measuring
/// them.
final class SnapshotPreparer: Sendable {
    private let mailbox: SnapshotMailbox
    let wakePipe = WakePipe()
    private let stopPipe = WakePipe()
    /// The newest digest, and whether the UI thread has taken it.
    private let newest: Mutex<(digest: SnapshotDigest, taken: Bool)>
    private let finished = DispatchSemaphore(value: 0)
    /// Digests the board has let go of, to be freed on this thread.
    private let retired = Mutex<[SnapshotDigest]>([])
    private let retiredPipe = WakePipe()
    /// The preparer's nice value: below the UI thread's share of the CPU.
    static let niceness: Int32 = 5

    /// `first` is what the board showed before the engine started.
    init(mailbox: SnapshotMailbox, first: SnapshotDigest) {
        self.mailbox = mailbox
        newest = Mutex((first, true))
    }

    func start() {
        let thread = Thread { [self] in
            blockWindowSignalsOnThisThread()
            run()
            finished.signal()
        }
        thread.name = "snapshot-preparer"
        thread.start()
    }

    /// Ends the thread and waits for it.
    func stop() {
        stopPipe.signal()
        finished.wait()
    }

    /// The newest digest when the UI thread has not taken it yet.
    func take() -> SnapshotDigest? {
        wakePipe.drain()
        return newest.withLock { slot in
            defer { slot.taken = true }
            return slot.taken ? nil : slot.digest
        }
    }

    /// Frees `digest` on the preparer's thread, if this was its last holder.
    func retire(_ digest: consuming SnapshotDigest?) {
        guard let digest = consume digest else { return }
        retired.withLock { $0.append(digest) }
        retiredPipe.signal()
    }

    private func run() {
        // Measuring is background work: under load the UI thread comes first.
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, Self.niceness)  // 0: this thread, on Linux
        var previous = newest.withLock { $0.digest }
        var pace = SnapshotPace()
        var lastTrim = MonotonicInstant.zero
        while true {
            let held = pace.holdMilliseconds(at: .now())
            var descriptors = [
                pollfd(fd: held > 0 ? -1 : mailbox.wakePipe.readDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: stopPipe.readDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: retiredPipe.readDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, nfds_t(descriptors.count), held > 0 ? held : -1)
            if ready < 0 && errno != EINTR { return }
            if descriptors[1].revents != 0 { return }
            if descriptors[2].revents != 0 { freeRetired(lastTrim: &lastTrim) }
            guard descriptors[0].revents != 0 else { continue }
            mailbox.wakePipe.drain()
            let snapshot = mailbox.latest()
            guard snapshot.version != previous.snapshot.version else { continue }
            pace.started(at: .now())
            let digest = SnapshotDigest(snapshot, previous: previous)
            pace.finished(at: .now())
            previous = digest
            newest.withLock { $0 = (digest, false) }
            wakePipe.signal()
        }
    }

    /// Taken out under the lock, freed outside it: the UI thread's next
    /// `retire` never waits for the freeing.
    private func freeRetired(lastTrim: inout MonotonicInstant) {
        retiredPipe.drain()
        var freed: [SnapshotDigest] = []
        retired.withLock { swap(&freed, &$0) }
        let large = freed.contains { $0.people.count >= 1_000 }
        freed.removeAll()
        // A large account's digests are megabytes freed between live ones:
        // given back to the system now and then, not kept at their peak.
        let now = MonotonicInstant.now()
        if large, now.seconds(since: lastTrim) >= Self.trimSeconds {
            lastTrim = now
            MemoryRelease.trim()
        }
    }

    static let trimSeconds = 30.0
}
