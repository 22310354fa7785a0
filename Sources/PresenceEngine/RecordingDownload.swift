import Foundation

/// Downloads a recording to a file safely: the bytes stream into a new
/// temporary file (created 0600, never following a symlink), the result is
/// checked to be MP3 audio, and only then is it linked into place under its
/// final name, which is never overwritten.
struct RecordingDownload {
    let client: VonageClient

    func save(_ id: String, into folder: String, name: String?, progress: @escaping (Int64, Int64?) -> Void) throws(ServiceError) -> String {
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
        let temporaryPath = (folder as NSString).appendingPathComponent(".\(finalName).\(UInt32.random(in: 0...UInt32.max)).part")
        let descriptor = open(temporaryPath, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .file("cannot create \(temporaryPath): \(String(cString: strerror(errno)))") }
        // The temporary name goes in every case: on success the file lives on under its final name.
        defer {
            close(descriptor)
            unlink(temporaryPath)
        }

        let path = "/presence/rest/callrecording/\(id)"
        let response = try client.authorized { () throws(TransportError) in
            _ = ftruncate(descriptor, 0)
            _ = lseek(descriptor, 0, SEEK_SET)
            return try client.transport.download(
                HTTPRequest(path: path, timeoutSeconds: 300), to: descriptor, progress: progress)
        }
        guard response.status == 200 else { throw VonageServices.refusal(response) }
        guard fsync(descriptor) == 0 else { throw .file("cannot write \(temporaryPath): \(String(cString: strerror(errno)))") }
        try Self.checkMP3(descriptor)
        // link() refuses an existing name (file or symlink): never overwrites.
        guard link(temporaryPath, finalPath) == 0 else {
            throw .file(errno == EEXIST ? "\(finalPath) already exists; not overwriting it"
                                         : "cannot save \(finalPath): \(String(cString: strerror(errno)))")
        }
        return finalPath
    }

    /// An MP3 starts with an ID3 tag or an MPEG audio frame sync.
    static func checkMP3(_ descriptor: Int32) throws(ServiceError) {
        var head = [UInt8](repeating: 0, count: 3)
        let count = pread(descriptor, &head, 3, 0)
        let isMP3 = count == 3 && (head == Array("ID3".utf8) || (head[0] == 0xFF && head[1] & 0xE0 == 0xE0))
        guard isMP3 else { throw .file("the server's answer is not MP3 audio") }
    }
}
