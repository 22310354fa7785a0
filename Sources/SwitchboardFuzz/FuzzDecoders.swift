import Foundation
import PresenceEngine

/// One fuzz input: the first byte picks the decoder, the rest is the body
/// as it could come from the network. Nothing here may trap; every decoder
/// must throw or return.
func fuzzOneInput(_ bytes: [UInt8]) {
    guard let selector = bytes.first else { return }
    let body = Array(bytes.dropFirst())
    let text = String(decoding: body, as: UTF8.self)
    switch selector % 8 {
    case 0: _ = try? DashuiDecoder.decode(body, receivedAt: .zero)
    case 1: _ = try? Directory.decode(body)
    case 2: _ = try? QueueState.decode(body, number: "9100")
    case 3: _ = try? BridgeState.decode(body, number: "8800")
    case 4: _ = try? ExtensionDetails.decode(body, number: "201")
    case 5: _ = try? CallRecord.decodeList(body, timeZone: TimeZone(identifier: "UTC")!)
    case 6: _ = NumberRules.check(text, extensions: ["201", "2020"])
    default: _ = HistoryTimestamp.parse(text, timeZone: TimeZone(identifier: "UTC")!)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    fuzzOneInput(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
