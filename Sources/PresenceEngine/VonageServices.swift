import Foundation
import Logging

/// The service calls beside the long poll: directory, details,
/// click-to-call, call history and recordings. Blocking; one thread at a
/// time (the engine's service thread, or a command-line command).
public final class VonageServices: Sendable {
    public let client: VonageClient
    /// The account's local time zone, in which history times are written.
    public let timeZone: TimeZone
    /// Where the fields an answer carried but could not be read are noted.
    let logger: Logger?

    public init(client: VonageClient, timeZone: TimeZone = .current, logger: Logger? = nil) {
        self.client = client
        self.timeZone = timeZone
        self.logger = logger
    }

    /// Notes the fields of an answer that could not be read (shown as unknown).
    func noteProblems(_ problems: [String], in service: String) {
        guard !problems.isEmpty else { return }
        logger?.warning("answer had fields that could not be read; shown as unknown",
                        metadata: ["service": "\(service)", "fields": "\(problems.joined(separator: "; "))"])
    }

    /// GET `path`; a 200 body, or the API's refusal as a typed error.
    func body(_ path: String, query: [(String, String)] = []) throws(ServiceError) -> [UInt8] {
        let response = try client.authorized { () throws(TransportError) in try client.get(path, query: query) }
        guard response.status == 200 else { throw Self.refusal(response) }
        return response.body
    }

    public static func refusal(_ response: HTTPResponse) -> ServiceError {
        let text = response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
        // The API's texts are short capitals; anything else (an HTML error page) is not shown.
        let shown = text.count <= 80 && !text.contains("<") ? TextSafety.printable(text) : ""
        return .refused(status: response.status, text: shown)
    }

    static func decoded<Value>(_ decode: () throws(DecodeError) -> Value) throws(ServiceError) -> Value {
        do { return try decode() } catch { throw .undecodable(error) }
    }

    public func directory() throws(ServiceError) -> Directory {
        let bytes = try body("/presence/rest/directory")
        let directory = try Self.decoded { () throws(DecodeError) in try Directory.decode(bytes) }
        noteProblems(directory.problems, in: "directory")
        return directory
    }

    public func extensionDetails(_ number: String) throws(ServiceError) -> ExtensionDetails {
        let digits = try Self.extensionDigits(number)
        let bytes = try body("/presence/rest/extension/\(digits)")
        let details = try Self.decoded { () throws(DecodeError) in try ExtensionDetails.decode(bytes, number: digits) }
        noteProblems(details.problems, in: "extension \(digits)")
        return details
    }

    public func queue(_ number: String) throws(ServiceError) -> QueueState {
        let digits = try Self.extensionDigits(number)
        let bytes = try body("/presence/rest/queue/\(digits)")
        let queue = try Self.decoded { () throws(DecodeError) in try QueueState.decode(bytes, number: digits) }
        noteProblems(queue.problems, in: "queue \(digits)")
        return queue
    }

    public func conference(_ number: String) throws(ServiceError) -> BridgeState {
        let digits = try Self.extensionDigits(number)
        let bytes = try body("/presence/rest/conference/\(digits)")
        let bridge = try Self.decoded { () throws(DecodeError) in try BridgeState.decode(bytes, number: digits) }
        noteProblems(bridge.problems, in: "conference \(digits)")
        return bridge
    }

    /// Extension numbers in paths: 2 to 6 digits once non-digits are stripped.
    public static func extensionDigits(_ text: String) throws(ServiceError) -> String {
        let digits = NumberRules.digits(of: text)
        guard (2...6).contains(digits.count) else { throw .invalidInput("'\(TextSafety.printable(text))' is not an extension (2 to 6 digits)") }
        return digits
    }

    /// Click-to-call: checks the number as the service would, before any
    /// request; then rings the user's phone and dials it.
    @discardableResult
    public func clickToCall(_ number: String, extensions: Set<String>) throws(ServiceError) -> NumberRules.Target {
        let target: NumberRules.Target
        switch NumberRules.check(number, extensions: extensions) {
        case .success(let checked): target = checked
        case .failure(let problem): throw .invalidInput(problem.description)
        }
        _ = try body("/presence/rest/clicktocall/\(target.digits)")
        return target
    }

    /// Call history of `extension`, newest first. The service answers at
    /// most 100 records; with `all`, earlier pages are fetched by moving
    /// `end` back to the oldest record seen, until a page comes back short.
    public func history(_ extension: String, query: HistoryQuery = HistoryQuery(), all: Bool = false,
                        maximumPages: Int = 1000) throws(ServiceError) -> [CallRecord] {
        let digits = try Self.extensionDigits(`extension`)
        var records: [CallRecord] = []
        var seen = Set<CallRecord>()
        var page = query
        for _ in 0..<maximumPages {
            let bytes = try body("/presence/rest/callhistory/\(digits)", query: page.parameters(timeZone: timeZone))
            let (batch, problems) = try Self.decoded { () throws(DecodeError) in try CallRecord.decodePage(bytes, timeZone: timeZone) }
            noteProblems(problems, in: "history \(digits)")
            // `end` is inclusive, so the boundary second comes back again: skip what was seen.
            let fresh = batch.filter { seen.insert($0).inserted }
            records += fresh
            guard all, HistoryPaging.mayHaveOlder(pageCount: batch.count, newCount: fresh.count), let oldest = batch.compactMap(\.time).min() else { break }
            page.end = oldest
        }
        return records
    }

    /// Saves recording `id` into `folder`; returns the file's path. See
    /// `RecordingDownload` for how the file is written.
    public func saveRecording(_ id: String, into folder: String, name: String? = nil, limits: RecordingLimits = RecordingLimits(),
                              progress: @escaping (Int64, Int64?) -> Void = { _, _ in }) throws(ServiceError) -> String {
        try RecordingDownload(client: client).save(id, into: folder, name: name, limits: limits, progress: progress)
    }
}

/// How the call history pages: the service answers at most 100 records,
/// newest first; the next page asks with `end` at the oldest time seen,
/// and `end` is inclusive, so the boundary second comes back again. One rule
/// for the engine's `all` and the board's `n`.
public enum HistoryPaging {
    public static let pageSize = 100

    /// Older records may exist: the last page was full and brought
    /// something not seen before (a page of repeats would loop for ever).
    public static func mayHaveOlder(pageCount: Int, newCount: Int) -> Bool {
        pageCount >= pageSize && newCount > 0
    }
}
