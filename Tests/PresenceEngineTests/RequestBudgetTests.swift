import Foundation
import Synchronization
import Testing
import TestSupport
@testable import PresenceEngine

/// The request budget (issue 23): a token bucket the board's own requests
/// keep to, the long poll first, the journal within its share, and the
/// service's `Retry-After` obeyed. Pure: the clock comes in.
@Suite struct RequestBudgetTests {
    @Test func aBurstThenTheRate() {
        var budget = RequestBudget(perMinute: 120, now: 0)
        #expect(budget.burst == 30)
        for _ in 0..<30 { #expect(budget.take(now: 0) == 0) }
        // Empty: the next token in half a second (2 a second).
        #expect(abs(budget.take(now: 0) - 0.5) < 1e-9)
        #expect(budget.take(now: 0.5) == 0)
        // A minute of asking as fast as allowed: the burst and 120 more.
        var taken = 0, clock = 0.5
        while clock < 60.5 {
            let wait = budget.take(now: clock)
            if wait == 0 { taken += 1 } else { clock += wait }
        }
        #expect((119...121).contains(taken), "\(taken)")
        // Idle for long: never more than the burst at once.
        var rested = RequestBudget(perMinute: 120, now: 0)
        var atOnce = 0
        while rested.take(now: 3_600) == 0 { atOnce += 1 }
        #expect(atOnce == 30)
    }

    @Test func theLongPollGoesFirstAndTheJournalKeepsToItsShare() {
        var book = BudgetBook(perMinute: 120, now: 0)
        // While the long poll waits, details and the journal wait for it.
        #expect(book.take(.details, now: 0, moreUrgentWaiting: true) > 0)
        // The journal alone for a minute: a quarter of the budget (and its burst).
        var journal = 0, clock = 0.0
        while clock < 60 {
            let wait = book.take(.journal, now: clock, moreUrgentWaiting: false)
            if wait == 0 { journal += 1 } else { clock += wait }
        }
        #expect((30...40).contains(journal), "\(journal) journal requests in a minute of 120")
        // What the journal left is there for details.
        #expect(book.take(.details, now: clock, moreUrgentWaiting: false) == 0)
    }

    /// Details asking all the time (four refresh connections) do not starve
    /// the journal: it still gets its share. Found measuring a busy
    /// 300-extension board: no history read in three minutes.
    @Test func detailsAskingAllTheTimeLeaveTheJournalItsShare() async throws {
        let gate = RequestGate(perMinute: 600)  // 10 a second: the test takes about 6 s
        let counts = Counts()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await onOwnThread {
                        while gate.admit(.details, isCancelled: { counts.stop.load(ordering: .relaxed) }) { counts.details.withLock { $0 += 1 } }
                    }
                }
            }
            group.addTask {
                try await onOwnThread {
                    while gate.admit(.journal, isCancelled: { counts.stop.load(ordering: .relaxed) }) { counts.journal.withLock { $0 += 1 } }
                }
            }
            try await waitUntil("the journal's share at work", within: .seconds(60)) { counts.journal.withLock { $0 } >= 20 }
            counts.stop.store(true, ordering: .relaxed)
            gate.wake()
            try await group.waitForAll()
        }
        #expect(counts.details.withLock { $0 } > counts.journal.withLock { $0 })
    }

    final class Counts: Sendable {
        let journal = Mutex(0), details = Mutex(0)
        let stop = Atomic<Bool>(false)
    }

    @Test func retryAfterIsReadAsSecondsOrADate() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(RequestBudget.retryAfterSeconds("120", now: now) == 120)
        #expect(RequestBudget.retryAfterSeconds(" 5 ", now: now) == 5)
        #expect(RequestBudget.retryAfterSeconds("86400", now: now) == 600)
        let date = "Thu, 14 Jan 2027 08:00:30 GMT"  // 30 s after `now`
        #expect(RequestBudget.retryAfterSeconds(date, now: Date(timeIntervalSince1970: 1_799_913_600)) == 30)
        #expect(RequestBudget.retryAfterSeconds("soon", now: now) == nil)
        #expect(RequestBudget.retryAfterSeconds("-3", now: now) == nil)
    }

    /// A login goes at once, however short the budget: every thread of the
    /// session may be waiting for it, a person's call too. It is paid for
    /// by the requests after it.
    @Test func aLoginNeverWaitsForTheBudgetButIsPaidFor() async throws {
        var budget = RequestBudget(perMinute: 60, burst: 1, now: 0)
        #expect(budget.take(now: 0) == 0)
        budget.charge(now: 0)
        #expect(abs(budget.take(now: 0) - 2) < 1e-9, "one token owed, one to wait for: 2 s at one a second")

        let gate = RequestGate(perMinute: 120)
        gate.pause(seconds: 600)
        let transport = BudgetedTransport(CannedTransport([]), gate: gate, kind: .details)
        var login = HTTPRequest(path: VonageClient.loginPath)
        login.waitsForBudget = false
        // Waiting for the budget would be the ten-minute pause.
        let request = login
        let status = Mutex<Int?>(nil)
        Thread {
            let answered = (try? transport.send(request))?.status ?? -1
            status.withLock { $0 = answered }
        }.start()
        defer { transport.cancel() }  // a login stuck in the pause ends
        try await waitUntil("the login answered") { status.withLock { $0 } != nil }
        #expect(status.withLock { $0 } == 200)
        #expect(gate.admittedCounts()[.details] == 1)
    }

    /// A 429 or 503 with `Retry-After` pauses every background request;
    /// the requests themselves go through the budget.
    @Test func aRetryAfterPausesTheBudget() throws {
        let gate = RequestGate(perMinute: 120)
        let answers = CannedTransport([HTTPResponse(status: 429, headers: [("Retry-After", "120")]), HTTPResponse(status: 200)])
        let transport = BudgetedTransport(answers, gate: gate, kind: .details)
        #expect(gate.wouldWait(.live) == 0)
        _ = try transport.send(HTTPRequest(path: "/presence/rest/queue/500"))
        #expect(gate.wouldWait(.live) > 100, "paused for the two minutes asked")
        #expect(gate.admittedCounts()[.details] == 1)
        // Stopping ends a wait for the budget at once.
        transport.cancel()
        #expect(throws: TransportError.cancelled) { _ = try transport.send(HTTPRequest(path: "/presence/rest/queue/500")) }
    }
}

/// Answers each request with the next canned response.
final class CannedTransport: Transport, Sendable {
    private let responses: Mutex<[HTTPResponse]>
    init(_ responses: [HTTPResponse]) { self.responses = Mutex(responses) }
    func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        responses.withLock { $0.isEmpty ? HTTPResponse(status: 200) : $0.removeFirst() }
    }
    func download(_ request: HTTPRequest, to fileDescriptor: Int32,
                  progress: @escaping (Int64, Int64?) -> Void) throws(TransportError) -> HTTPResponse {
        try send(request)
    }
    func cancel() {}
}
