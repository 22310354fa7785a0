import Foundation
import PresenceEngine
import Switchboard
import SwitchboardHarness

/// The fuzz targets, by name: `make fuzz` runs each on its own with its own
/// seed corpus (`Fuzz/corpus/NAME`); `all` picks a target by the first byte.
/// Nothing here may trap: decoders throw or return, and the other targets
/// check their promises themselves.
let fuzzTargets: [String: @Sendable ([UInt8]) -> Void] = [
    "dashui": { _ = try? DashuiDecoder.decode($0, receivedAt: .zero) },
    "directory": { _ = try? Directory.decode($0) },
    "queue": { _ = try? QueueState.decode($0, number: "9100") },
    "conference": { _ = try? BridgeState.decode($0, number: "8800") },
    "extension": { _ = try? ExtensionDetails.decode($0, number: "201") },
    "history": { _ = try? CallRecord.decodeList($0, timeZone: TimeZone(identifier: "UTC")!) },
    "number": { _ = NumberRules.check(String(decoding: $0, as: UTF8.self), extensions: ["201", "2020"]) },
    "timestamp": { _ = HistoryTimestamp.parse(String(decoding: $0, as: UTF8.self), timeZone: TimeZone(identifier: "UTC")!) },
    "sanitiser": FuzzEntryPoints.sanitiser,
    "keys": FuzzEntryPoints.keys,
    "theme": FuzzEntryPoints.theme,
    "config": FuzzEntryPoints.config,
]

let fuzzTargetNames = fuzzTargets.keys.sorted()

func fuzzOneInput(_ bytes: [UInt8]) {
    let chosen = ProcessInfo.processInfo.environment["SWITCHBOARD_FUZZ_TARGET"] ?? "all"
    if let target = fuzzTargets[chosen] {
        target(bytes)
        return
    }
    // `all`: the first byte picks the target, the rest is its input.
    guard let selector = bytes.first else { return }
    fuzzTargets[fuzzTargetNames[Int(selector) % fuzzTargetNames.count]]!(Array(bytes.dropFirst()))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    fuzzOneInput(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
