/// Why a service call did not do what was asked.
public enum ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Refused before any request (an invalid number, a bad argument).
    case invalidInput(String)
    /// The API answered with a refusal; `text` is its own (e.g. `BAD USER PHONE`).
    case refused(status: Int, text: String)
    case login(LoginError)
    case transport(TransportError)
    case undecodable(DecodeError)
    /// A local file problem while saving a recording.
    case file(String)
    /// The service answered, but not with something to keep (a recording
    /// that is not audio, or past `max_recording_mb`).
    case unacceptable(String)

    public var description: String {
        switch self {
        case .invalidInput(let why): return why
        case .refused(let status, let text): return text.isEmpty ? "refused (HTTP \(status))" : "\(text) (HTTP \(status))"
        case .login(let error): return error.description
        case .transport(let error): return error.description
        case .undecodable(let error): return error.description
        case .file(let why): return why
        case .unacceptable(let why): return why
        }
    }

    /// The API's text, when the API refused.
    public var apiText: String? {
        if case .refused(_, let text) = self { return text }
        return nil
    }
}
