import Foundation

/// Moves the simulated PBX along, one simulated second per tick: callers
/// arrive at queues and direct numbers, wait, ring agents, get answered or
/// go to voicemail; people place outbound and internal calls, join and
/// leave bridges, and toggle Do Not Disturb. Deterministic: the same seed
/// and the same tick times give the same events.
public struct TrafficGenerator: Sendable {
    private var random: SeededRandom
    /// New calls per person per simulated second (about one every 8 minutes).
    public var arrivalsPerPersonPerSecond = 0.002
    /// The floor that keeps a small demo account lively.
    public var minimumArrivalsPerSecond = 0.15
    /// Share of people the generator lets be on the phone at once.
    public var maximumBusyShare = 0.45

    public init(seed: UInt64) {
        // Offset so the traffic does not replay the account generator's draws.
        random = SeededRandom(seed: seed &+ 0x5EED)
    }

    /// One step of simulated time, at `nowMs` (simulated epoch ms).
    public mutating func tick(_ state: inout PBXState, nowMs: Int64) {
        state.nowMs = nowMs
        advanceCalls(&state, nowMs: nowMs)
        serveQueues(&state, nowMs: nowMs)
        moveBridges(&state, nowMs: nowMs)
        toggleDoNotDisturb(&state)
        let people = state.lines.filter(\.person.isPerson).count
        let busy = state.lines.filter { !$0.calls.isEmpty }.count
        guard Double(busy) < maximumBusyShare * Double(people) else { return }
        let rate = max(minimumArrivalsPerSecond, arrivalsPerPersonPerSecond * Double(people))
        for _ in 0..<poisson(rate) { startCall(&state, nowMs: nowMs) }
    }

    // MARK: Calls in progress

    private mutating func advanceCalls(_ state: inout PBXState, nowMs: Int64) {
        var due: [(String, LiveCall)] = []
        for line in state.lines {
            for call in line.calls where call.nextEventAtMs <= nowMs { due.append((line.person.number, call)) }
        }
        for (number, call) in due {
            guard state.line(number)?.calls.contains(where: { $0.id == call.id }) == true else { continue }
            if call.connectedAtMs != nil {
                state.end(call.id, at: nowMs)
            } else if call.startedWithClickToCall || random.chance(0.8) {
                state.answer(call.id, at: nowMs, talkUntilMs: nowMs + talkTime(call))
                if let queue = call.queue, let index = state.queues.firstIndex(where: { $0.queue.number == queue }) {
                    var waits = state.queues[index].recentWaitsMs
                    waits.append(nowMs - call.startedAtMs)
                    state.queues[index].recentWaitsMs = Array(waits.suffix(20))
                }
            } else {
                // Not picked up: outside callers reach voicemail, the rest give up.
                state.end(call.id, at: nowMs, voicemail: !call.isOutgoing)
            }
        }
    }

    private mutating func talkTime(_ call: LiveCall) -> Int64 {
        Int64(Int.random(in: call.direction == .intraPBX ? 15_000...120_000 : 30_000...420_000, using: &random))
    }

    // MARK: Queues

    private mutating func serveQueues(_ state: inout PBXState, nowMs: Int64) {
        for index in state.queues.indices {
            for caller in state.queues[index].waiting where caller.givesUpAtMs <= nowMs {
                state.dropWaiting(caller, from: index, at: nowMs, voicemail: true)
            }
            // Offer the longest-waiting callers to free agents, in order.
            while let caller = state.queues[index].waiting.first,
                  let agent = state.queues[index].queue.agents.first(where: { state.line($0)?.isAvailable == true }) {
                state.queues[index].waiting.removeFirst()
                let leg = LiveCall(id: caller.id, direction: .queueCall, phase: .ringing, otherNumber: caller.number,
                                   otherName: caller.name, startedAtMs: caller.arrivedAtMs, isRecorded: caller.isRecorded,
                                   customTag: caller.customTag, nextEventAtMs: nowMs + ringTime(),
                                   queue: state.queues[index].queue.number)
                state.addLeg(leg, on: agent)
            }
        }
    }

    // MARK: Bridges

    private mutating func moveBridges(_ state: inout PBXState, nowMs: Int64) {
        for index in state.bridges.indices where state.bridges[index].nextChangeAtMs <= nowMs {
            let bridge = state.bridges[index]
            state.bridges[index].nextChangeAtMs = nowMs + Int64(Int.random(in: 20_000...90_000, using: &random))
            if bridge.participants.isEmpty {
                // A meeting starts with two to four people, now and then.
                guard random.chance(0.25) else { continue }
                for _ in 0..<Int.random(in: 2...4, using: &random) { join(&state, bridge: index, nowMs: nowMs) }
            } else if random.chance(0.35) || bridge.participants.count > 8 {
                leave(&state, bridge: index, nowMs: nowMs)
            } else {
                join(&state, bridge: index, nowMs: nowMs)
            }
        }
    }

    private mutating func join(_ state: inout PBXState, bridge index: Int, nowMs: Int64) {
        let bridge = state.bridges[index].bridge
        if random.chance(0.3) {
            state.bridges[index].participants.append(outsideNumber(domestic: true))
            return
        }
        let free = state.lines.filter(\.isAvailable).map(\.person.number)
        guard let person = free.randomElement(using: &random) else { return }
        let leg = LiveCall(id: state.makeCallId(), direction: .intraPBX, isOutgoing: true, phase: .connected,
                           otherNumber: bridge.number, otherName: bridge.name, startedAtMs: nowMs, connectedAtMs: nowMs,
                           bridge: bridge.number)
        state.addLeg(leg, on: person)
        state.bridges[index].participants.append(person)
    }

