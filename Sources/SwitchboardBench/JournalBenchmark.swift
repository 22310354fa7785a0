import Foundation
import Journal

/// The journal's cost (BENCHMARKS.md): one write as the board makes it (a
/// call's row in its own transaction, WAL, synchronous NORMAL), and the
/// file's size per 10,000 calls with their queue samples.
enum JournalBenchmark {
    static func run(_ options: BenchOptions, into table: inout ResultTable) {
        let calls = options.int("--calls", default: 10_000)
        let folder = NSTemporaryDirectory() + "switchboard-bench-journal-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/journal.sqlite"
        guard let database = try? JournalDatabase.open(path: path).0 else {
            table.add("journal write", "open failed", value: "-")
            return
        }
        let start = Date().addingTimeInterval(-Double(calls) * 30)
        var writes: [Double] = []
        for index in 0..<calls {
            // Each call is written when it rings, is answered and ends: three transactions.
            var call = JournalCall(extensionNumber: "\(200 + index % 800)",
                                   direction: index % 3 == 0 ? .outbound : .inbound, number: "1555\(String(format: "%07d", index % 5000))",
                                   name: "Caller \(index % 97)", rang: start.addingTimeInterval(Double(index) * 30), tag: index % 7 == 0 ? "VIP" : "",
                                   outcome: .ongoing, source: .live)
            call.callId = "41827374113596580\(String(format: "%05d", index))"
            for step in 0..<3 {
                if step == 1 { call.answered = call.rang.addingTimeInterval(8) }
                if step == 2 { call.ended = call.rang.addingTimeInterval(200); call.outcome = index % 5 == 0 ? .unanswered : .answered }
                let began = DispatchTime.now().uptimeNanoseconds
                try? database.writeLive([call])
                writes.append(Double(DispatchTime.now().uptimeNanoseconds - began) / 1_000)
            }
            if index % 10 == 0 {
                try? database.writeSample(QueueSample(queue: "9100", name: "Front Desk", at: call.rang, waiting: index % 4, calls: index % 6,
                                                      longestWaitSeconds: index % 90, averageWaitSeconds: 30, agentsAvailable: 3,
                                                      agentsBusy: 2, agentsLoggedIn: 6))
            }
        }
        let measured = Measurement(samples: writes)
        table.add("journal write", "one call row, own transaction (\(writes.count) writes)", measured, unit: "µs",
                  note: String(format: "p99 %.0f µs", measured.percentile(0.99)))
        try? database.checkpoint()
        let size = ["", "-wal"].compactMap { try? FileManager.default.attributesOfItem(atPath: path + $0)[.size] as? Int }.reduce(0, +)
        let perTenThousand = Double(size) / Double(calls) * 10_000 / 1_048_576
        table.add("journal size", "\(calls) calls + \(calls / 10) queue samples", value: String(format: "%.1f MB", Double(size) / 1_048_576),
                  note: String(format: "%.1f MB per 10,000 calls (after a checkpoint)", perTenThousand))
    }
}
