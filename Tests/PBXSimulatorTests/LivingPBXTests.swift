import PBXSimulator
import Testing

/// The generated account and the living phone system, with no network:
/// the generator is ticked by hand through simulated seconds.
@Suite struct LivingPBXTests {
    @Test func generatedAccountHasVariedNamesQueuesAndABridge() {
        let account = Account.generate(extensionCount: 20, seed: 1)
        #expect(account.extensions.count == 20)
        #expect(Set(account.extensions.map(\.number)).count == 20)
        #expect(Set(account.extensions.map(\.name)).count == 20)
        #expect(account.extensions.contains { !$0.name.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(account.extensions.filter { !$0.isPerson }.count == 1)
        #expect(account.queues.count == 2)
        #expect(account.bridges.count == 1)
        #expect(account.queues.allSatisfy { !$0.agents.isEmpty })
    }

    @Test(arguments: [5, 20, 1000, 10_000])
    func accountsScale(count: Int) {
        let account = Account.generate(extensionCount: count, seed: 7)
        #expect(account.extensions.count == count)
        #expect(Set(account.extensions.map(\.number)).count == count)
        #expect(Set(account.extensions.filter(\.isPerson).map(\.loginName)).count == count - 1)
        #expect(Set(account.queues.map(\.number)).count == account.queues.count)
        #expect(account.queues.count == max(1, min(count / 10, 60)))
        #expect(account.bridges.count == max(1, min(count / 20, 40)))
        if count >= 1000 {
            // A few names carry what a terminal must not interpret.
            let hostile = account.extensions.filter { $0.name.unicodeScalars.contains { $0.value < 0x20 || (0x80...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) } }
            #expect(!hostile.isEmpty && hostile.count < count / 50)
        }
    }

    @Test func theSameSeedGivesTheSameAccount() {
        let first = Account.generate(extensionCount: 50, seed: 9)
        #expect(first.extensions == Account.generate(extensionCount: 50, seed: 9).extensions)
        #expect(first.extensions != Account.generate(extensionCount: 50, seed: 10).extensions)
    }

    /// What happened over `seconds` simulated seconds: every state seen.
    struct Run {
        var events: [String] = []
        var answeredQueueCalls = 0
        var maxWaiting = 0
        var bridgeMaxParticipants = 0
        var dndSeen = Set<String>()
        var history: [HistoryRecord] = []
        var recordings = 0
    }

    func run(seed: UInt64, seconds: Int, extensions: Int = 20) -> Run {
        let account = Account.generate(extensionCount: extensions, seed: seed)
        let pbx = PBX(account: account)
        var generator = TrafficGenerator(seed: seed)
        var run = Run()
        var previous: [String: [CallID]] = [:]
        for second in 0..<seconds {
            let now = 1_800_000_000_000 + Int64(second) * 1000
            pbx.mutate { generator.tick(&$0, nowMs: now) }
            let state = pbx.snapshot
            for line in state.lines {
                let ids = line.calls.map(\.id)
                if ids != previous[line.person.number] {
                    run.events.append("\(second) \(line.person.number) \(line.calls.map { "\($0.id):\($0.direction.rawValue):\($0.phase)" })")
                    previous[line.person.number] = ids
                }
                if line.doNotDisturb { run.dndSeen.insert(line.person.number) }
                run.answeredQueueCalls += line.calls.filter { $0.queue != nil && $0.phase == .connected }.count
            }
            run.maxWaiting = max(run.maxWaiting, state.queues.map(\.waiting.count).max() ?? 0)
            run.bridgeMaxParticipants = max(run.bridgeMaxParticipants, state.bridges.map(\.participants.count).max() ?? 0)
            if second == seconds - 1 {
                run.history = state.historyNewestFirst
                run.recordings = state.recordings.count
            }
        }
        return run
    }

    @Test func theSameSeedGivesTheSameFirstMinuteOfEvents() {
        let first = run(seed: 42, seconds: 60)
        #expect(first.events.count >= 5)
        #expect(first.events == run(seed: 42, seconds: 60).events)
        #expect(first.events != run(seed: 43, seconds: 60).events)
    }

    @Test func anHourOfTrafficHasEveryKindOfCallAndOutcome() {
        let hour = run(seed: 1, seconds: 3600)
        let results = Set(hour.history.map(\.result))
        #expect(results == [.answered, .unanswered, .voicemail])
        #expect(hour.history.contains { $0.isInbound } && hour.history.contains { !$0.isInbound })
        #expect(hour.answeredQueueCalls > 0)
        #expect(hour.maxWaiting >= 1)
        #expect(hour.bridgeMaxParticipants >= 2)
        #expect(!hour.dndSeen.isEmpty)
        #expect(hour.recordings > 0)
        #expect(hour.events.contains { $0.contains("intrapbx") })
        #expect(hour.events.contains { $0.contains("call queue") })
    }

    @Test func noOneOnDoNotDisturbIsOfferedACall() {
        let account = Account.generate(extensionCount: 30, seed: 11)
        let pbx = PBX(account: account)
        var generator = TrafficGenerator(seed: 11)
        for second in 0..<1800 {
            pbx.mutate { generator.tick(&$0, nowMs: Int64(second) * 1000) }
            for line in pbx.snapshot.lines where line.doNotDisturb {
                // A call that started ringing while on DND would be a bug.
                #expect(!line.calls.contains { $0.phase == .ringing && !$0.isOutgoing && $0.startedAtMs == Int64(second) * 1000 })
            }
        }
    }

    @Test func historyAndRecordingsStayWithinTheirLimit() {
        let account = Account.generate(extensionCount: 200, seed: 2)
        let pbx = PBX(account: account, historyLimit: 500)
        var generator = TrafficGenerator(seed: 2)
        for second in 0..<7200 { pbx.mutate { generator.tick(&$0, nowMs: Int64(second) * 1000) } }
        let state = pbx.snapshot
        #expect(state.historyNewestFirst.count == 500)
        #expect(state.recordings.count <= 500)
    }

    @Test func internalCallsRingOnlyTheCallee() {
        let account = Account.generate(extensionCount: 20, seed: 5)
        let pbx = PBX(account: account)
        var generator = TrafficGenerator(seed: 5)
        for second in 0..<900 {
            pbx.mutate { generator.tick(&$0, nowMs: Int64(second) * 1000) }
            let state = pbx.snapshot
            for line in state.lines {
                // The callee's leg of an unanswered internal call rings; the caller's is in use.
                for call in line.calls where call.direction == .intraPBX && call.connectedAtMs == nil && !call.isOutgoing {
                    let caller = state.line(call.peerExtension ?? "")?.calls.first { $0.id == call.id }
                    #expect(call.phase == .ringing)
                    #expect(caller?.isOutgoing == true)
                    #expect(caller?.phase == .connected)
                }
            }
        }
    }
}
