import Foundation

/// A lock and condition whose timed waits run on CLOCK_MONOTONIC, so a
/// wall-clock jump (an NTP correction, a clock set back, a resume) neither
/// lengthens nor shortens a back-off or a refresh interval. NSCondition's
/// `wait(until: Date)` waits against the wall clock: set back an hour, a
/// 5-second back-off would last an hour and five seconds.
public final class MonotonicCondition: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()

    public init() {
        pthread_mutex_init(&mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(&condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(&condition)
        pthread_mutex_destroy(&mutex)
    }

    public func lock() { pthread_mutex_lock(&mutex) }
    public func unlock() { pthread_mutex_unlock(&mutex) }
    public func broadcast() { pthread_cond_broadcast(&condition) }
    public func wait() { pthread_cond_wait(&condition, &mutex) }

    /// Waits (the lock held) until woken or `deadline` on `uptime()`; false once the deadline has passed.
    @discardableResult
    public func wait(untilUptime deadline: Double) -> Bool {
        guard deadline > Self.uptime() else { return false }
        var time = timespec(tv_sec: Int(deadline.rounded(.down)), tv_nsec: Int((deadline - deadline.rounded(.down)) * 1e9))
        if time.tv_nsec >= 1_000_000_000 { time.tv_sec += 1; time.tv_nsec -= 1_000_000_000 }
        return pthread_cond_timedwait(&condition, &mutex, &time) != ETIMEDOUT
    }

    /// Seconds on CLOCK_MONOTONIC.
    public static func uptime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
