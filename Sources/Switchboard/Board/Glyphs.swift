/// Status glyphs, with ASCII stand-ins for terminals whose locale is not UTF-8.
struct Glyphs: Sendable {
    var available: String
    var ringing: String
    var onCall: String
    var dnd: String
    var live: String
    var notLive: String

    static let unicode = Glyphs(available: "○", ringing: "◌", onCall: "●", dnd: "⊘", live: "●", notLive: "○")
    static let ascii = Glyphs(available: "o", ringing: "~", onCall: "*", dnd: "/", live: "*", notLive: "o")

    /// The ASCII set (a terminal that is not UTF-8): big digits drawn without block characters too.
    var isASCII: Bool { live == Glyphs.ascii.live }
}
