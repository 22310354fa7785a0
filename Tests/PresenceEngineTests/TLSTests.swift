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
        let made = try ChildProcess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                                         "-keyout", "\(folder)/key.pem", "-out", "\(folder)/cert.pem"],
                                        environment: ProcessInfo.processInfo.environment, captureOutput: false)
        try #require(made.status == 0, "openssl could not make a certificate")
        let port = try freeLoopbackPort()
        let server = try BackgroundProcess(["openssl", "s_server", "-accept", "127.0.0.1:\(port)", "-cert", "\(folder)/cert.pem",
                                            "-key", "\(folder)/key.pem", "-www", "-quiet"])
        defer { _ = server.stop() }
        let transport = CurlTransport(server: try ServerAddress("https://127.0.0.1:\(port)"))
        var outcome = ""
        try await waitUntil("the TLS server to answer, and be refused") {
            do {
                let response = try await onOwnThread { try transport.send(HTTPRequest(path: "/", timeoutSeconds: 5)) }
                outcome = "answered \(response.status)"
                return true
            } catch TransportError.cannotConnect {
                return false  // not listening yet
            } catch {
                outcome = "\(error)"
                return true
            }
        }
        #expect(outcome.lowercased().contains("certificate") || outcome.lowercased().contains("ssl"), "\(outcome)")
    }
}
