import Foundation

/// `openssl s_server` on loopback with a certificate made for the test,
/// signed by nobody: what a board must refuse.
public final class SelfSignedServer: Sendable {
    public let port: Int
    private let process: BackgroundProcess

    public init(folder: String) throws {
        let made = try ChildProcess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                                         "-keyout", "\(folder)/key.pem", "-out", "\(folder)/cert.pem"],
                                        environment: ProcessInfo.processInfo.environment, captureOutput: false)
        guard made.status == 0 else { throw POSIXError(.EIO) }
        port = try freeLoopbackPort()
        process = try BackgroundProcess(["openssl", "s_server", "-accept", "127.0.0.1:\(port)", "-cert", "\(folder)/cert.pem",
                                         "-key", "\(folder)/key.pem", "-www", "-quiet"])
    }

    public func stop() { _ = process.stop() }
}
