import PresenceEngine
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

    @Test func invalidUTF8IsRefusedBeforeParsing() {
        #expect(throws: DecodeError.invalidUTF8) {
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
