import Foundation
import Testing
@testable import PresenceEngine

/// The relaxed JSON of the API guide, without Foundation's JSON5 mode.
@Suite struct AnswerJSONTests {
    @Test func theGuidesRelaxedFormIsRead() throws {
        let text = """
            { // the guide's example
              callHistoryList : [ { 'timestamp' : "1/18/2013 03:57:00 PM", "callerId": 'Jo "JJ" O\\'Neill', duration: 410, }, ],
              /* trailing */ ok: true,
            }
            """
        let object = try AnswerJSON.object(Array(text.utf8))
        let list = try #require(object["callHistoryList"]?.array)
        #expect(list.count == 1)
        #expect(list[0].object?["callerId"] == .string("Jo \"JJ\" O'Neill"))
        #expect(list[0].object?["duration"] == .number("410"))
        #expect(object["ok"] == .bool(true))
    }

    /// Found by `make fuzz`: Foundation's JSON5 scanner trapped on this
    /// (queue decoder, body `64E+`). It must be a plain error.
    @Test(arguments: ["64E+", "{a: 1e}", "{'a", "/* open", "[1,,]", "{\"a\": tru}"])
    func brokenRelaxedInputIsAnErrorNotATrap(text: String) {
        #expect(throws: DecodeError.self) { try AnswerJSON.object(Array(text.utf8)) }
    }

    @Test func theFuzzRegressionFileDecodesToAnError() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/corpus/queue/regression-json5-exponent.bin")
        let bytes = Array(try Data(contentsOf: file))
        #expect(throws: DecodeError.self) { try QueueState.decode(bytes, number: "9100") }
    }
}
