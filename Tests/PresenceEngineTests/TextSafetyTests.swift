import PresenceEngine
import SwitchboardHarness
import Testing

/// Hostile text from the server: whole escape sequences go, one visible
/// marker stays where something was removed, the rest stays readable.
@Suite struct TextSafetyTests {
    static func shown(_ text: String) -> String { TextSafety.printable(text, replacement: "\u{FFFD}") }

    @Test func aTitleSequenceAndAClearScreenLeaveOneMarkerAndTheName() {
        #expect(Self.shown("\u{1B}]2;pwned2\u{07}\u{1B}[2JEve Intruder") == "\u{FFFD}Eve Intruder")
        #expect(TextSafety.printable("\u{1B}]2;pwned2\u{07}\u{1B}[2JEve Intruder") == "Eve Intruder")
    }

    @Test(arguments: [
        ("Eve \u{1B}[31mRed\u{1B}[0m", "Eve \u{FFFD}Red\u{FFFD}"),                 // CSI colours
        ("a\u{1B}[?1049lb", "a\u{FFFD}b"),                                          // private CSI
        ("a\u{9B}2Jb", "a\u{FFFD}b"),                                               // C1 CSI
        ("a\u{1B}]0;title\u{1B}\\b", "a\u{FFFD}b"),                                  // OSC ended by ST
        ("a\u{9D}0;title\u{9C}b", "a\u{FFFD}b"),                                    // C1 OSC and ST
        ("a\u{1B}Pq#0;2;0;0;0\u{1B}\\b", "a\u{FFFD}b"),                             // DCS (sixel)
        ("a\u{1B}_payload\u{1B}\\b", "a\u{FFFD}b"),                                 // APC
        ("a\u{1B}^privacy\u{9C}b", "a\u{FFFD}b"),                                   // PM
        ("a\u{1B}Xstart\u{1B}\\b", "a\u{FFFD}b"),                                   // SOS
        ("a\u{1B}cb", "a\u{FFFD}b"),                                                // ESC c (reset)
        ("a\u{1B}(Bb", "a\u{FFFD}b"),                                               // charset
        ("Bell\u{07}Ringer", "Bell\u{FFFD}Ringer"),                                 // lone control
        ("Mallory\u{202E}gnp.exe", "Mallory\u{FFFD}gnp.exe"),                       // bidi override
        ("a\u{1B}]0;never closed", "a\u{FFFD}0;never closed"),                      // unclosed: only the introducer
        ("tail\u{1B}", "tail\u{FFFD}"),
        ("Zoë Ó Briain", "Zoë Ó Briain"),
    ])
    func eachKindOfSequenceGoesWhole(input: String, expected: String) {
        #expect(Self.shown(input) == expected)
    }

    @Test func nothingUnsafeSurvivesAnyMixOfIntroducersAndTerminators() {
        let pieces = ["\u{1B}", "[", "]", "P", "\\", "\u{07}", "\u{9B}", "\u{9C}", "\u{9D}", "0", ";", "m", "x", "\u{202E}", "é", "\u{18}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 1...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for clean in [Self.shown(text), TextSafety.printable(text)] {
                #expect(!clean.unicodeScalars.contains(where: TextSafety.isUnsafe), "\(text.unicodeScalars.map { $0.value })")
            }
        }
    }
}

/// Found by a hostile server: a name of 100,000 characters took
/// `switchboard status` out of proportion (0.15 s at 1,000, no answer in
/// 40 s at 100,000). Every text from the service is cut as it is decoded.
@Suite struct TextBoundTests {
    static let huge = String(repeating: "Ab\u{301}c👨‍👩‍👧 ", count: 20_000)

    @Test func aHugeNameIsCutAsItIsDecodedByEveryDecoder() throws {
        let name = Self.huge.replacingOccurrences(of: "\"", with: "")
        let dashui = Array(#"{"extensions":[{"extension":"201","name":"\#(name)","onCallWith":"\#(name)"}]}"#.utf8)
        for state in [try DashuiDecoder.decode(dashui, receivedAt: .zero).extensions[0],
                      try DashuiReferenceDecoder.decode(dashui, receivedAt: .zero).extensions[0]] {
            #expect(state.name.unicodeScalars.count == TextSafety.maximumScalars + 1)
            #expect(state.name.hasSuffix("…"))
            #expect(state.onCallWith.unicodeScalars.count == TextSafety.maximumScalars + 1)
        }
        let details = try ExtensionDetails.decode(Array(#"{"details":{"name":"\#(name)"}}"#.utf8), number: "201")
        #expect(details.name.unicodeScalars.count == TextSafety.maximumScalars + 1)
    }

    @Test func shortTextIsLeftAlone() {
        #expect(TextSafety.bounded("Ana Lima") == "Ana Lima")
        let exactly = String(repeating: "é", count: TextSafety.maximumScalars)
        #expect(TextSafety.bounded(exactly) == exactly)
        #expect(TextSafety.bounded(exactly + "x") == exactly + "…")
    }
}
