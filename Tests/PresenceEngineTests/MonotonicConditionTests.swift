import Foundation
@testable import PresenceEngine
import Testing

/// The engine's waits run on CLOCK_MONOTONIC: a timed wait ends by that
/// clock (the wall clock is never read), and a broadcast ends it sooner.
@Suite struct MonotonicConditionTests {
    @Test func aTimedWaitEndsByTheMonotonicClock() {
        let condition = MonotonicCondition()
        let start = MonotonicCondition.uptime()
        condition.lock()
        var woken = false
        while condition.wait(untilUptime: start + 0.05) { woken = true }
        condition.unlock()
        #expect(MonotonicCondition.uptime() >= start + 0.05)
        #expect(!woken)
        // A deadline already passed does not wait at all.
        condition.lock()
        #expect(!condition.wait(untilUptime: start))
        condition.unlock()
    }

    @Test func aBroadcastEndsTheWait() async throws {
        let condition = MonotonicCondition()
        let box = Flag()
        let waiter = Thread {
            condition.lock()
            while !box.value { condition.wait(untilUptime: MonotonicCondition.uptime() + 60) }
            condition.unlock()
            box.done = true
        }
        waiter.start()
        condition.lock()
        box.value = true
        condition.broadcast()
        condition.unlock()
        let deadline = Date().addingTimeInterval(15)
        while !box.done && Date() < deadline { try await Task.sleep(for: .milliseconds(5)) }
        #expect(box.done)
    }
}

private final class Flag: @unchecked Sendable {
    var value = false
    var done = false
}
