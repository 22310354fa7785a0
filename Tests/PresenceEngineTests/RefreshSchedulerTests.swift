import Foundation
import PresenceEngine
import Testing

/// The refresh scheduler, with no network: what moves is asked often, what
/// does not ever less often, and the long poll's hints bring items forward.
@Suite struct RefreshSchedulerTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    func scheduler() -> RefreshScheduler {
        var scheduler = RefreshScheduler(policy: .init(baseSeconds: 5, quietSeconds: 30))
        scheduler.setItems(queues: ["9100", "9200"], bridges: ["8800"], now: t0)
        return scheduler
    }

    @Test func newItemsAreDueAtOnceInAStableOrder() {
        #expect(scheduler().due(now: t0) == [.queue("9100"), .queue("9200"), .bridge("8800")])
    }

    @Test func anUnchangedItemIsAskedLessAndLessOftenUpToTheQuietInterval() {
        var scheduler = scheduler()
        var now = t0
        var gaps: [Double] = []
        for _ in 0..<6 {
            scheduler.answered(.queue("9100"), changed: false, now: now)
            let next = scheduler.entriesDue(.queue("9100"))
            gaps.append(next.timeIntervalSince(now))
            now = next
        }
        #expect(gaps == [10, 20, 30, 30, 30, 30])
    }

    @Test func aChangeBringsItBackToTheBaseInterval() {
        var scheduler = scheduler()
        scheduler.answered(.queue("9100"), changed: false, now: t0)
        scheduler.answered(.queue("9100"), changed: false, now: at(10))
        scheduler.answered(.queue("9100"), changed: true, now: at(30))
        #expect(scheduler.entriesDue(.queue("9100")) == at(35))
    }

    @Test func aHintMakesAQuietItemDueSoonButNotWithinASecondOfItsLastRequest() {
        var scheduler = scheduler()
        for item in scheduler.due(now: t0) { scheduler.answered(item, changed: false, now: t0) }
        scheduler.answered(.bridge("8800"), changed: false, now: at(10))   // next due at 30
        scheduler.hint([.bridge("8800")], now: at(10.2))
        #expect(scheduler.entriesDue(.bridge("8800")) == at(11))
        #expect(!scheduler.due(now: at(10.5)).contains(.bridge("8800")))
        #expect(scheduler.due(now: at(11)).contains(.bridge("8800")))
        // An unknown item is no hint.
        scheduler.hint([.bridge("9999")], now: at(12))
        #expect(scheduler.count == 3)
    }

    @Test func aFailureIsAskedAgainAfterTheBaseInterval() {
        var scheduler = scheduler()
        scheduler.answered(.queue("9200"), changed: false, now: t0)
        scheduler.answered(.queue("9200"), changed: false, now: at(10))
        scheduler.failed(.queue("9200"), now: at(30))
        #expect(scheduler.entriesDue(.queue("9200")) == at(35))
    }

    @Test func theDirectoryAddsAndRemovesItems() {
        var scheduler = scheduler()
        for item in scheduler.due(now: t0) { scheduler.answered(item, changed: false, now: t0) }
        scheduler.setItems(queues: ["9100", "9300"], bridges: [], now: at(3))
        #expect(scheduler.count == 2)
        #expect(scheduler.due(now: at(3)) == [.queue("9300")])
        #expect(scheduler.nextDue == at(3))
    }

    /// An idle account: three items asked every 30 s once they settle,
    /// fewer than 12 requests a minute in all with the poll and directory.
    @Test func anIdleBoardAsksAboutSixTimesAMinuteForThreeItems() {
        var scheduler = scheduler()
        var now = t0, asked = 0
        while now < at(600) {
            for item in scheduler.due(now: now) {
                scheduler.answered(item, changed: false, now: now)
                if now >= at(60) { asked += 1 }
            }
            now = scheduler.nextDue ?? at(600)
        }
        // 9 minutes measured: 3 items every 30 s.
        #expect(asked <= 3 * 2 * 9 + 3)
    }

    @Test func aQueueCallHintsAQueueCallAndACallToABridgeHintsThatBridgeBeforeOrAfter() {
        var onQueue = ExtensionState(number: "201", name: "Ana")
        onQueue.direction = .queueCall
        var inBridge = ExtensionState(number: "202", name: "Bo")
        inBridge.direction = .intraPBX
        inBridge.onCallWith = "8800"
        let idle = ExtensionState(number: "203", name: "Cy")
        func hints(_ states: [ExtensionState], before: [String: ExtensionState] = [:]) -> RefreshScheduler.Hints {
            RefreshScheduler.hints(states, before: { before[$0] }, bridges: ["8800"])
        }
        #expect(hints([onQueue]) == RefreshScheduler.Hints(queueCall: true))
        #expect(hints([inBridge]) == RefreshScheduler.Hints(bridges: [.bridge("8800")]))
        #expect(hints([idle]).isEmpty)
        // Leaving the bridge (or the queue call) hints it too.
        var left = inBridge
        left.direction = .idle
        left.onCallWith = ""
        #expect(hints([left], before: ["202": inBridge]) == RefreshScheduler.Hints(bridges: [.bridge("8800")]))
    }

    /// A queue call never brings every queue forward (issue 23: on a busy
    /// 300-extension account that was 625 queue requests a minute): only the
    /// queues with callers or calls, else the one asked longest ago.
    @Test func aQueueCallBringsForwardTheActiveQueuesOrOneNeverAll() {
        var scheduler = RefreshScheduler(policy: .init(baseSeconds: 5, quietSeconds: 30))
        let queues = (1...30).map { String(9100 + $0) }
        scheduler.setItems(queues: queues, bridges: [], now: at(0))
        for (offset, queue) in queues.enumerated() { scheduler.answered(.queue(queue), changed: false, now: at(Double(offset) / 10)) }
        // Nothing due for a while; a queue call with two active queues.
        scheduler.hintQueueCall(active: ["9105", "9107", "7777"], now: at(5))
        #expect(scheduler.due(now: at(6)) == [.queue("9105"), .queue("9107")])
        scheduler.answered(.queue("9105"), changed: true, now: at(6))
        scheduler.answered(.queue("9107"), changed: true, now: at(6))
        // No active queue: the one asked longest ago (9101, asked at 0), and only it.
        scheduler.hintQueueCall(active: [], now: at(7))
        #expect(scheduler.due(now: at(8)) == [.queue("9101")])
    }
}

