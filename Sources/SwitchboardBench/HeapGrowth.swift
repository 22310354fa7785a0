import Foundation
import PBXSimulator
import PresenceEngine

/// `switchboard-bench heap --server URL [--requests N]`: how many bytes the
/// process grows over N rounds of requests (a complete dashui answer decoded,
/// a queue and a bridge fetched) through one transport, after a warm-up.
/// A leak per request shows as N times its size; a process of its own, so
/// nothing else allocates meanwhile (`HeapGrowthTests`, RELIABILITY.md).
enum HeapGrowth {
    static func run(_ options: BenchOptions) -> Int32 {
        guard let server = options.value("--server"), let address = try? ServerAddress(server) else {
            FileHandle.standardError.write(Data("heap: --server URL is required\n".utf8))
            return 2
        }
        let credentials = FixedCredentials(Credentials(user: Account.demoLogin, password: Secret(Account.demoPassword)))
        let client = VonageClient(transport: CurlTransport(server: address, cookies: CookieJar()), credentials: credentials)
        let services = VonageServices(client: client)
        func round() -> Bool {
            guard let answer = try? client.dashui(firstRequest: true, extensions: []), answer.status == 200,
                  (try? DashuiDecoder.decode(answer.body, receivedAt: .now())) != nil,
                  (try? services.queue("9100")) != nil, (try? services.conference("8800")) != nil
            else { return false }
            return true
        }
        guard (try? client.login()) != nil else {
            FileHandle.standardError.write(Data("heap: login refused\n".utf8))
            return 1
        }
        let requests = options.int("--requests", default: 1000)
        // Warm-up: the connection, libcurl's caches, Swift's metadata.
        for _ in 0..<200 where !round() { return 1 }
        let before = residentBytes()
        for _ in 0..<requests where !round() { return 1 }
        let after = residentBytes()
        print("rounds \(requests) rss-before \(before) rss-after \(after) growth \(after - before)")
        return 0
    }

    /// Resident memory from /proc/self/statm: the pages a leak would add to.
    static func residentBytes() -> Int {
        let fields = ((try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? "").split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }
}
