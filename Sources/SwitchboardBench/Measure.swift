import Foundation

/// Several runs of one piece of work: the minimum and the median, never a
/// lone time (the machine is shared and noisy).
struct Measurement {
    var samples: [Double]
    var minimum: Double { samples.min() ?? .nan }
    var median: Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
    func percentile(_ p: Double) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    /// Runs `work` `runs` times after `warmup` untimed runs; milliseconds.
    static func milliseconds(runs: Int, warmup: Int = 2, _ work: () -> Void) -> Measurement {
        for _ in 0..<warmup { work() }
        var samples: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            work()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        }
        return Measurement(samples: samples)
    }
}

/// The one table `make bench` prints.
struct ResultTable {
    struct Row {
        var figure: String
        var subject: String
        var minimum: String
        var median: String
        var note: String
    }
    var rows: [Row] = []

    mutating func add(_ figure: String, _ subject: String, _ measurement: Measurement, unit: String = "ms", note: String = "") {
        rows.append(Row(figure: figure, subject: subject, minimum: Self.format(measurement.minimum, unit), median: Self.format(measurement.median, unit), note: note))
    }

    mutating func add(_ figure: String, _ subject: String, value: String, note: String = "") {
        rows.append(Row(figure: figure, subject: subject, minimum: value, median: "", note: note))
    }

    static func format(_ value: Double, _ unit: String) -> String {
        value < 10 ? String(format: "%.3f %@", value, unit) : String(format: "%.1f %@", value, unit)
    }

    func printed() -> String {
        let header = Row(figure: "figure", subject: "subject", minimum: "min", median: "median", note: "note")
        let all = [header] + rows
        let widths = [all.map(\.figure.count).max()!, all.map(\.subject.count).max()!, all.map(\.minimum.count).max()!, all.map(\.median.count).max()!]
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        return all.map { row in
            "| \(pad(row.figure, widths[0])) | \(pad(row.subject, widths[1])) | \(pad(row.minimum, widths[2])) | \(pad(row.median, widths[3])) | \(row.note) |"
        }.joined(separator: "\n")
    }
}
