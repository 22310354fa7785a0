enum RenderBenchmark { static func run(_ o: BenchOptions, into t: inout ResultTable) {} }
