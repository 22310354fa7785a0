import Foundation
import PresenceEngine
import Testing
import TestSupport

/// Certificate checks are always on: a server with a certificate nobody
/// vouches for is refused, even on loopback.
@Suite struct TLSTests {
    @Test func aSelfSignedCertificateIsRefused() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try SelfSignedServer(folder: folder)
        defer { server.stop() }
        let port = server.port
        let transport = CurlTransport(server: try ServerAddress("https://127.0.0.1:\(port)"))
        var outcome = ""
        try await waitUntil("the TLS server to answer, and be refused") {
            do {
                let response = try await onOwnThread { try transport.send(HTTPRequest(path: "/", timeoutSeconds: 5)) }
                outcome = "answered \(response.status)"
                return true
            } catch TransportError.cannotConnect {
                return false  // not listening yet
            } catch TransportError.timedOut {
                return false  // no answer yet (openssl still starting, or a busy machine): ask again
            } catch {
                outcome = "\(error)"
                return true
            }
        }
        #expect(outcome.lowercased().contains("certificate") || outcome.lowercased().contains("ssl"), "\(outcome)")
    }
}
