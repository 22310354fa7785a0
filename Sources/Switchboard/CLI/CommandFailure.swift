import PresenceEngine

/// A command's failure: one line for stderr and the exit code PRODUCT.md
/// gives it (2 usage, config or input refused before any request; 3 login
/// refused; 4 network unreachable; 5 request refused by the API).
struct CommandFailure: Error, CustomStringConvertible, Equatable {
    var code: Int32
    var message: String
    var description: String { message }

    static let usageCode: Int32 = 2
    static let loginCode: Int32 = 3
    static let networkCode: Int32 = 4
    static let refusedCode: Int32 = 5

    static func usage(_ message: String) -> CommandFailure { CommandFailure(code: usageCode, message: message) }

    init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    init(_ error: LoginError) {
        switch error {
        case .refused: self.init(code: Self.loginCode, message: error.description)
        case .unreachable, .serverError: self.init(code: Self.networkCode, message: error.description)
        case .noCredentials: self.init(code: Self.usageCode, message: error.description)
        }
    }

    init(_ error: ServiceError) {
        switch error {
        case .invalidInput(let why): self.init(code: Self.usageCode, message: why)
        case .refused: self.init(code: Self.refusedCode, message: "refused by the service: \(error)")
        case .login(let login): self.init(login)
        case .transport(let transport): self.init(code: Self.networkCode, message: transport.description)
        case .undecodable(let decode): self.init(code: Self.refusedCode, message: "the service's answer was not understood: \(decode)")
        case .file(let why): self.init(code: Self.usageCode, message: why)
        case .unacceptable(let why): self.init(code: Self.refusedCode, message: why)
        }
    }

    init(_ error: TransportError) {
        self.init(code: Self.networkCode, message: error.description)
    }
}
