import Foundation
import PresenceEngine
import Switchboard
import SwitchboardHarness

/// Text out of all proportion (issue 22): a live-status answer whose every
/// text field holds 100,000 characters (escapes, a joined emoji family,
/// combining marks, CJK), decoded, and drawn into a 160x50 frame; the cost
/// must not grow with the text (every text is cut to 256 scalars as it is
/// decoded).
enum NamesBenchmark {
    static func hugeText(_ seed: Int) -> String {
        let pieces = ["Ab\u{301}c", "👨‍👩‍👧 ", "\u{1B}]0;x\u{07}", "李娜", "e\u{316}\u{334} ", "\u{202E}R "]
        var text = ""
        text.reserveCapacity(400_000)
        var index = seed, scalars = 0
        while scalars < 100_000 {
            let piece = pieces[index % pieces.count]
            text += piece
            scalars += piece.unicodeScalars.count
            index += 1
        }
        return text
    }

    static func answer(extensions: Int) -> [UInt8] {
        var entries: [[String: Any]] = []
        for index in 0..<extensions {
            let text = hugeText(index)
            entries.append(["extension": String(201 + index), "name": text, "status": "inbound", "duration": 65_000, "onCallWith": text,
                            "statusItems": ["callStatus": "Connected", "callername": text, "onCallWithName": text, "customTag": text,
                                            "presenceCallId": "4182737411359658008242"]])
        }
        return Array((try? JSONSerialization.data(withJSONObject: ["extensions": entries])) ?? Data())
    }

    static func run(_ options: BenchOptions, into table: inout ResultTable) {
        let runs = options.int("--runs", default: 20)
        let bytes = answer(extensions: 10)
        let decode = Measurement.milliseconds(runs: runs) { _ = try? DashuiDecoder.decode(bytes, receivedAt: .zero) }
        table.add("names", "decode 10 ext, 100,000 characters in every text (\(bytes.count / 1_000_000) MB)", decode,
                  note: "each text cut to 256 scalars as it is read")
        guard let decoded = try? DashuiDecoder.decode(bytes, receivedAt: .zero) else { return }
        var snapshot = PresenceSnapshot(version: 1, health: .live, lastGoodUpdate: Date())
        for state in decoded.extensions { snapshot.extensions[state.number] = state }
        var bench = FrameBench(snapshot: snapshot, width: 160, height: 50)
        let start = MonotonicInstant.now()
        var tick = 0.0
        let frame = Measurement.milliseconds(runs: runs) {
            tick += 1
            bench.frame(now: start.adding(seconds: tick), wallClock: Date())
        }
        table.add("names", "full frame of those 10 ext, 160x50", frame, note: "every name sanitised, measured, cut")

        // What one snapshot costs the UI thread at 200,000 extensions (issue 22: keys within 100 ms).
        let large = RenderBenchmark.snapshot(extensions: 200_000, onCalls: 4_000, receivedAt: start)
        var wall = FrameBench(snapshot: large, width: 160, height: 50)
        var measured = wall.measured(large)
        let measuring = Measurement.milliseconds(runs: 5, warmup: 1) { measured = wall.measured(large, after: measured) }
        table.add("render", "a snapshot measured, 200,000 ext (the preparer's thread)", measuring, note: "same people: no sort")
        let layout = Measurement.milliseconds(runs: 5, warmup: 1) { wall.update(measured) }
        table.add("render", "a measured snapshot into the wall layout, 200,000 ext, 160x50 (UI thread)", layout,
                  note: "what a key can wait behind")
        let key = Measurement.milliseconds(runs: 5, warmup: 1) {
            wall.pressDownThenUp()
            wall.renderOnly(now: start, wallClock: Date())
        }
        table.add("render", "↓ then ↑ and a frame, 200,000 ext, 160x50 (UI thread)", key)
        let typing = Measurement.milliseconds(runs: 5, warmup: 1) {
            wall.find("1012")
            wall.escape()
        }
        table.add("render", "/ 1 0 1 2 Esc typed, each key found and laid out, 200,000 ext, 160x50 (UI thread)", typing,
                  note: "6 keys; 200,011 found by \"1\"")
        wall.find("10")
        let finding = Measurement.milliseconds(runs: 5, warmup: 1) { wall.update(measured) }
        table.add("render", "a measured snapshot while \"10\" is found, 200,000 ext, 160x50 (UI thread)", finding)
        wall.escape()
        var list = FrameBench(snapshot: large, width: 80, height: 24)
        let listLayout = Measurement.milliseconds(runs: 5, warmup: 1) { list.update(measured) }
        table.add("render", "a measured snapshot into the list, 200,000 ext, 80x24 (UI thread)", listLayout)
    }
}
