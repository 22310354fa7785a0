import Foundation
import SwitchboardHarness
import Testing
@testable import PresenceEngine

/// The engine reads every shape the service has been seen to send, keeps
/// ids digit for digit, and lets one bad field spoil only that field.
@Suite struct AnswerShapeTests {
    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func anExtensionsNameAndLoginBesideDetailsAreRead() throws {
        let live = #"{"details":{"presence":{}},"name":"Sam Real","phoneNumbers":["16785551234"],"type":"extension","extensionNumber":"830","loginName":"sreal"}"#
        let details = try ExtensionDetails.decode(bytes(live), number: "830")
        #expect(details.name == "Sam Real")
        #expect(details.loginName == "sreal")
        #expect(details.phoneNumbers == ["16785551234"])
        #expect(details.calls.isEmpty)
        #expect(details.problems.isEmpty)
    }

    @Test func anExtensionsFieldsInsideDetailsWinWhenBothAreThere() throws {
        let both = #"{"details":{"name":"Inside","loginName":"","extensionNumber":830},"name":"Beside","loginName":"beside"}"#
        let details = try ExtensionDetails.decode(bytes(both), number: "1")
        #expect(details.name == "Inside")
        #expect(details.loginName == "beside")  // empty inside: the one beside is used
        #expect(details.number == "830")
    }

    @Test func presenceAsOneObjectOrAListAndTheDirectionUnderEitherName() throws {
        let one = #"{"details":{"presence":{"direction":"outbound","duration":-1,"presenceCallId":4182737411359658008242}}}"#
        let single = try ExtensionDetails.decode(bytes(one), number: "830")
        #expect(single.calls.count == 1)
        #expect(single.calls[0].direction == .outbound)
        #expect(single.calls[0].durationMs == nil)
        #expect(single.calls[0].presenceCallId == "4182737411359658008242")
        let list = #"{"details":{"presence":[{"status":"inbound","duration":"5000"},{"status":"intrapbx"}]}}"#
        #expect(try ExtensionDetails.decode(bytes(list), number: "830").calls.map(\.direction) == [.inbound, .intraPBX])
    }

    @Test func aLiveStatusIdOfTwentyTwoDigitsAsANumberIsKeptDigitForDigit() throws {
        let text = #"{"extensions":[{"extension":830,"status":"inbound","duration":1000,"statusItems":{"callStatus":"Connected","presenceCallId":4182737411359658008242}}]}"#
        let answer = try DashuiDecoder.decode(bytes(text), receivedAt: .zero)
        #expect(answer.extensions.first?.number == "830")
        #expect(answer.extensions.first?.calls.first?.presenceCallId == "4182737411359658008242")
        #expect(try DashuiReferenceDecoder.decode(bytes(text), receivedAt: .zero) == answer)
    }

    @Test func aLiveStatusDurationPastSixtyFourBitsIsUnknownAndCounted() throws {
        let text = #"{"extensions":[{"extension":"201","status":"inbound","duration":123456789012345678901234,"statusItems":{"callStatus":"Connected","StartTime":"soon"}},{"extension":"202","duration":"","statusItems":{"StartTime":""}}]}"#
        let answer = try DashuiDecoder.decode(bytes(text), receivedAt: .zero)
        #expect(answer.extensions.map(\.number) == ["201", "202"])
        #expect(answer.extensions[0].durationMs == nil)
        #expect(answer.extensions[0].isBusy)
        #expect(answer.unreadableFields == 2)  // the duration and "soon"; empty strings are absent, not unreadable
    }

    @Test func idleLiveStatusWithNumbersAsNumbersIsIdle() throws {
        let text = #"{"name":"message","type":"event","servicedBy":"x","availability":"AVAILABLE","numAvailableExts":1,"numUnavailableExts":0,"extensions":[{"name":"Sam","status":"","extension":"830","duration":-1,"onCallWith":"","statusItems":{"callStatus":"Idle","StartTime":"","available":"true","lastCallTime":"1438960108000"}}]}"#
        let state = try #require(try DashuiDecoder.decode(bytes(text), receivedAt: .zero).extensions.first)
        #expect(!state.isBusy)
        #expect(!state.doNotDisturb)
        #expect(state.durationMs == nil)
        #expect(state.lastCallMs == 1_438_960_108_000)
    }

