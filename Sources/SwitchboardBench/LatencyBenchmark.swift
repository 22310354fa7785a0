enum LatencyBenchmark { static func run(_ o: BenchOptions, into t: inout ResultTable) {} }
