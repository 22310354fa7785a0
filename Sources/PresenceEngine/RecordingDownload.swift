import Foundation

/// The limits of one recording download.
public struct RecordingLimits: Sendable, Equatable {
    /// A larger answer is refused (`max_recording_mb`, 100 MB by default):
    /// early by its Content-Length, else as soon as that much arrived.
    public var maximumBytes: Int64
    /// No byte for this long ends the download as stalled.
    public var stallSeconds: Double
    /// The whole download's limit.
    public var timeoutSeconds: Double

    public init(maximumMegabytes: Int = 100, stallSeconds: Double = 30, timeoutSeconds: Double = 300) {
        maximumBytes = Int64(maximumMegabytes) << 20
        self.stallSeconds = stallSeconds
        self.timeoutSeconds = timeoutSeconds
    }
}

/// Downloads a recording to a file safely: the bytes stream into a file
/// with no name yet (`O_TMPFILE`, 0600: nothing is left behind by Ctrl-C, a
/// kill or a crash), the result is checked to be MP3 audio, and only then
/// is it linked into the folder under its final name, which is never
/// overwritten. Where the file system has no unnamed files, a hidden
/// `.NAME.part` (never following a symlink) is used and removed in every
/// case the process lives through.
struct RecordingDownload {
    let client: VonageClient

    func save(_ id: String, into folder: String, name: String?, limits: RecordingLimits,
              progress: @escaping (Int64, Int64?) -> Void) throws(ServiceError) -> String {
        guard !id.isEmpty, id.utf8.allSatisfy({ (48...57).contains($0) }) else {
            throw .invalidInput("'\(TextSafety.printable(id))' is not a recording id (digits only)")
        }
        let finalName = name ?? "recording-\(id).mp3"
        guard !finalName.contains("/"), !finalName.hasPrefix(".") else { throw .invalidInput("bad file name '\(finalName)'") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .file("\(folder) is not a folder")
        }
        let finalPath = (folder as NSString).appendingPathComponent(finalName)
        if FileManager.default.fileExists(atPath: finalPath) || (try? FileManager.default.destinationOfSymbolicLink(atPath: finalPath)) != nil {
            throw .file("\(finalPath) already exists; not overwriting it")
        }
        let file = try PartialFile(in: folder, for: finalName)
        defer { file.discard() }

        let path = "/presence/rest/callrecording/\(id)"
        var request = HTTPRequest(path: path, timeoutSeconds: limits.timeoutSeconds)
        request.maximumFileBytes = limits.maximumBytes
        request.stallSeconds = limits.stallSeconds
        let response: HTTPResponse
        do {
            response = try client.authorized { () throws(TransportError) in
                _ = ftruncate(file.descriptor, 0)
                _ = lseek(file.descriptor, 0, SEEK_SET)
                return try client.transport.download(request, to: file.descriptor, progress: progress)
            }
        } catch .transport(.bodyTooLarge) {
            throw .unacceptable("the recording is larger than \(limits.maximumBytes >> 20) MB (max_recording_mb); nothing was saved")
        }
        guard response.status == 200 else { throw VonageServices.refusal(response) }
        guard fsync(file.descriptor) == 0 else { throw .file("cannot write into \(folder): \(String(cString: strerror(errno)))") }
        try Self.checkMP3(file.descriptor)
        try file.keep(as: finalPath)
        return finalPath
    }

    /// An MP3 starts with an ID3 tag or an MPEG audio frame sync.
    static func checkMP3(_ descriptor: Int32) throws(ServiceError) {
        var head = [UInt8](repeating: 0, count: 16)
        let count = pread(descriptor, &head, 16, 0)
        let isMP3 = count >= 3 && (head.prefix(3).elementsEqual("ID3".utf8) || (head[0] == 0xFF && head[1] & 0xE0 == 0xE0))
        guard isMP3 else {
            let start = String(decoding: head.prefix(max(0, count)), as: UTF8.self)
            let what = start.lowercased().contains("<") ? "a web page" : count <= 0 ? "empty" : "not audio"
            throw .unacceptable("the service's answer is not MP3 audio (\(what)); nothing was saved")
        }
    }
}

/// The file a download streams into before it has its name.
private final class PartialFile {
    let descriptor: Int32
    /// The hidden name of the fallback; nil for an unnamed file.
    private let temporaryPath: String?

    init(in folder: String, for finalName: String) throws(ServiceError) {
        // An unnamed file in the folder: it vanishes with its descriptor.
        let unnamed = open(folder, __O_TMPFILE | O_DIRECTORY | O_RDWR | O_CLOEXEC, 0o600)
        if unnamed >= 0 {
            descriptor = unnamed
            temporaryPath = nil
            return
        }
        let path = (folder as NSString).appendingPathComponent(".\(finalName).\(UInt32.random(in: 0...UInt32.max)).part")
        let named = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard named >= 0 else { throw .file("cannot create \(path): \(String(cString: strerror(errno)))") }
        descriptor = named
        temporaryPath = path
    }

    /// Gives the file its final name; link() refuses an existing name (a
    /// file or a symlink), so nothing is ever overwritten.
    func keep(as finalPath: String) throws(ServiceError) {
        let linked = temporaryPath.map { link($0, finalPath) }
            ?? linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, finalPath, AT_SYMLINK_FOLLOW)
        guard linked == 0 else {
            throw .file(errno == EEXIST ? "\(finalPath) already exists; not overwriting it"
                                         : "cannot save \(finalPath): \(String(cString: strerror(errno)))")
        }
    }

    /// Closes the file; the temporary name goes in every case (once kept,
    /// the file lives on under its final name).
    func discard() {
        close(descriptor)
        if let temporaryPath { unlink(temporaryPath) }
    }
}
