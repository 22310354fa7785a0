import Foundation
import PresenceEngine
import SwitchboardHarness

/// Decode + fold: a dashui answer's bytes to the state store, as the engine
/// does for every answer.
enum DecodeBenchmark {
    static let sizes = [100, 1_000, 10_000]

    static func writeFixtures(to folder: String) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for size in sizes {
            let path = "\(folder)/dashui-\(size).json"
            FileManager.default.createFile(atPath: path, contents: Data(DashuiFixture.answer(extensions: size)))
            print(path)
        }
    }

    static func run(_ options: BenchOptions, into table: inout ResultTable) {
        let runs = options.int("--runs", default: 30)
        if let file = options.value("--file") {
            guard let data = FileManager.default.contents(atPath: file) else { print("cannot read \(file)"); exit(2) }
            measure(Array(data), label: (file as NSString).lastPathComponent, runs: runs, into: &table)
            return
        }
        for size in sizes {
            measure(DashuiFixture.answer(extensions: size), label: "\(size) ext", runs: size >= 10_000 ? max(5, runs / 3) : runs, into: &table)
        }
    }

    static func measure(_ bytes: [UInt8], label: String, runs: Int, into table: inout ResultTable) {
        var count = 0
        let measurement = Measurement.milliseconds(runs: runs) {
            var store = StateStore()
            do {
                let answer = try DashuiDecoder.decode(bytes, receivedAt: .zero)
                store.fold(answer, isComplete: true, at: Date())
                count = store.snapshot.extensions.count
            } catch {
                print("decode failed: \(error)")
                exit(1)
            }
        }
        if ProcessInfo.processInfo.environment["BENCH_SPLIT"] != nil {
            let decodeOnly = Measurement.milliseconds(runs: runs) { _ = try? DashuiDecoder.decode(bytes, receivedAt: .zero) }
            table.add("decode only", "switchboard \(label)", decodeOnly)
            let reference = Measurement.milliseconds(runs: max(3, runs / 5)) { _ = try? DashuiReferenceDecoder.decode(bytes, receivedAt: .zero) }
            table.add("decode only", "JSONSerialization \(label)", reference, note: "the first decoder, kept as the tests' reference")
        }
        let megabytesPerSecond = Double(bytes.count) / 1_000_000 / (measurement.minimum / 1000)
        table.add("decode+fold", "switchboard \(label)", measurement,
                  note: "\(bytes.count / 1024) KB, \(count) ext, \(Int(megabytesPerSecond)) MB/s at min")
    }
}
