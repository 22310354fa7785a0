import Foundation
import PBXSimulator

/// dashui answers as the simulator's own encoder writes them (with the real
/// service's quirks): about half the extensions on calls with full
/// `statusItems`, one in ten of those on two calls.
enum DashuiFixture {
    static func answer(extensions count: Int, seed: UInt64 = 7) -> [UInt8] {
        let account = Account.generate(extensionCount: count, seed: seed)
        let now: Int64 = 1_795_010_602_000
        var lines: [PBXState.Line] = []
        for (index, person) in account.extensions.enumerated() {
            var line = PBXState.Line(person: person)
            if index % 2 == 0 {
                let directions: [LiveCall.Direction] = [.inbound, .outbound, .intraPBX, .queueCall]
                let calls = index % 20 == 0 ? 2 : 1
                line.calls = (0..<calls).map { call in
                    LiveCall(id: CallIDs.make(Int64(index * 2 + call)), direction: directions[index / 2 % 4],
                             phase: call == 0 ? .connected : .ringing, otherNumber: "1555\(String(format: "%07d", index))",
                             otherName: index % 3 == 0 ? nil : "Caller \(index)", startedAtMs: now - Int64(index % 600) * 1000,
                             connectedAtMs: call == 0 ? now - Int64(index % 590) * 1000 : nil, isRecorded: index % 4 == 0,
                             startedWithClickToCall: index % 8 == 0, customTag: index % 5 == 0 ? "sales" : "")
                }
            } else if index % 7 == 1 {
                line.doNotDisturb = true
            }
            lines.append(line)
        }
        return DashuiEncoder.encode(lines, nowMs: now)
    }
}
