import Foundation
import Synchronization

/// The board's request budget shared by every connection that asks on its
/// own (`max_requests_per_minute`): each request waits here for a token
/// (`RequestBudget`; a login is counted and does not wait: `charge`);
/// when tokens are short the others wait while live status does. The journal never takes more than `BudgetBook.journalShare`
/// of the budget, and details never starve it below that. A user's own
/// requests (a call, a history page, a recording) do not come here.
public final class RequestGate: @unchecked Sendable {
    private let condition = MonotonicCondition()
    // Guarded by `condition`.
    private var book: BudgetBook
    private var waiting = Array(repeating: 0, count: RequestKind.allCases.count)
    private var admitted = Array(repeating: 0, count: RequestKind.allCases.count)
    /// The clock the waits are timed on.
    private func clock() -> Double { MonotonicCondition.uptime() }

    public init(perMinute: Int) {
        book = BudgetBook(perMinute: perMinute, now: MonotonicCondition.uptime())
    }

    /// Waits until a `kind` request may go; false when `isCancelled` turned
    /// true first (the connection is being stopped: `wake()` ends the wait).
    public func admit(_ kind: RequestKind, isCancelled: () -> Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        waiting[kind.rawValue] += 1
        defer { waiting[kind.rawValue] -= 1 }
        while !isCancelled() {
            let now = clock()
            // Live status before anything else; details and the journal take
            // turns (the journal within its share, so neither starves the other).
            let wait = book.take(kind, now: now, moreUrgentWaiting: kind != .live && waiting[RequestKind.live.rawValue] > 0)
            if wait == 0 {
                admitted[kind.rawValue] += 1
                // Another waiter may go on what is left.
                condition.broadcast()
                return true
            }
            _ = condition.wait(untilUptime: now + wait)
        }
        return false
    }

    /// Counts a `kind` request that goes at once (a login the session's
    /// threads wait for): the requests after it wait the longer.
    public func charge(_ kind: RequestKind) {
        condition.lock()
        book.charge(kind, now: clock())
        admitted[kind.rawValue] += 1
        condition.unlock()
    }

    /// The service said "not now" (`Retry-After`): no background request
    /// goes for `seconds`.
    public func pause(seconds: Double) {
        condition.lock()
        book.pause(until: clock() + seconds)
        condition.unlock()
    }

    /// Wakes every waiter to look at its cancellation again.
    public func wake() {
        condition.lock()
        condition.broadcast()
        condition.unlock()
    }

    /// The seconds a `kind` request would wait now (nothing is taken).
    public func wouldWait(_ kind: RequestKind) -> Double {
        condition.lock()
        defer { condition.unlock() }
        var copy = book
        return copy.take(kind, now: clock(), moreUrgentWaiting: false)
    }

    /// How many requests of each kind went through, for logs and benchmarks.
    public func admittedCounts() -> [RequestKind: Int] {
        condition.lock()
        defer { condition.unlock() }
        return Dictionary(uniqueKeysWithValues: RequestKind.allCases.map { ($0, admitted[$0.rawValue]) })
    }
}

/// A transport whose every request first waits for the board's budget
/// (a login, `HTTPRequest.waitsForBudget` false, is only counted).
public final class BudgetedTransport: Transport, Sendable {
    private let inner: any Transport
    private let gate: RequestGate
    private let kind: RequestKind
    private let cancelled = Atomic<Bool>(false)

    public init(_ inner: any Transport, gate: RequestGate, kind: RequestKind) {
        self.inner = inner
        self.gate = gate
        self.kind = kind
    }

    public func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        if request.waitsForBudget { try admitted() } else { gate.charge(kind) }
        return heeded(try inner.send(request))
    }

    public func download(_ request: HTTPRequest, to fileDescriptor: Int32,
                         progress: @escaping (Int64, Int64?) -> Void) throws(TransportError) -> HTTPResponse {
        try admitted()
        return heeded(try inner.download(request, to: fileDescriptor, progress: progress))
    }

    public func cancel() {
        cancelled.store(true, ordering: .sequentiallyConsistent)
        gate.wake()
        inner.cancel()
    }

    private func admitted() throws(TransportError) {
        guard gate.admit(kind, isCancelled: { cancelled.load(ordering: .sequentiallyConsistent) }) else { throw .cancelled }
    }

    /// A `429` or `503` with `Retry-After` pauses every background request.
    private func heeded(_ response: HTTPResponse) -> HTTPResponse {
        if response.status == 429 || response.status == 503, let value = response.header("Retry-After"),
           let seconds = RequestBudget.retryAfterSeconds(value, now: Date()), seconds > 0 {
            gate.pause(seconds: seconds)
        }
        return response
    }
}
