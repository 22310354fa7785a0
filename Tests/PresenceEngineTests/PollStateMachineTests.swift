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
        #expect(machine.next(after: .changed(answer), now: now, jitter: 0) == [.fold(answer, complete: false), .poll(firstRequest: false)])
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
}