    private mutating func leave(_ state: inout PBXState, bridge index: Int, nowMs: Int64) {
        guard let who = state.bridges[index].participants.randomElement(using: &random) else { return }
        state.bridges[index].participants.removeAll { $0 == who }
        if let leg = state.line(who)?.calls.first(where: { $0.bridge == state.bridges[index].bridge.number }) {
            state.end(leg.id, at: nowMs)
        }
        // The last extension leaving ends the meeting for outside callers too.
        if !state.bridges[index].participants.contains(where: { state.line($0) != nil }) {
            state.bridges[index].participants.removeAll()
        }
    }

    // MARK: Do Not Disturb

    private mutating func toggleDoNotDisturb(_ state: inout PBXState) {
        // About one person in 300 changes their mind each simulated second.
        let people = state.lines.filter(\.person.isPerson)
        guard !people.isEmpty, random.chance(min(1, Double(people.count) / 300)) else { return }
        let line = people.randomElement(using: &random)!
        if line.doNotDisturb {
            state.setDoNotDisturb(line.person.number, false)
        } else if line.calls.isEmpty {
            state.setDoNotDisturb(line.person.number, true)
        }
    }

    // MARK: New calls

    private mutating func startCall(_ state: inout PBXState, nowMs: Int64) {
        let roll = Double.random(in: 0..<1, using: &random)
        let recorded = random.chance(0.3)
        let tag = NameBank.customTags.randomElement(using: &random)!
        if roll < 0.35, !state.queues.isEmpty {
            // A caller reaches a queue and waits for an agent.
            let index = Int.random(in: 0..<state.queues.count, using: &random)
            let caller = WaitingCaller(id: state.makeCallId(), number: outsideNumber(domestic: true), name: callerName(),
                                       arrivedAtMs: nowMs, isRecorded: recorded, customTag: tag,
                                       givesUpAtMs: nowMs + Int64(Int.random(in: 60_000...240_000, using: &random)))
            state.queues[index].waiting.append(caller)
            return
        }
        let people = state.lines.filter(\.person.isPerson)
        guard let line = people.randomElement(using: &random) else { return }
        let number = line.person.number
        if roll < 0.65 {
            // A caller dials a direct number: busy or Do Not Disturb sends them to voicemail.
            let id = state.makeCallId()
            let leg = LiveCall(id: id, direction: .inbound, phase: .ringing, otherNumber: outsideNumber(domestic: random.chance(0.9)),
                               otherName: callerName(), startedAtMs: nowMs, isRecorded: recorded, customTag: tag,
                               nextEventAtMs: nowMs + ringTime())
            guard line.isAvailable else {
                state.record(leg, on: line.person, endedAtMs: nowMs, voicemail: true)
                return
            }
            state.addLeg(leg, on: number)
        } else if roll < 0.9 {
            guard line.isAvailable else { return }
            let leg = LiveCall(id: state.makeCallId(), direction: .outbound, phase: .ringing,
                               otherNumber: outsideNumber(domestic: random.chance(0.85)), startedAtMs: nowMs,
                               isRecorded: recorded, customTag: tag, nextEventAtMs: nowMs + ringTime())
            state.addLeg(leg, on: number)
        } else {
            // An internal call: the caller's phone is in use at once, the callee rings.
            let free = state.lines.filter { $0.isAvailable && $0.person.number != number }
            guard line.isAvailable, let callee = free.randomElement(using: &random)?.person else { return }
            let id = state.makeCallId()
            let callerLeg = LiveCall(id: id, direction: .intraPBX, isOutgoing: true, phase: .connected, otherNumber: callee.number,
                                     otherName: callee.name, startedAtMs: nowMs, nextEventAtMs: nowMs + ringTime(),
                                     peerExtension: callee.number)
            let calleeLeg = LiveCall(id: id, direction: .intraPBX, phase: .ringing, otherNumber: number, otherName: line.person.name,
                                     startedAtMs: nowMs, peerExtension: number)
            state.addLeg(callerLeg, on: number)
            state.addLeg(calleeLeg, on: callee.number)
        }
    }

    private mutating func ringTime() -> Int64 { Int64(Int.random(in: 3_000...15_000, using: &random)) }

    private mutating func callerName() -> String? {
        random.chance(0.7) ? NameBank.callerNames.randomElement(using: &random) : nil
    }

    private mutating func outsideNumber(domestic: Bool) -> String {
        if !domestic {
            let country = ["44", "33", "49", "61", "81"].randomElement(using: &random)!
            return country + String(Int.random(in: 200_000_000...999_999_999, using: &random))
        }
        let area = [555, 212, 415, 617, 312, 678].randomElement(using: &random)!
        return "1\(area)" + String(Int.random(in: 2_000_000...9_999_999, using: &random))
    }

    /// Knuth's method for small rates, a rounded normal draw for large ones.
    private mutating func poisson(_ rate: Double) -> Int {
        if rate > 30 {
            let u1 = max(1e-12, Double.random(in: 0..<1, using: &random)), u2 = Double.random(in: 0..<1, using: &random)
            let normal = (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
            return max(0, Int((rate + normal * rate.squareRoot()).rounded()))
        }
        let limit = exp(-rate)
        var product = Double.random(in: 0..<1, using: &random)
        var count = 0
        while product > limit {
            count += 1
            product *= Double.random(in: 0..<1, using: &random)
        }
        return count
    }
}
