import PBXSimulator
import Testing

/// The generated account and the traffic generator, with no network.
@Suite struct LivingPBXTests {
    @Test func generatedAccountHasVariedNamesQueuesAndABridge() {
        let account = Account.generate(extensionCount: 20, seed: 1)
        #expect(account.extensions.count == 20)
        #expect(Set(account.extensions.map(\.number)).count == 20)
        #expect(Set(account.extensions.map(\.name)).count == 20)
        #expect(Set(account.extensions.map(\.loginName)).count == 20)
        #expect(account.extensions.contains { !$0.name.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(account.queues.count == 2)
        #expect(account.bridges.count == 1)
    }

    @Test func theSameSeedGivesTheSameAccount() {
        let first = Account.generate(extensionCount: 50, seed: 9)
        #expect(first.extensions == Account.generate(extensionCount: 50, seed: 9).extensions)
        #expect(first.extensions != Account.generate(extensionCount: 50, seed: 10).extensions)
    }

    /// Ticks a PBX for `seconds` simulated seconds and records every call
    /// state seen, keyed by call id.
    func run(seed: UInt64, seconds: Int) -> (started: Set<Int64>, answered: Set<Int64>, ended: Set<Int64>, final: [[LiveCall]]) {
        let account = Account.generate(extensionCount: 20, seed: seed)
        let pbx = PBX(account: account)
        var generator = TrafficGenerator(seed: seed)
        var started = Set<Int64>(), answered = Set<Int64>(), live = Set<Int64>()
        for second in 0..<seconds {
            pbx.mutate { generator.tick(&$0, nowMs: 1_000_000 + Int64(second) * 1000) }
            let calls = pbx.snapshot.lines.flatMap(\.calls)
            for call in calls {
                started.insert(call.id)
                if call.connectedAtMs != nil { answered.insert(call.id) }
            }
            live = Set(calls.map(\.id))
        }
        return (started, answered, started.subtracting(live), pbx.snapshot.lines.map(\.calls))
    }

    @Test func trafficStartsAnswersAndEndsCalls() {
        let result = run(seed: 1, seconds: 600)
        #expect(result.started.count >= 10)
        #expect(!result.answered.isEmpty)
        #expect(result.ended.count >= 5)
        // Some calls end unanswered too (missed or voicemail).
        #expect(!result.ended.subtracting(result.answered).isEmpty)
    }

    @Test func trafficIsDeterministicForASeed() {
        let first = run(seed: 42, seconds: 300)
        let again = run(seed: 42, seconds: 300)
        let other = run(seed: 43, seconds: 300)
        #expect(first.final == again.final)
        #expect(first.started == again.started)
        #expect(first.final != other.final || first.started != other.started)
    }

    @Test func internalCallsRingOnlyTheCallee() {
        let account = Account.generate(extensionCount: 20, seed: 5)
        let pbx = PBX(account: account)
        var generator = TrafficGenerator(seed: 5)
        for second in 0..<900 {
            pbx.mutate { generator.tick(&$0, nowMs: Int64(second) * 1000) }
            for line in pbx.snapshot.lines {
                for call in line.calls where call.direction == .intraPBX && call.connectedAtMs == nil {
                    // Exactly one leg of an unanswered internal call rings.
                    let peer = pbx.snapshot.line(call.peerExtension ?? "")?.calls.first { $0.id == call.id }
                    #expect(peer != nil)
                    #expect((call.phase == .ringing) != (peer?.phase == .ringing))
                }
            }
        }
    }
}
