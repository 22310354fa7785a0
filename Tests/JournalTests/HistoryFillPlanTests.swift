import Foundation
import Journal
import Testing

/// The history fill's schedule, as a pure state machine: what it reads, in
/// what order, what it leaves out, and how it goes on after a failure, a
/// refusal or a restart.
struct HistoryFillPlanTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    var sinceAnHourAgo: Date { now.addingTimeInterval(-3600) }

    /// People 201...(200+count); `called` get a last call ten minutes ago, the others a day ago.
    func people(_ count: Int, called: Set<String> = [], unknown: Set<String> = [], own: Set<String> = []) -> [HistoryFillPlan.Person] {
        (1...count).map { index in
            let number = String(200 + index)
            let last = called.contains(number) ? now.addingTimeInterval(-600) : now.addingTimeInterval(-86_400)
            return HistoryFillPlan.Person(number: number, lastCallMs: unknown.contains(number) ? nil : Int64(last.timeIntervalSince1970 * 1000),
                                          isOwn: own.contains(number))
        }
    }

    /// Runs the plan to the end, every read answered with `outcome`; the numbers read, in order.
    func drain(_ plan: inout HistoryFillPlan, _ people: [HistoryFillPlan.Person], limit: Int = 1000,
               outcome: (String) -> HistoryFillPlan.Outcome = { _ in .read }) -> [String] {
        var read: [String] = []
        for _ in 0..<limit {
            guard case .read(let number, _, _) = plan.next(people: people, now: now) else { break }
            read.append(number)
            plan.finished(number, outcome(number), now: now)
        }
        return read
    }

    @Test func aStartReadsOnlyTheExtensionsWithACallSinceAndThoseThatDoNotSay() {
        var plan = HistoryFillPlan()
        plan.add(.start, since: sinceAnHourAgo)
        let everyone = people(8, called: ["203", "207"], unknown: ["205"])
        #expect(plan.left(people: everyone) == 3)
        guard case .read("203", let since, false) = plan.next(people: everyone, now: now) else {
            Issue.record("the first read is not 203's")
            return
        }
        #expect(since == sinceAnHourAgo)
        plan.finished("203", .read, now: now)
        #expect(drain(&plan, everyone) == ["205", "207"])
        #expect(plan.isEmpty && plan.next(people: everyone, now: now) == .idle)
    }

    @Test func anAccountWithNoCallsSinceReadsNothing() {
        var plan = HistoryFillPlan()
        plan.add(.start, since: sinceAnHourAgo)
        #expect(drain(&plan, people(10_000)).isEmpty)
        #expect(plan.isEmpty)
    }

    @Test func aStoppedFillGoesOnWhereItStoppedAfterARestart() throws {
        var plan = HistoryFillPlan()
        plan.add(.start, since: sinceAnHourAgo)
        let everyone = people(30, called: Set((201...230).map(String.init)))
        for _ in 0..<10 {
            guard case .read(let number, _, _) = plan.next(people: everyone, now: now) else { break }
            plan.finished(number, .read, now: now)
        }
        // One read handed out when the board stops: not counted as read.
        guard case .read("211", _, _) = plan.next(people: everyone, now: now) else { Issue.record("no eleventh read"); return }
        var resumed = try JSONDecoder().decode(HistoryFillPlan.self, from: JSONEncoder().encode(plan))
        // The next start adds its own span (no call began in it): the unfinished one goes on.
        resumed.add(.start, since: now.addingTimeInterval(-60))
        #expect(resumed.windows.count == 2)
        #expect(resumed.left(people: everyone) == 20)
        // A third span that wants everyone again counts each extension once.
        resumed.add(.outage, since: sinceAnHourAgo)
        #expect(resumed.left(people: everyone) == 30)
        #expect(resumed.windows.count == 2)  // merged into the span not started
        let expected: [String] = (211...230).map { String($0) } + (201...230).map { String($0) }
        #expect(drain(&resumed, everyone) == expected)
    }

    @Test func shorterNumbersComeFirstAndTheCursorFollowsThatOrder() {
        let numbers = ["10000", "99", "201", "1000", "3000"].sorted(by: HistoryFillPlan.precedes)
        #expect(numbers == ["99", "201", "1000", "3000", "10000"])
        let everyone = numbers.map { HistoryFillPlan.Person(number: $0, lastCallMs: nil, isOwn: false) }
        var plan = HistoryFillPlan()
        plan.add(.outage, since: sinceAnHourAgo)
        #expect(drain(&plan, everyone) == numbers)
    }

    @Test func aUserWhoMayReadOnlyTheirOwnStartsAgainWithThoseOnly() {
        var plan = HistoryFillPlan()
        plan.add(.start, since: sinceAnHourAgo)
        let everyone = people(6, unknown: Set((201...206).map(String.init)), own: ["204"])
        let read = drain(&plan, everyone) { $0 == "204" ? .read : .notPermitted }
        #expect(read == ["201", "204"])
        #expect(plan.onlyOwn)
    }

    @Test func aServiceThatDoesNotAnswerIsAskedAgainLaterAndOneRefusalIsSkipped() {
        var plan = HistoryFillPlan()
        plan.add(.start, since: sinceAnHourAgo)
        let everyone = people(3, unknown: ["201", "202", "203"])
        guard case .read("201", _, _) = plan.next(people: everyone, now: now) else { Issue.record("no first read"); return }
        plan.finished("201", .failed(transient: true), now: now)
        guard case .wait(let until) = plan.next(people: everyone, now: now) else { Issue.record("no wait"); return }
        #expect(until.timeIntervalSince(now) == 15)
        guard case .read("201", _, _) = plan.next(people: everyone, now: until) else { Issue.record("201 not again"); return }
        plan.finished("201", .failed(transient: true), now: until)
        guard case .wait(let later) = plan.next(people: everyone, now: until) else { Issue.record("no second wait"); return }
        #expect(later.timeIntervalSince(until) == 30)
        guard case .read("201", _, _) = plan.next(people: everyone, now: later) else { Issue.record("201 not a third time"); return }
        plan.finished("201", .failed(transient: false), now: later)
        guard case .read("202", _, _) = plan.next(people: everyone, now: later) else { Issue.record("201 not skipped"); return }
    }

    @Test func whileWatchingOnlyTheCallsSeenInPassingAreRead() {
        var plan = HistoryFillPlan()
        let seenAt = now.addingTimeInterval(-120)
        plan.sawUnseenCall("205", at: seenAt)
        plan.add(.periodic, since: now.addingTimeInterval(-60), onlyMissed: true)
        #expect(plan.hasPeriodic)
        let everyone = people(10, called: Set((201...210).map(String.init)))
        guard case .read("205", let since, true) = plan.next(people: everyone, now: now) else { Issue.record("205 not read"); return }
        #expect(since == seenAt.addingTimeInterval(-HistoryFillPlan.lead))
        plan.finished("205", .read, now: now)
        #expect(plan.next(people: everyone, now: now) == .idle)
        #expect(plan.unseen.isEmpty && !plan.hasPeriodic)
    }

    @Test func windowsNotStartedAreOneAndTheirNumberIsBounded() {
        var plan = HistoryFillPlan()
        plan.add(.outage, since: now.addingTimeInterval(-100))
        plan.add(.outage, since: now.addingTimeInterval(-500))
        #expect(plan.windows.count == 1 && plan.windows[0].since == now.addingTimeInterval(-500))
        let everyone = people(20, unknown: Set((201...220).map(String.init)))
        for round in 0..<10 {
            guard case .read(let number, _, _) = plan.next(people: everyone, now: now) else { break }
            plan.finished(number, .read, now: now)
            plan.add(.outage, since: now.addingTimeInterval(Double(-round)))
            #expect(plan.windows.count <= 4)
        }
    }

    @Test func nothingOlderThanTheFloorIsRead() {
        var plan = HistoryFillPlan()
        plan.add(.start, since: now.addingTimeInterval(-10 * 86_400))
        plan.sawUnseenCall("201", at: now.addingTimeInterval(-5 * 86_400))
        plan.clamp(to: now.addingTimeInterval(-2 * 86_400))
        #expect(plan.windows[0].since == now.addingTimeInterval(-2 * 86_400))
        #expect(plan.unseen.isEmpty)
    }
}
