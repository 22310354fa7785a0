/// Moves the simulated PBX along: calls arrive, ring, get answered or
/// missed, and end. Deterministic: the same seed and the same tick times
/// give the same calls.
public struct TrafficGenerator: Sendable {
    private var random: SeededRandom
    private let account: Account
    /// Share of people the generator keeps on the phone, roughly.
    public var targetBusyShare = 0.35
    /// Chance per tick of starting a call while below the target.
    public var startChance = 0.45

    public init(account: Account, seed: UInt64) {
        self.account = account
        // Offset so the traffic does not replay the account generator's draws.
        random = SeededRandom(seed: seed &+ 0x5EED)
    }

    /// One step of simulated time, at `nowMs` (simulated epoch ms).
    public mutating func tick(_ state: inout PBXState, nowMs: Int64) {
        state.nowMs = nowMs
        advanceCalls(&state, nowMs: nowMs)
        let idle = state.lines.filter { $0.calls.isEmpty }.map(\.person.number)
        let busyShare = 1 - Double(idle.count) / Double(max(1, state.lines.count))
        if busyShare < targetBusyShare, !idle.isEmpty, random.chance(startChance) {
            startCall(&state, idleNumbers: idle, nowMs: nowMs)
        }
    }

    /// Ringing calls get answered or missed; connected calls end when due.
    private mutating func advanceCalls(_ state: inout PBXState, nowMs: Int64) {
        for line in state.lines {
            // An internal call's callee leg never comes due: the caller's leg moves both ends.
            for call in line.calls where call.nextEventAtMs <= nowMs {
                if call.connectedAtMs == nil {
                    // Not answered yet: answered, or missed (voicemail, or the caller gives up).
                    if random.chance(0.8) {
                        answer(call.id, on: line.person.number, peer: call.peerExtension, state: &state, nowMs: nowMs)
                    } else {
                        hangUp(call.id, on: line.person.number, peer: call.peerExtension, state: &state)
                    }
                } else {
                    hangUp(call.id, on: line.person.number, peer: call.peerExtension, state: &state)
                }
            }
        }
    }

    private mutating func answer(_ id: Int64, on number: String, peer: String?, state: inout PBXState, nowMs: Int64) {
        let talk = Int64(Int.random(in: 20_000...240_000, using: &random))
        for target in [number] + (peer.map { [$0] } ?? []) {
            state.update(target) { line in
                guard let index = line.calls.firstIndex(where: { $0.id == id }) else { return }
                line.calls[index].phase = .connected
                line.calls[index].connectedAtMs = nowMs
                if target == number { line.calls[index].nextEventAtMs = nowMs + talk }
            }
        }
    }

    private mutating func hangUp(_ id: Int64, on number: String, peer: String?, state: inout PBXState) {
        for target in [number] + (peer.map { [$0] } ?? []) {
            state.update(target) { line in line.calls.removeAll { $0.id == id } }
        }
    }

    private mutating func startCall(_ state: inout PBXState, idleNumbers: [String], nowMs: Int64) {
        guard let number = idleNumbers.randomElement(using: &random) else { return }
        let id = state.makeCallId()
        let ringFor = Int64(Int.random(in: 3_000...12_000, using: &random))
        let recorded = random.chance(0.3)
        let kind = Int.random(in: 0..<10, using: &random)
        if kind < 5 {
            // An outside caller rings a direct number or arrives through a queue.
            let direction: LiveCall.Direction = kind < 2 && !account.queues.isEmpty ? .queueCall : .inbound
            let call = LiveCall(id: id, direction: direction, phase: .ringing, otherNumber: randomOutsideNumber(),
                                otherName: random.chance(0.7) ? NameBank.callerNames.randomElement(using: &random) : nil,
                                startedAtMs: nowMs, connectedAtMs: nil, isRecorded: recorded, startedWithClickToCall: false,
                                nextEventAtMs: nowMs + ringFor, peerExtension: nil)
            state.update(number) { $0.calls.append(call) }
        } else if kind < 8 {
            // An outbound call: rings at the far end, shown as connected once answered.
            let call = LiveCall(id: id, direction: .outbound, phase: .ringing, otherNumber: randomOutsideNumber(),
                                otherName: nil, startedAtMs: nowMs, connectedAtMs: nil, isRecorded: recorded,
                                startedWithClickToCall: random.chance(0.2), nextEventAtMs: nowMs + ringFor, peerExtension: nil)
            state.update(number) { $0.calls.append(call) }
        } else {
            // An internal call between two idle people.
            let others = idleNumbers.filter { $0 != number }
            guard let callee = others.randomElement(using: &random),
                  let caller = state.line(number)?.person, let called = state.line(callee)?.person
            else { return }
            // The caller's phone is in use at once; only the callee rings.
            let callerLeg = LiveCall(id: id, direction: .intraPBX, phase: .connected, otherNumber: called.number,
                                     otherName: called.name, startedAtMs: nowMs, connectedAtMs: nil, isRecorded: false,
                                     startedWithClickToCall: false, nextEventAtMs: nowMs + ringFor, peerExtension: callee)
            var calleeLeg = callerLeg
            calleeLeg.phase = .ringing
            calleeLeg.otherNumber = caller.number
            calleeLeg.otherName = caller.name
            calleeLeg.peerExtension = number
            // The callee's leg never fires on its own: the caller's leg moves both.
            calleeLeg.nextEventAtMs = .max
            state.update(number) { $0.calls.append(callerLeg) }
            state.update(callee) { $0.calls.append(calleeLeg) }
        }
    }

    private mutating func randomOutsideNumber() -> String {
        if random.chance(0.15) {
            // International: +44 20 ...
            return "4420" + String(Int.random(in: 70_000_000...79_999_999, using: &random))
        }
        let area = [555, 212, 415, 617, 312].randomElement(using: &random)!
        return "1\(area)" + String(Int.random(in: 2_000_000...9_999_999, using: &random))
    }
}
