import Foundation
import PresenceEngine

// switchboard-bench: the figures of BENCHMARKS.md. `make bench` runs every
// part and the peer scripts; each part also runs on its own.
MemoryRelease.configure()  // as the board has it
let arguments = Array(CommandLine.arguments.dropFirst())
let command = arguments.first ?? "all"
let options = BenchOptions(arguments.dropFirst())

switch command {
case "decode":
    var table = ResultTable()
    DecodeBenchmark.run(options, into: &table)
    print(table.printed())
case "fixtures":
    DecodeBenchmark.writeFixtures(to: options.value("--out") ?? ".build-bench")
case "render":
    var table = ResultTable()
    RenderBenchmark.run(options, into: &table)
    print(table.printed())
case "latency":
    var table = ResultTable()
    LatencyBenchmark.run(options, into: &table)
    print(table.printed())
case "clicktocall":
    var table = ResultTable()
    ClickToCallBenchmark.run(options, into: &table)
    print(table.printed())
case "journal":
    var table = ResultTable()
    JournalBenchmark.run(options, into: &table)
    print(table.printed())
case "names":
    var table = ResultTable()
    NamesBenchmark.run(options, into: &table)
    print(table.printed())
case "heap":
    exit(HeapGrowth.run(options))
default:
    FileHandle.standardError.write(Data("usage: switchboard-bench decode [--file PATH] [--runs N] | fixtures [--out DIR] | render | latency [--changes N] | clicktocall [--calls N] | journal [--calls N] | names [--runs N] | heap --server URL [--requests N]\n".utf8))
    exit(2)
}

struct BenchOptions {
    var words: [String]
    init(_ words: ArraySlice<String>) { self.words = Array(words) }
    func value(_ name: String) -> String? {
        guard let index = words.firstIndex(of: name), index + 1 < words.count else { return nil }
        return words[index + 1]
    }
    func int(_ name: String, default fallback: Int) -> Int { value(name).flatMap(Int.init) ?? fallback }
}
