import Foundation
import Journal
import Testing

/// The rules of the missed-calls list.
@Suite struct MissedCallsTests {
    let since = Fixture.day.start(daysBefore: 1, Fixture.at(12))

    func list(_ calls: [JournalCall], handled: [String: Date] = [:]) -> [MissedCaller] {
        MissedCalls.list(calls: calls, handled: handled, since: since, day: Fixture.day)
    }

    @Test func anUnansweredInboundCallIsListedWithWhereItRang() {
        let missed = list([Fixture.call("201", .inbound, "+1 555 777 1234", at: 9, outcome: .unanswered)])
        #expect(missed.count == 1)
        #expect(missed.first?.numberKey == "5557771234")
        #expect(missed.first?.extensions == ["201"])
        #expect(missed.first?.leftVoicemail == false)
    }

    @Test func anAnsweredCallOnAnotherExtensionClearsIt() {
        let calls = [Fixture.call("201", .inbound, "15557771234", at: 9, outcome: .unanswered),
                     Fixture.call("207", .inbound, "5557771234", at: 9.5, outcome: .answered)]
        #expect(list(calls).isEmpty)
    }

    @Test func anAnsweredCallBackClearsItButAnUnansweredOneDoesNot() {
        let missed = Fixture.call("201", .inbound, "5557771234", at: 9, outcome: .unanswered)
        #expect(list([missed, Fixture.call("204", .outbound, "+15557771234", at: 10, outcome: .unanswered)]).count == 1)
        #expect(list([missed, Fixture.call("204", .outbound, "+15557771234", at: 10, outcome: .answered)]).isEmpty)
    }

    @Test func anAnswerBeforeTheMissedCallDoesNotClearIt() {
        let calls = [Fixture.call("207", .inbound, "5557771234", at: 8, outcome: .answered),
                     Fixture.call("201", .inbound, "5557771234", at: 9, outcome: .unanswered)]
        #expect(list(calls).count == 1)
    }

    @Test func aQueueCallOneAgentAnsweredIsNotMissedOnTheOthers() {
        let calls = [Fixture.call("201", .inbound, "5557771234", at: 9, outcome: .unanswered, id: "4182737411359658008242", viaQueue: true),
                     Fixture.call("202", .inbound, "5557771234", at: 9, outcome: .unanswered, id: "4182737411359658008242", viaQueue: true),
                     Fixture.call("203", .inbound, "5557771234", at: 9, outcome: .answered, id: "4182737411359658008242", viaQueue: true)]
        #expect(list(calls).isEmpty)
    }

    @Test func voicemailIsToldFromHangingUp() {
        let missed = list([Fixture.call("201", .inbound, "5557771234", at: 9, outcome: .voicemail),
                           Fixture.call("201", .inbound, "5551112222", at: 10, outcome: .unanswered)])
        #expect(missed.map(\.numberKey) == ["5551112222", "5557771234"])
        #expect(missed.map(\.leftVoicemail) == [false, true])
    }

    @Test func threeCallsInADayMarkARepeatCaller() {
        let calls = (0..<3).map { Fixture.call("20\($0 + 1)", .inbound, "5557771234", at: 9 + Double($0), outcome: .unanswered) }
        let missed = list(calls)
        #expect(missed.first?.count == 3)
        #expect(missed.first?.isRepeatCaller == true)
        #expect(missed.first?.extensions == ["201", "202", "203"])
        #expect(list(Array(calls.prefix(2))).first?.isRepeatCaller == false)
    }

    @Test func oneCallRingingThreePhonesCountsOnce() {
        let calls = ["201", "202", "203"].map { Fixture.call($0, .inbound, "5557771234", at: 9, outcome: .unanswered) }
        #expect(list(calls).first?.count == 1)
    }

    @Test func markedHandledIsHiddenUntilTheNumberIsMissedAgain() {
        let first = Fixture.call("201", .inbound, "5557771234", at: 9, outcome: .unanswered)
        let handled = ["5557771234": Fixture.at(9.2)]
        #expect(list([first], handled: handled).isEmpty)
        #expect(MissedCalls.list(calls: [first], handled: handled, since: since, day: Fixture.day, includeHandled: true).first?.handledAt != nil)
        let again = Fixture.call("202", .inbound, "5557771234", at: 11, outcome: .unanswered)
        #expect(list([first, again], handled: handled).first?.count == 2)
    }

    @Test func internalCallsAndCallsBeforeTheStartAreLeftOut() {
        let calls = [Fixture.call("201", .internal, "207", at: 9, outcome: .unanswered),
                     Fixture.call("201", .inbound, "5557771234", at: -30, outcome: .unanswered)]
        #expect(list(calls).isEmpty)
    }

    @Test func newestFirst() {
        let calls = [Fixture.call("201", .inbound, "5551110001", at: 9, outcome: .unanswered),
                     Fixture.call("201", .inbound, "5551110002", at: 11, outcome: .unanswered),
                     Fixture.call("201", .inbound, "5551110003", at: 10, outcome: .unanswered)]
        #expect(list(calls).map(\.numberKey) == ["5551110002", "5551110003", "5551110001"])
    }
}
