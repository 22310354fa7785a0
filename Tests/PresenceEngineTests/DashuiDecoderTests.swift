import Foundation
import TestSupport
import PBXSimulator
import PresenceEngine
import SwitchboardHarness
import Testing

/// Decoding every shape API.md says the real service sends.
@Suite struct DashuiDecoderTests {
    func decode(_ json: String) throws -> [ExtensionState] {
        try DashuiDecoder.decode(Array(json.utf8), receivedAt: .zero).extensions
    }

    @Test func decodesTheQuirkyRealForm() throws {
        let json = """
            {"name":"message","type":"event","servicedBy":"x","availability":"MIXED","numAvailableExts":"1",
             "extensions":[{"extension":"204","name":"Ana Lima","status":"inbound","duration":"192000",
               "onCallWith":"15557852675","phoneNumbers":["15553000204"],"available":"false","lastCallTime":"1764000000000",
               "statusItems":{"callername":"Jane Doe","isRecorded":"true","onCallWithName":"Jane Doe","callStatus":"Connected",
                 "StartTime":1764000000000,"startedWithClickToCall":"false","presenceCallId":"7000001","customTag":""}}]}
            """
        let states = try decode(json)
        #expect(states.count == 1)
        let ana = states[0]
        #expect(ana.number == "204")
        #expect(ana.direction == .inbound)
        #expect(ana.durationMs == 192_000)
        #expect(ana.calls == [CallItem(phase: .connected, otherPartyName: "Jane Doe", isRecorded: true,
                                       presenceCallId: "7000001", startTimeMs: 1_764_000_000_000)])
    }

    @Test func acceptsNumbersWhereStringsAreDocumentedAndBack() throws {
        let states = try decode(#"{"extensions":[{"extension":204,"name":"A","status":"outbound","duration":5000,"onCallWith":15551234567}]}"#)
        #expect(states.first?.number == "204")
        #expect(states.first?.durationMs == 5000)
        #expect(states.first?.onCallWith == "15551234567")
    }

    @Test(arguments: [
        (#"{"callStatus":"ringing"}"#, 1),
        (#"[{"callStatus":"Connected"},{"callStatus":"Ringing"}]"#, 2),
        ("{}", 0),
        ("[]", 0),
    ])
    func statusItemsInEveryShape(items: String, calls: Int) throws {
        let states = try decode(#"{"extensions":[{"extension":"201","name":"A","status":"inbound","statusItems":\#(items)}]}"#)
        #expect(states.first?.calls.count == calls)
    }

    @Test func missingStatusItemsMeansNoCalls() throws {
        #expect(try decode(#"{"extensions":[{"extension":"201","name":"A"}]}"#).first?.calls == [])
    }

    @Test func idleExtensionsHaveNoDurationAndNoCall() throws {
        let idle = try decode(#"{"extensions":[{"extension":"201","name":"A","status":"","duration":-1,"onCallWith":"","statusItems":{"callStatus":"Idle"}}]}"#)[0]
        #expect(idle.durationMs == nil)
        #expect(idle.direction == .idle)
        #expect(idle.primaryCall == nil)
        #expect(!idle.isBusy)
    }

    @Test func theLiteralNullNameMeansNoName() throws {
        let state = try decode(#"{"extensions":[{"extension":"201","status":"inbound","statusItems":{"onCallWithName":"null","callStatus":"CONNECTED"}}]}"#)[0]
        #expect(state.calls.first?.otherPartyName == nil)
        #expect(state.calls.first?.phase == .connected)
    }

    @Test func startTimeInSecondsIsNormalisedToMilliseconds() throws {
        let state = try decode(#"{"extensions":[{"extension":"201","statusItems":{"StartTime":"1764000000","callStatus":"Connected"}}]}"#)[0]
        #expect(state.calls.first?.startTimeMs == 1_764_000_000_000)
    }

    @Test func queueCallsAndIntraPBXAreRecognised() throws {
        let states = try decode(#"{"extensions":[{"extension":"1","status":"call queue"},{"extension":"2","status":"intrapbx"},{"extension":"3","status":"Transfer"}]}"#)
        #expect(states.map(\.direction) == [.queueCall, .intraPBX, .other("transfer")])
    }

    /// A name in another encoding must not stop the board: the bad bytes
    /// read as U+FFFD, and the answer says so (the engine logs it).
    @Test func invalidUTF8IsReadWithReplacementCharacters() throws {
        let latin1Name = Array(#"{"extensions":[{"extension":"201","name":"Ren"#.utf8) + [0xE9] + Array(#"e"},{"extension":"202","name":"Ok"}]}"#.utf8)
        let fast = try DashuiDecoder.decode(latin1Name, receivedAt: .zero)
        #expect(fast.repairedInvalidUTF8)
        #expect(fast.extensions.map(\.name) == ["Ren\u{FFFD}e", "Ok"])
        #expect(try DashuiReferenceDecoder.decode(latin1Name, receivedAt: .zero) == fast)
        #expect(try DashuiDecoder.decode(Array(#"{"extensions":[]}"#.utf8), receivedAt: .zero).repairedInvalidUTF8 == false)
        // Bad bytes outside a string are still not JSON.
        #expect(throws: DecodeError.self) {
            try DashuiDecoder.decode([0x7B, 0xFE, 0xFF, 0xFF, 0xFF, 0xFE, 0xBA, 0x34], receivedAt: .zero)
        }
    }

    @Test func truncatedJSONIsAnError() {
        #expect(throws: DecodeError.self) { try decode(#"{"extensions": [{"extension": "2"#) }
    }

    @Test func aTopLevelArrayIsAnError() {
        #expect(throws: DecodeError.unexpectedShape("top level is not an object")) { try decode("[1,2]") }
    }

    @Test func entriesWithoutAnExtensionNumberAreSkipped() throws {
        #expect(try decode(#"{"extensions":[{"name":"ghost"},{"extension":"201"}]}"#).map(\.number) == ["201"])
    }
}

/// The fast scanner against the Foundation-based reference decoder, answer
/// for answer: the simulator's quirky and strict answers (hostile names
/// included), hand-made edge cases, and the fuzz seed corpus.
@Suite struct DashuiScannerAgreesWithTheReferenceTests {
    static func assertSame(_ bytes: [UInt8], _ label: String) {
        let fast = Result { () throws(DecodeError) in try DashuiDecoder.decode(bytes, receivedAt: .zero) }
        let reference = Result { () throws(DecodeError) in try DashuiReferenceDecoder.decode(bytes, receivedAt: .zero) }
        switch (fast, reference) {
        case (.success(let mine), .success(let theirs)): #expect(mine == theirs, "\(label)")
        case (.failure(let mine), .failure(let theirs)):
            // Both refuse; the wording of a parse error differs, the kind must not.
            switch (mine, theirs) {
            case (.notJSON, .notJSON), (.unexpectedShape, .unexpectedShape): break
            default: Issue.record("\(label): \(mine) vs \(theirs)")
            }
        default: Issue.record("\(label): scanner \(fast) vs reference \(reference)")
        }
    }

    @Test func simulatorAnswersInEveryShape() async throws {
        for shape in AnswerShape.allCases {
            try await withSimulator({ $0.extensionCount = 120; $0.shape = shape; $0.traffic = true; $0.speed = 50 }) { sim in
                let client = VonageClient(transport: CurlTransport(server: sim.address), credentials: sim.demoCredentials)
                _ = try await onOwnThread { try client.login() }
                for round in 0..<5 {
                    let response = try await onOwnThread { try client.dashui(firstRequest: true, extensions: []) }
                    Self.assertSame(response.body, "shape=\(shape) round \(round)")
                }
            }
        }
    }

    @Test(arguments: [
        #"{"extensions":[{"extension":201,"name":"A\u00e9\ud83d\ude00\n\"x\"","status":"  InBound ","duration":"  12 ","available":"TRUE "}]}"#,
        #"{"extensions":{"extension":"201","statusItems":[{},{"callStatus":"RINGING","StartTime":null,"startTime":1700000000}]}}"#,
        #"{"extensions":[{"extension":"201","statusItems":{"StartTime":1700000000,"isRecorded":1,"startedWithClickToCall":"true"}}]}"#,
        #"{"extensions":[{"extension":"201","duration":1.5e3,"onCallWith":15551234567,"statusItems":[1,"x",null,{"available":"false"}]}]}"#,
        #"{"extensions":[{"extension":""},{"name":"no number"},7,{"extension":"202","extension":"203"}]}"#,
        #"{"extensions":null}"#, #"{"extensions":"x"}"#, #"{}"#, #"[]"#, #"null"#, #"{"extensions":[}"#, #"{"a":1}x"#,
        #"{"extensions":[{"extension":"201","name":"bad \q escape"}]}"#, #"{"extensions":[{"extension":"201","name":"\ud800"}]}"#,
        #"{"extensions":[{"extension":"201","duration":-0,"status":true}]}"#, #"{"extensions":[{"extension":"2\u0030\u0031"}]}"#,
    ])
    func handMadeEdgeCases(text: String) {
        Self.assertSame(Array(text.utf8), text)
    }

    @Test func theFuzzSeedCorpus() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/corpus/dashui")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!files.isEmpty)
        for file in files {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(file)))
            Self.assertSame(bytes, file)
        }
    }
}