    /// `lastCallTime` inside `statusItems` (live), beside it (mixed), in
    /// seconds, or not sent at all (the guide): the journal's fill reads it.
    @Test func theLastCallTimeIsReadWhereverItIsSent() throws {
        let answers = [
            #"{"extensions":[{"extension":"830","status":"","statusItems":{"callStatus":"Idle","lastCallTime":"1438960108000"}}]}"#: Int64?(1_438_960_108_000),
            #"{"extensions":[{"extension":"830","status":"","lastCallTime":1438960108,"statusItems":{}}]}"#: 1_438_960_108_000,
            #"{"extensions":[{"extension":"830","status":"","lastCallTime":"0"}]}"#: 0,
            #"{"extensions":[{"extension":"830","status":"","lastCallTime":"soon"}]}"#: nil,
            #"{"extensions":[{"extension":"830","status":""}]}"#: nil,
        ]
        for (text, expected) in answers {
            let fast = try DashuiDecoder.decode(bytes(text), receivedAt: .zero)
            let reference = try DashuiReferenceDecoder.decode(bytes(text), receivedAt: .zero)
            #expect(fast.extensions.first?.lastCallMs == expected, "\(text)")
            #expect(reference.extensions == fast.extensions, "\(text)")
            #expect(fast.unreadableFields == 0, "bookkeeping is never unreadable: \(text)")
        }
    }

    @Test func aCountPastSixtyFourBitsSpoilsThatFigureOnly() throws {
        let text = #"{"details":{"callersWaiting":99999999999999999999999,"agentsBusy":"lots","agentsLoggedIn":"3"},"name":"Billing","extensionNumber":"9013"}"#
        let queue = try QueueState.decode(bytes(text), number: "9013")
        #expect(queue.name == "Billing")
        #expect(queue.agentsLoggedIn == 3)
        #expect(queue.unknownFigures == [.callersWaiting, .agentsBusy])
        #expect(queue.problems.count == 2)
        #expect(queue.problems[0].hasPrefix("details.callersWaiting: 99999999999999999999999 is not"))
        // On the board the last known values stay where this answer could not be read.
        let last = QueueState(number: "9013", callersWaiting: 4, agentsBusy: 2)
        let merged = queue.keepingKnownFigures(from: last)
        #expect(merged.callersWaiting == 4 && merged.agentsBusy == 2 && merged.agentsLoggedIn == 3)
        #expect(merged.unknownFigures.isEmpty)
        // "null", an empty string or null is no figure at all, not one that could not be read.
        let blank = try QueueState.decode(bytes(#"{"details":{"callersWaiting":"null","agentsBusy":"","agentsLoggedIn":null}}"#), number: "9013")
        #expect(blank.unknownFigures.isEmpty && blank.problems.isEmpty)
    }

    @Test func aNullTimestampLeavesThatRecordsTimeUnknownNotTheAnswerRefused() throws {
        let text = #"[{"timestamp":null,"from":"1","to":"2","direction":"Inbound","duration":5,"result":"Answered"},{"timestamp":"08/07/2015 03:08:28 PM","duration":1e40,"result":"Answered"}]"#
        let (records, problems) = try CallRecord.decodePage(bytes(text), timeZone: TimeZone(identifier: "UTC")!)
        #expect(records.count == 2)
        #expect(records[0].time == nil && records[0].durationSeconds == 5)
        #expect(records[1].time != nil && records[1].durationSeconds == nil)
        #expect(problems.count == 2)
    }

    @Test func aDirectoryWithAnEntryThatIsNotAnObjectKeepsTheRest() throws {
        let text = #"{"conferences":{"8800":"oops"},"queues":{"9100":{"queueId":5120,"name":"Front Desk","calls":1e99}},"extensions":{"201":{"status":"AVAILABLE","name":"Ana","loginName":"ana"}}}"#
        let directory = try Directory.decode(bytes(text))
        #expect(directory.extensions["201"]?.status == "available")
        #expect(directory.queues["9100"]?.queueId == "5120")
        #expect(directory.queueCalls["9100"] == nil)
        #expect(directory.conferences.isEmpty)
        #expect(directory.problems.count == 2)
    }

    @Test(arguments: [("12", "12"), ("-1", "-1"), ("4182737411359658008242", "4182737411359658008242"), ("830.0", "830"), ("8.3e2", "830"),
                      ("1.5", "1.5")])
    func numbersAsText(sent: String, read: String) {
        #expect(FieldReader.numberText(sent) == read)
    }
}
