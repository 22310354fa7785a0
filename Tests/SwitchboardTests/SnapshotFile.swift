import Foundation
import Testing

/// Expected screens live as text under `Snapshots/`; `SNAPSHOT_UPDATE=1`
/// rewrites them from the current output instead of comparing.
enum SnapshotFile {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func assertMatches(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["SNAPSHOT_UPDATE"] == "1" {
            try (actual + "\n").write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path), let expected = String(data: data, encoding: .utf8) else {
            Issue.record("missing snapshot \(name); run with SNAPSHOT_UPDATE=1 to create it", sourceLocation: sourceLocation)
            return
        }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, (want, got)) in zip(expectedLines, actualLines).enumerated() where want != got {
            Issue.record("\(name) line \(index + 1) differs:\n  expected: \(want)\n  actual:   \(got)", sourceLocation: sourceLocation)
        }
        #expect(expectedLines.count == actualLines.count, "\(name): line count", sourceLocation: sourceLocation)
    }
}
