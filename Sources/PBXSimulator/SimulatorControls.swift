import Foundation

/// Drives the simulated PBX by hand: the control API's routes and the tests
/// both come here, so they cannot drift apart.
public final class SimulatorControls: Sendable {
    let pbx: PBX
    let sessions: SessionRegistry
    let faults: FaultPlan
    let clock: SimulatedClock

    init(pbx: PBX, sessions: SessionRegistry, faults: FaultPlan, clock: SimulatedClock) {
        self.pbx = pbx
        self.sessions = sessions
        self.faults = faults
        self.clock = clock
    }

    /// Starts a call on an extension; returns its id (also the recording id),
    /// or nil when there is no such extension. Calls started here stay until
    /// answered or ended here (the traffic generator leaves them alone).
    @discardableResult
    public func startCall(_ request: CallRequest) -> CallID? {
        let now = clock.nowMs()
        return pbx.mutate { state -> CallID? in
            guard state.line(request.extension) != nil else { return nil }
            state.nowMs = now
            let id = state.makeCallId()
            let leg = LiveCall(id: id, direction: request.direction, phase: request.connected ? .connected : .ringing,
                               otherNumber: request.otherNumber, otherName: request.otherName, startedAtMs: now,
                               connectedAtMs: request.connected ? now : nil, isRecorded: request.recorded,
                               startedWithClickToCall: request.clickToCall, customTag: request.customTag)
            state.addLeg(leg, on: request.extension)
            return id
        }
    }

    public func answerCall(_ id: CallID) -> Bool {
        let now = clock.nowMs()
        return pbx.mutate { state in
            guard state.call(id) != nil else { return false }
            state.answer(id, at: now, talkUntilMs: .max)
            return true
        }
    }

    /// Answers the call ringing on extension `number` (a click-to-call
    /// ringing the user's phone, say); returns its id, nil when none rings.
    public func answerRinging(on number: String) -> CallID? {
        let now = clock.nowMs()
        return pbx.mutate { state -> CallID? in
            guard let id = state.line(number)?.calls.first(where: { $0.phase == .ringing })?.id else { return nil }
            state.answer(id, at: now, talkUntilMs: .max)
            return id
        }
    }

    public func endCall(_ id: CallID, voicemail: Bool = false) -> Bool {
        let now = clock.nowMs()
        return pbx.mutate { state in
            guard state.call(id) != nil else { return false }
            state.end(id, at: now, voicemail: voicemail)
            return true
        }
    }

    /// Adds ended calls to the history as if they had happened (recorded
    /// ones get a recording, ready `recordingDelaySeconds` after their end).
    public func recordHistory(_ records: [HistoryRecord]) {
        pbx.mutate { state in
            for record in records { state.append(record) }
        }
    }

    public func setDoNotDisturb(_ number: String, _ on: Bool) -> Bool {
        pbx.mutate { state in
            guard state.line(number) != nil else { return false }
            state.setDoNotDisturb(number, on)
            return true
        }
    }

    /// Changes the name live status gives an extension (the directory keeps
    /// the account's): how a hostile or huge name reaches a board.
    public func rename(_ number: String, to name: String) -> Bool {
        pbx.mutate { state in
            guard state.line(number) != nil else { return false }
            state.rename(number, to: name)
            return true
        }
    }

    /// Pins a queue's figures (nil returns it to computed figures).
    public func pinQueueFigures(_ number: String, _ figures: QueueFigures?) -> Bool {
        pbx.mutate { state in
            guard let index = state.queues.firstIndex(where: { $0.queue.number == number }) else { return false }
            state.queues[index].pinned = figures
            return true
        }
    }

    public func setBridgeParticipants(_ number: String, _ participants: [String]) -> Bool {
        pbx.mutate { state in
            guard let index = state.bridges.firstIndex(where: { $0.bridge.number == number }) else { return false }
            state.bridges[index].participants = participants
            // Pinned by hand: the generator leaves it alone for a long while.
            state.bridges[index].nextChangeAtMs = .max
            return true
        }
    }

    public func injectFaults(_ list: [Fault], for target: FaultTarget = .any) {
        faults.append(list, for: target)
    }

    public var pendingFaults: Int { faults.pending }

    /// Starts timing faults: `firstFaultServedSinceMark` is when the next one is served.
    public func markFaultTime() { faults.markTime() }

    public var firstFaultServedSinceMark: Date? { faults.firstServedSinceMark }

    public var lastFaultServedSinceMark: Date? { faults.lastServedSinceMark }

    /// Faults served so far (injected or drawn by the chaos profile).
    public var faultsServed: Int { faults.served }

    /// Seconds since the session was last used (nil if unknown); reading it
    /// does not keep the session alive.
    public func sessionIdleSeconds(_ id: String) -> Double? { sessions.idleSeconds(id) }

    /// Switches the chaos profile while running.
    public func setChaos(_ profile: ChaosProfile) { faults.profile = profile }

    /// Stops (or resumes) the traffic generator; calls in progress stay as they are.
    public func pauseTraffic(_ paused: Bool) { pbx.mutate { $0.trafficPaused = paused } }

    /// Invalidates every session's load-balancer cookie.
    public func rotateBalancerCookies() { sessions.rotateBalancers() }

    /// Ends every session: the next request of each client gets a 403.
    public func expireSessions() { sessions.expireAll() }

    public func setAccount(active: Bool?, internationalBlocked: Bool?) {
        pbx.mutate { state in
            if let active { state.accountActive = active }
            if let internationalBlocked { state.internationalBlocked = internationalBlocked }
        }
    }
}
