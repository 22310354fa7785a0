import Foundation
import PresenceEngine
import Switchboard
import SwitchboardHarness

/// Render: a full frame of 1,000 extensions at 200x60 into the cell buffer,
/// and the cells one tick of 10 visible durations sends to the terminal.
enum RenderBenchmark {
    static func snapshot(extensions count: Int, onCalls: Int, receivedAt: MonotonicInstant) -> PresenceSnapshot {
        var snapshot = PresenceSnapshot(version: 1, health: .live, lastGoodUpdate: Date())
        for index in 0..<count {
            let number = String(1001 + index)
            let onCall = index < onCalls
            let state = ExtensionState(
                number: number, name: "Person \(index) Ó Briain", direction: onCall ? .inbound : .idle,
                durationMs: onCall ? Int64(index) * 7_000 + 400 : nil, onCallWith: onCall ? "1555\(1_000_000 + index)" : "",
                calls: onCall ? [CallItem(phase: .connected, otherPartyName: "Caller \(index)", isRecorded: index % 2 == 0)] : [],
                receivedAt: receivedAt)
            snapshot.extensions[number] = state
        }
        return snapshot
    }

    static func run(_ options: BenchOptions, into table: inout ResultTable) {
        let runs = options.int("--runs", default: 200)
        let start = MonotonicInstant.now()
        let wall = Date()

        var full = FrameBench(snapshot: snapshot(extensions: 1_000, onCalls: 500, receivedAt: start), width: 200, height: 60)
        // A fresh previous frame each time: every cell drawn and compared.
        var tick = 0.0
        let fullFrame = Measurement.milliseconds(runs: runs) {
            tick += 1
            var bench = full
            bench.frame(now: start.adding(seconds: tick), wallClock: wall)
            full = bench
        }
        table.add("render", "full frame, 1,000 ext, 200x60", fullFrame, note: "target < 1 ms")

        // The wall: 1,000 extensions (100 on calls) at 320x90, in compact
        // tiles and columns; the frame, and the layout a new snapshot costs.
        var wallFrame = FrameBench(snapshot: snapshot(extensions: 1_000, onCalls: 100, receivedAt: start), width: 320, height: 90)
        let wallMeasure = Measurement.milliseconds(runs: runs) {
            tick += 1
            var bench = wallFrame
            bench.frame(now: start.adding(seconds: tick), wallClock: wall)
            wallFrame = bench
        }
        table.add("render", "full wall frame, 1,000 ext, 320x90", wallMeasure, note: "target < 1 ms; with the count of changed cells")
        let wallOnly = Measurement.milliseconds(runs: runs) {
            tick += 1
            wallFrame.renderOnly(now: start.adding(seconds: tick), wallClock: wall)
        }
        table.add("render", "the same frame drawn only, 320x90", wallOnly, note: "into a fresh buffer, no comparison")
        for count in [1_000, 10_000] {
            let changed = snapshot(extensions: count, onCalls: count / 10, receivedAt: start)
            var bench = FrameBench(snapshot: changed, width: 320, height: 90)
            let layout = Measurement.milliseconds(runs: count > 1_000 ? max(5, runs / 10) : runs) { bench.update(changed) }
            table.add("render", "a snapshot into the wall layout, \(count) ext, 320x90", layout, note: "sort, group, columns, flow; once per change")
        }

        // Ten calls ticking, nothing else changing: what one second sends.
        var ticking = FrameBench(snapshot: snapshot(extensions: 40, onCalls: 10, receivedAt: start), width: 120, height: 40)
        ticking.frame(now: start, wallClock: wall)
        var changed: [Double] = []
        let fullTick = Measurement.milliseconds(runs: runs) {
            tick += 1
            changed.append(Double(ticking.frame(now: start.adding(seconds: tick), wallClock: wall.addingTimeInterval(tick))))
        }
        let cells = Measurement(samples: changed)
        table.add("render", "a full frame per second, 10 durations, 120x40", fullTick,
                  note: "what a tick cost before the tick path; \(Int(cells.minimum))-\(Int(cells.samples.max() ?? 0)) cells sent")
        let tickPath = Measurement.milliseconds(runs: runs) {
            tick += 1
            _ = ticking.tick(now: start.adding(seconds: tick), wallClock: wall.addingTimeInterval(tick),
                             previousNow: start.adding(seconds: tick - 1), previousWallClock: wall.addingTimeInterval(tick - 1))
        }
        table.add("render", "one tick as the board does it, 120x40", tickPath, note: "durations, clock and notice only, into the last frame")
    }
}
