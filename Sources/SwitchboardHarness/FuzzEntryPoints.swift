import Foundation
import PresenceEngine
import Switchboard

/// What `make fuzz` drives in this module: each takes arbitrary bytes and
/// must neither trap nor break its promise (checked here with `precondition`,
/// so a broken promise is a crash the fuzzer reports and keeps).
public enum FuzzEntryPoints {
    /// Keys from bytes: the reducer in every mode, and the line editor's
    /// cursor always within its text.
    public static func keys(_ bytes: [UInt8]) {
        var app = App()
        _ = app.reduce(.resized(width: 80 + Int(bytes.first ?? 0) % 60, height: 24 + Int(bytes.last ?? 0) % 20))
        var snapshot = PresenceSnapshot(version: 1, health: .live)
        for number in 201...230 {
            snapshot.extensions[String(number)] = ExtensionState(number: String(number), name: "Person \(number)",
                                                                 direction: number % 3 == 0 ? .inbound : .idle, durationMs: 1000,
                                                                 calls: number % 3 == 0 ? [CallItem(phase: .connected)] : [])
        }
        snapshot.queues["9100"] = QueueState(number: "9100", name: "Front")
        _ = app.reduce(.snapshot(snapshot))
        var editor = LineEditor()
        var screen = Buffer(width: app.screenWidth, height: app.screenHeight)
        for byte in bytes {
            let key = key(for: byte)
            _ = app.reduce(.key(key))
            _ = editor.apply(key)
            precondition(editor.cursor >= 0 && editor.cursor <= editor.characters.count, "cursor outside the text")
            precondition(editor.characters.count <= editor.limit, "editor past its limit")
        }
        BoardScreen(identity: "fuzz").render(app, now: .now(), wallClock: Date(), into: &screen)
    }

    static func key(for byte: UInt8) -> Key {
        let special: [Key] = [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .tab, .backTab,
                              .backspace, .delete, .control("a"), .control("c"), .control("e"), .control("u")]
        if byte >= 0x20 && byte < 0x7F { return .character(Character(Unicode.Scalar(byte))) }
        if byte >= 0xC0 { return .character(["é", "ë", "李", "😀", "\u{301}", "\u{202E}"][Int(byte) % 6]) }
        return special[Int(byte) % special.count]
    }

    /// The sanitiser: whatever comes in, nothing a terminal could act on goes out.
    public static func sanitiser(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        for clean in [TextWidth.sanitized(text), TextSafety.printable(text)] {
            precondition(!clean.unicodeScalars.contains(where: TextSafety.isUnsafe), "a control scalar survived")
        }
        var buffer = Buffer(width: 40, height: 2)
        buffer.write(text, x: 0, y: 0, role: .text)
        for cell in buffer.cells { precondition(!cell.character.unicodeScalars.contains(where: TextSafety.isUnsafe), "a control scalar reached a cell") }
    }

    /// The theme parser: a theme or an error with a line, never a trap.
    public static func theme(_ bytes: [UInt8]) {
        do {
            _ = try ThemeLoader.parse(String(decoding: bytes, as: UTF8.self), file: "fuzz.toml")
        } catch {
            precondition(error.line >= 0, "an error without a line")
        }
    }

    /// The config parser: settings or an error with file and line, never a trap.
    public static func config(_ bytes: [UInt8]) {
        do {
            _ = try ConfigFile.parse(String(decoding: bytes, as: UTF8.self), file: "config.toml", environment: ["HOME": "/home/fuzz"])
        } catch {
            precondition(error.file == "config.toml" && error.line >= 1, "an error without file and line")
        }
    }
}
