import Foundation

/// Reads a file the user points the board at (the config, a theme) with
/// bounds: only a regular file (or `/dev/null`, "nothing"), only up to
/// `limit` bytes. A link to `/dev/zero` or a 10 GB log named as the config
/// is refused at once instead of being read until memory runs out.
enum BoundedFile {
    /// Every file the board reads for its settings is far smaller.
    static let defaultLimit = 1 << 20

    struct Refusal: Error, CustomStringConvertible, Equatable {
        var reason: String
        var description: String { reason }
    }

    static func read(_ path: String, limit: Int = defaultLimit) throws(Refusal) -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { throw Refusal(reason: "cannot read: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Refusal(reason: "cannot read: \(String(cString: strerror(errno)))") }
        // What was opened is checked, not the name: a link to a device is refused too.
        if info.st_mode & S_IFMT == S_IFCHR, info.st_rdev == nullDevice { return Data() }
        guard info.st_mode & S_IFMT == S_IFREG else { throw Refusal(reason: "not a regular file") }
        guard info.st_size <= off_t(limit) else { throw Refusal(reason: tooLarge(Int(info.st_size), limit: limit)) }
        var bytes = [UInt8](repeating: 0, count: limit + 1)
        var count = 0
        while count <= limit {
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + count, limit + 1 - count, off_t(count)) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw Refusal(reason: "cannot read: \(String(cString: strerror(errno)))") }
            if got == 0 { break }
            count += got
        }
        // A file that grew while it was read.
        guard count <= limit else { throw Refusal(reason: tooLarge(count, limit: limit)) }
        return Data(bytes.prefix(count))
    }

    static func tooLarge(_ size: Int, limit: Int) -> String {
        "too large (\(size) bytes; at most \(limit >> 20) MB)"
    }

    /// `/dev/null`'s device number, read once.
    private static let nullDevice: dev_t = {
        var info = stat()
        return stat("/dev/null", &info) == 0 ? info.st_rdev : dev_t.max
    }()
}
