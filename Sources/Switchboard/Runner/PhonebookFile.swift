import Foundation
import PresenceEngine

/// The phonebook file on disk: read at start, and again when it changes
/// (looked at, with one `stat`, at most every `checkSeconds` as the UI
/// loop wakes: at least once a minute).
struct PhonebookFile {
    let path: String
    static let checkSeconds = 10.0
    private var seen: (modified: timespec, size: off_t, inode: ino_t)?
    private var checkedAt: MonotonicInstant?

    init(path: String) { self.path = path }

    /// The phonebook when the file is new or changed since the last look, else nil.
    mutating func reloadIfChanged(now: MonotonicInstant) -> AppEvent? {
        if let checkedAt, now.seconds(since: checkedAt) < Self.checkSeconds { return nil }
        checkedAt = now
        var info = stat()
        guard stat(path, &info) == 0 else {
            guard seen?.size != -1 else { return nil }
            seen = (timespec(), -1, 0)
            return .phonebook(Phonebook(), problems: [Phonebook.Problem(line: 0, reason: "cannot read: \(String(cString: strerror(errno)))")],
                              file: path, at: now)
        }
        let stamp = (info.st_mtim, info.st_size, info.st_ino)
        if let seen, seen.modified.tv_sec == stamp.0.tv_sec, seen.modified.tv_nsec == stamp.0.tv_nsec, seen.size == stamp.1, seen.inode == stamp.2 {
            return nil
        }
        seen = stamp
        do {
            let text = String(decoding: try BoundedFile.read(path), as: UTF8.self)
            let (book, problems) = Phonebook.parse(text)
            return .phonebook(book, problems: problems, file: path, at: now)
        } catch {
            return .phonebook(Phonebook(), problems: [Phonebook.Problem(line: 0, reason: error.reason)], file: path, at: now)
        }
    }
}
