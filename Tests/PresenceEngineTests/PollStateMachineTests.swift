import Foundation
import PresenceEngine
import Testing

/// The long-poll protocol with no network and no clock.
@Suite struct PollStateMachineTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let answer = DashuiAnswer(extensions: [ExtensionState(number: "201", name: "Ana")])

    func liveMachine() -> PollStateMachine {
        var machine = PollStateMachine()
        _ = machine.next(after: .started, now: now, jitter: 0.5)
        _ = machine.next(after: .loggedIn, now: now, jitter: 0.5)
        _ = machine.next(after: .changed(answer), now: now, jitter: 0.5)
        return machine
    }

    @Test func startsWithALoginThenAFirstRequest() {
        var machine = PollStateMachine()
        #expect(machine.next(after: .started, now: now, jitter: 0) == [.login])
        #expect(machine.health == .connecting)
        #expect(machine.next(after: .loggedIn, now: now, jitter: 0) == [.poll(firstRequest: true)])
    }

    @Test func theFirstAnswerIsFoldedAsCompleteAndLaterOnesAsDiffs() {
        var machine = PollStateMachine()
        _ = machine.next(after: .started, now: now, jitter: 0)
        _ = machine.next(after: .loggedIn, now: now, jitter: 0)
        #expect(machine.next(after: .changed(answer), now: now, jitter: 0) == [.fold(answer, complete: true), .poll(firstRequest: false)])
        #expect(machine.health == .live)
        #expect(machine.lastGood == now)
        // A change at once after the poll was asked for: the next one waits a moment.
        #expect(machine.next(after: .changed(answer), now: now, jitter: 0)
                == [.fold(answer, complete: false), .gather(seconds: 1), .poll(firstRequest: false)])
    }

    @Test func notModifiedPollsAgainAtOnce() {
        var machine = liveMachine()
        #expect(machine.next(after: .unchanged, now: now, jitter: 0) == [.confirmCurrent, .poll(firstRequest: false)])
        #expect(machine.health == .live)
    }

    @Test func conflictsBackOffAndTheThirdStartsAFreshSession() {
        var machine = liveMachine()
        let first = machine.next(after: .conflict, now: now, jitter: 0.5)
        #expect(first == [.backoff(seconds: 1.0), .poll(firstRequest: false)])
        let second = machine.next(after: .conflict, now: now, jitter: 0.5)
        #expect(second == [.backoff(seconds: 2.0), .poll(firstRequest: false)])
        let third = machine.next(after: .conflict, now: now, jitter: 0.5)
        #expect(third.last == .login)
        #expect(machine.next(after: .loggedIn, now: now, jitter: 0) == [.poll(firstRequest: true)])
        // The answer after a fresh session replaces the whole store.
        #expect(machine.next(after: .changed(answer), now: now, jitter: 0).first == .fold(answer, complete: true))
    }

    @Test func aLostSessionLogsInAgainAtOnceThenBacksOffIfItKeepsHappening() {
        var machine = liveMachine()
        #expect(machine.next(after: .sessionLost(status: 403), now: now, jitter: 0) == [.login])
        _ = machine.next(after: .loggedIn, now: now, jitter: 0)
        let again = machine.next(after: .sessionLost(status: 403), now: now, jitter: 0)
        #expect(again.count == 2)
        #expect(again.last == .login)
        guard case .backoff = again.first else { Issue.record("expected a back-off, got \(again)"); return }
    }

    @Test func failuresBackOffExponentiallyCappedAt30Seconds() {
        var machine = liveMachine()
        var delays: [Double] = []
        for _ in 0..<10 {
            let steps = machine.next(after: .serverError(status: 500), now: now, jitter: 1.0 - 1e-12)
            if case .backoff(let seconds) = steps.first { delays.append(seconds) }
            // A failed poll may have lost a diff: the next one asks for everything.
            #expect(steps.last == .poll(firstRequest: true))
        }
        #expect(delays.count == 10)
        #expect(zip(delays, delays.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(delays[0] < 1)
        #expect(abs(delays.last! - 30) < 0.001)
        #expect(delays.allSatisfy { $0 <= 30 })
    }

    @Test func jitterSpreadsTheBackOffBetweenHalfAndAll() {
        var low = liveMachine(), high = liveMachine()
        _ = low.next(after: .networkFailed(.timedOut), now: now, jitter: 0)
        _ = high.next(after: .networkFailed(.timedOut), now: now, jitter: 0)
        let lowDelay = low.next(after: .networkFailed(.timedOut), now: now, jitter: 0)
        let highDelay = high.next(after: .networkFailed(.timedOut), now: now, jitter: 1.0 - 1e-12)
        #expect(lowDelay.first == .backoff(seconds: 0.5))
        if case .backoff(let seconds) = highDelay.first { #expect(abs(seconds - 1.0) < 1e-6) }
    }

    @Test func aSuccessResetsTheBackOff() {
        var machine = liveMachine()
        for _ in 0..<6 { _ = machine.next(after: .serverError(status: 502), now: now, jitter: 0) }
        _ = machine.next(after: .unchanged, now: now, jitter: 0)
        #expect(machine.next(after: .serverError(status: 502), now: now, jitter: 0).first == .backoff(seconds: 0.25))
    }

    @Test func healthGoesFromReconnectingToStaleKeepingTheLastGoodTime() {
        var machine = liveMachine()
        let later = now.addingTimeInterval(5)
        _ = machine.next(after: .networkFailed(.cannotConnect("refused")), now: later, jitter: 0)
        #expect(machine.health == .reconnecting(attempt: 1, since: later))
        _ = machine.next(after: .networkFailed(.cannotConnect("refused")), now: later.addingTimeInterval(1), jitter: 0)
        #expect(machine.health == .reconnecting(attempt: 2, since: later))
        for _ in 0..<10 { _ = machine.next(after: .networkFailed(.timedOut), now: later, jitter: 0) }
        #expect(machine.health == .stale(lastGood: now))
        _ = machine.next(after: .changed(answer), now: later, jitter: 0)
        #expect(machine.health == .live)
    }

    @Test func aMalformedAnswerRestartsFromAFirstRequest() {
        var machine = liveMachine()
        let steps = machine.next(after: .malformed(.notJSON("not JSON")), now: now, jitter: 0)
        #expect(steps.last == .poll(firstRequest: true))
    }

    @Test func aRefusedLoginIsShownAndRetriedSlowly() {
        var machine = PollStateMachine()
        _ = machine.next(after: .started, now: now, jitter: 0)
        let steps = machine.next(after: .loginRefused(reason: "USER NOT LOGGED IN"), now: now, jitter: 0.5)
        #expect(machine.health == .loginFailed(reason: "USER NOT LOGGED IN"))
        #expect(steps == [.backoff(seconds: 60), .login])
    }

    /// A server that answers logins and first requests and meets every long
    /// poll with `failure` (or every request, with `everyPoll`), driven for a
    /// simulated minute at the shortest waits the jitter allows: the
    /// requests it costs, and the health at the end.
    static func minute(of failure: PollStateMachine.Outcome, everyPoll: Bool = false, jitter: Double = 0) -> (requests: Int, health: ConnectionHealth) {
        var machine = PollStateMachine()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var clock = 0.0, requests = 0
        var pending = machine.next(after: .started, now: start, jitter: jitter)
        let answer = DashuiAnswer(extensions: [ExtensionState(number: "201", name: "Ana")])
        while clock < 60, !pending.isEmpty {
            let step = pending.removeFirst()
            var outcome: PollStateMachine.Outcome?
            switch step {
            case .login:
                requests += 1
                outcome = .loggedIn
            case .poll(let first):
                requests += 1
                outcome = first && !everyPoll ? .changed(answer) : failure
            case .backoff(let seconds), .gather(let seconds):
                clock += seconds
            case .fold, .confirmCurrent:
                break
            }
            clock += 0.01  // a request on loopback
            if let outcome { pending = machine.next(after: outcome, now: start.addingTimeInterval(clock), jitter: jitter) }
        }
        return (requests, machine.health)
    }

    static let failures: [PollStateMachine.Outcome] = [
        .sessionLost(status: 403), .sessionLost(status: 401), .sessionLost(status: 302), .sessionLost(status: 404),
        .conflict, .serverError(status: 500), .serverError(status: 503), .malformed(.notJSON("<html>")),
        .networkFailed(.timedOut), .networkFailed(.cannotConnect("refused")),
    ]

    /// Found by a hostile server: a good first answer reset the back-off,
    /// so a long poll refused every time became 900 requests a second.
    @Test(arguments: failures)
    func noFailurePatternBecomesAStorm(failure: PollStateMachine.Outcome) {
        for everyPoll in [false, true] {
            for jitter in [0.0, 0.5, 1.0 - 1e-9] {
                let (requests, health) = Self.minute(of: failure, everyPoll: everyPoll, jitter: jitter)
                #expect(requests <= 30, "\(failure) everyPoll=\(everyPoll) jitter=\(jitter): \(requests) requests in a minute")
                #expect(health != .live, "\(failure) everyPoll=\(everyPoll): still says live")
            }
        }
    }

    /// A busy account answers every long poll at once with a change: the
    /// polls go about once a second, never one per change; a quiet
    /// account's poll, held by the server, goes again at once.
    @Test func aBusyAccountIsAskedAboutOnceASecond() {
        var machine = PollStateMachine()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let answer = DashuiAnswer(extensions: [ExtensionState(number: "201", name: "Ana")])
        var clock = 0.0, polls = 0
        var pending = machine.next(after: .started, now: start, jitter: 0)
        while clock < 60, !pending.isEmpty {
            var outcome: PollStateMachine.Outcome?
            switch pending.removeFirst() {
            case .login: outcome = .loggedIn
            case .poll:
                polls += 1
                outcome = .changed(answer)
            case .gather(let seconds), .backoff(let seconds): clock += seconds
            case .fold, .confirmCurrent: break
            }
            clock += 0.01
            if let outcome { pending = machine.next(after: outcome, now: start.addingTimeInterval(clock), jitter: 0) }
        }
        #expect((55...62).contains(polls), "\(polls) polls in a busy minute")
        // Held for 20 s by the server before its change: no pause after it.
        var quiet = PollStateMachine()
        _ = quiet.next(after: .started, now: start, jitter: 0)
        _ = quiet.next(after: .loggedIn, now: start, jitter: 0)
        _ = quiet.next(after: .changed(answer), now: start, jitter: 0)
        let steps = quiet.next(after: .changed(answer), now: start.addingTimeInterval(20), jitter: 0)
        #expect(steps.count == 2 && steps.last == .poll(firstRequest: false), "\(steps)")
    }

    @Test func liveStatusRefusedAfterAGoodLoginIsSaidAsARefusal() {
        let (_, health) = Self.minute(of: .sessionLost(status: 403))
        #expect(health == .refused(service: "live status", reason: "HTTP 403, not permitted"))
        let (_, redirected) = Self.minute(of: .sessionLost(status: 302))
        #expect(redirected == .refused(service: "live status", reason: "HTTP 302, a redirect"))
    }

    @Test func aRefusalEndsWhenALongPollGoesThrough() {
        var machine = liveMachine()
        _ = machine.next(after: .sessionLost(status: 403), now: now, jitter: 0)
        _ = machine.next(after: .loggedIn, now: now, jitter: 0)
        _ = machine.next(after: .changed(answer), now: now, jitter: 0)
        _ = machine.next(after: .sessionLost(status: 403), now: now, jitter: 0)
        #expect(machine.health.word == "refused")
        _ = machine.next(after: .loggedIn, now: now, jitter: 0)
        _ = machine.next(after: .changed(answer), now: now, jitter: 0)
        #expect(machine.health.word == "refused")  // a first answer alone proves nothing
        _ = machine.next(after: .unchanged, now: now, jitter: 0)
        #expect(machine.health == .live)
    }

    /// Another thread's login since the poll was sent (`SessionGate`):
    /// start the new session with a first request; no loss, no failure, so
    /// a real loss after it still logs in at once.
    @Test func aSessionRenewedByAnotherThreadStartsWithAFirstRequestAndCountsNoLoss() {
        var machine = liveMachine()
        _ = machine.next(after: .unchanged, now: now, jitter: 0)
        #expect(machine.next(after: .sessionRenewed, now: now, jitter: 0) == [.poll(firstRequest: true)])
        #expect(machine.health == .live)
        #expect(machine.next(after: .changed(answer), now: now, jitter: 0).first == .fold(answer, complete: true))
        #expect(machine.next(after: .sessionLost(status: 403), now: now, jitter: 0) == [.login])
        #expect(machine.health == .live)
    }

    @Test func anExpiredSessionAloneIsNoRefusal() {
        var machine = liveMachine()
        _ = machine.next(after: .unchanged, now: now, jitter: 0)
        #expect(machine.next(after: .sessionLost(status: 403), now: now, jitter: 0) == [.login])
        _ = machine.next(after: .loggedIn, now: now, jitter: 0)
        _ = machine.next(after: .changed(answer), now: now, jitter: 0)
        #expect(machine.health == .live)
    }
}

extension PollStateMachine.Outcome: CustomTestStringConvertible {
    public var testDescription: String { "\(self)" }
}