/// The budget goes where people look (issue 23): what is off screen is
/// asked rarely, what has callers waiting often, and what comes into view
/// at once when its figures are old.
@Suite struct RefreshPriorityTests {
    let t0 = Date(timeIntervalSinceReferenceDate: 1_000)
    func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    @Test func offScreenItemsAreAskedRarelyAndWaitingCallersOften() {
        var scheduler = RefreshScheduler(policy: .init(baseSeconds: 5, quietSeconds: 30))
        scheduler.setItems(queues: ["9100", "9101", "9102"], bridges: [], now: at(0))
        scheduler.setSeen([.queue("9100")], now: at(0))
        // Unchanged for ten minutes: asked whenever due.
        var asked: [RefreshScheduler.Item: Int] = [:]
        var clock = 0.0
        while clock < 600 {
            for item in scheduler.due(now: at(clock)) {
                asked[item, default: 0] += 1
                scheduler.answered(item, changed: false, waiting: item == .queue("9102"), now: at(clock))
            }
            clock += 1
        }
        // Seen: every 30 s at most apart; not seen: up to 120 s; callers waiting: every 5 s.
        #expect((20...26).contains(asked[.queue("9100")] ?? 0), "\(asked)")
        #expect((5...10).contains(asked[.queue("9101")] ?? 0), "\(asked)")
        #expect((110...121).contains(asked[.queue("9102")] ?? 0), "\(asked)")
        // 9101 comes into view 100 s after its last answer: due at once.
        let last = scheduler.dueDate(of: .queue("9101"))!.addingTimeInterval(-120)
        scheduler.setSeen([.queue("9100"), .queue("9101")], now: last.addingTimeInterval(100))
        #expect(scheduler.due(now: last.addingTimeInterval(100)).contains(.queue("9101")))
    }
}

extension RefreshScheduler {
    func entriesDue(_ item: Item) -> Date { dueDate(of: item) ?? .distantFuture }
}
