/// A secret that never prints: `description`, `debugDescription` and string
/// interpolation all show a redaction marker, so the password cannot reach a
/// log line or an error message by accident.
public struct Secret: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    public init(_ value: String) { self.value = value }

    /// The only way to read the secret; call it where the bytes go on the wire.
    public func reveal() -> String { value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}

/// A user name and password for the Vonage account.
public struct Credentials: Sendable {
    public var user: String
    public var password: Secret

    public init(user: String, password: Secret) {
        self.user = user
        self.password = password
    }
}

/// Where the engine gets credentials each time it logs in, so a password
/// can come from a command or prompt rather than living in memory forever.
public protocol CredentialsProvider: Sendable {
    func credentials() throws -> Credentials
}

/// Credentials known up front (the environment variable, the demo account).
public struct FixedCredentials: CredentialsProvider {
    private let value: Credentials
    public init(_ value: Credentials) { self.value = value }
    public func credentials() throws -> Credentials { value }
}
