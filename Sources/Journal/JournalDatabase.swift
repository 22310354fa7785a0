import Foundation
import GRDB

/// Why the journal is not being written, for the footer and the log.
public enum JournalProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another board holds the file: this one reads it only.
    case sharedReadOnly(String)
    case unavailable(String)
    case diskFull

    public var description: String {
        switch self {
        case .sharedReadOnly(let path): return "journal \(path) is kept by another board: read only here"
        case .unavailable(let reason): return "journal off: \(reason)"
        case .diskFull: return "journal paused: disk full"
        }
    }
}

/// The journal file: SQLite in WAL mode through GRDB, 0600, a versioned
/// schema with migrations. One board writes it (an advisory lock on
/// `PATH.lock`); a second board or a command opens it read only. Blocking:
/// used from the journal's own queue, or a command, never the UI thread.
public final class JournalDatabase: @unchecked Sendable {
    public let path: String
    public let readOnly: Bool
    let pool: DatabasePool
    private let lockDescriptor: Int32

    /// Opens (creating when missing) the journal at `path`. A file that is
    /// not a database, or fails its check, is moved aside as
    /// `PATH.corrupt-STAMP` and a new one started; `movedAside` says where.
    public static func open(path: String, now: Date = Date(), maximumPageCount: Int? = nil) throws(JournalProblem) -> (JournalDatabase, movedAside: String?) {
        do {
            return (try JournalDatabase(path: path, maximumPageCount: maximumPageCount), nil)
        } catch let error as DatabaseError where Self.isCorruption(error) {
            let aside = path + ".corrupt-" + String(Int(now.timeIntervalSince1970))
            guard rename(path, aside) == 0 else { throw .unavailable("\(path) is damaged and cannot be moved aside (errno \(errno))") }
            for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
            do {
                return (try JournalDatabase(path: path, maximumPageCount: maximumPageCount), aside)
            } catch {
                throw .unavailable("\(error)")
            }
        } catch let problem as JournalProblem {
            throw problem
        } catch {
            throw .unavailable("\(error)")
        }
    }

    static func isCorruption(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
    }

    private init(path: String, maximumPageCount: Int?) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) }
        // The file is made 0600 before SQLite opens it; SQLite gives its
        // -wal and -shm files the same mode.
        let created = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if created < 0 {
            guard errno == EACCES || errno == EROFS, access(path, R_OK) == 0 else {
                throw JournalProblem.unavailable("\(path): \(String(cString: strerror(errno)))")
            }
        } else {
            close(created)
        }
        let lock = Glibc.open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        let writable = created >= 0 && lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) == 0
        lockDescriptor = lock
        readOnly = !writable
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.readonly = readOnly
        configuration.label = "journal"
        // One writer and two readers, each with a small page cache: the
        // board's memory stays flat as the file grows.
        configuration.maximumReaderCount = 2
        configuration.prepareDatabase { db in
            // WAL + NORMAL: a committed row survives the process being killed.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            try db.execute(sql: "PRAGMA cache_size = -256")
            if let maximumPageCount { try db.execute(sql: "PRAGMA max_page_count = \(maximumPageCount)") }
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            if readOnly {
                _ = try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            } else {
                let check = try pool.read { db in try String.fetchOne(db, sql: "PRAGMA quick_check") }
                guard check == "ok" else { throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: check) }
                try Self.migrator.migrate(pool)
            }
        } catch {
            if lock >= 0 { close(lock) }
            throw error
        }
    }

    deinit {
        if lockDescriptor >= 0 { close(lockDescriptor) }
    }

    /// The schema, version by version. A new version is a new migration;
    /// an old journal is brought forward when it opens.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE call (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    callId TEXT,
                    extension TEXT NOT NULL,
                    direction TEXT NOT NULL,
                    number TEXT NOT NULL,
                    numberKey TEXT NOT NULL,
                    name TEXT NOT NULL DEFAULT '',
                    viaQueue INTEGER NOT NULL DEFAULT 0,
                    queue TEXT,
                    rang REAL NOT NULL,
                    answered REAL,
                    ended REAL,
                    recorded INTEGER NOT NULL DEFAULT 0,
                    tag TEXT NOT NULL DEFAULT '',
                    outcome TEXT NOT NULL,
                    source TEXT NOT NULL
                );
                CREATE UNIQUE INDEX call_by_id ON call(callId, extension);
                CREATE INDEX call_by_time ON call(rang);
                CREATE INDEX call_by_number ON call(numberKey, rang);
                CREATE TABLE queue_sample (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    queue TEXT NOT NULL, name TEXT NOT NULL, at REAL NOT NULL,
                    waiting INTEGER NOT NULL, calls INTEGER NOT NULL,
                    longestWait INTEGER NOT NULL, averageWait INTEGER NOT NULL,
                    agentsAvailable INTEGER NOT NULL, agentsBusy INTEGER NOT NULL, agentsLoggedIn INTEGER NOT NULL
                );
                CREATE INDEX queue_sample_by_time ON queue_sample(at);
                CREATE TABLE health (id INTEGER PRIMARY KEY AUTOINCREMENT, at REAL NOT NULL, state TEXT NOT NULL);
                CREATE INDEX health_by_time ON health(at);
                CREATE TABLE handled (numberKey TEXT PRIMARY KEY, at REAL NOT NULL);
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                """)
        }
        return migrator
    }

    // MARK: Writing

    /// Writes calls seen live: a new row, or the same call's row updated
    /// (what the history settled, like voicemail, is kept).
    public func writeLive(_ calls: [JournalCall]) throws {
        guard !calls.isEmpty else { return }
        try pool.write { db in
            for call in calls {
                try db.execute(sql: """
                    INSERT INTO call (callId, extension, direction, number, numberKey, name, viaQueue, queue, rang, answered, ended, recorded, tag, outcome, source)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'live')
                    ON CONFLICT(callId, extension) DO UPDATE SET
                        number = CASE WHEN call.number = '' THEN excluded.number ELSE call.number END,
                        numberKey = CASE WHEN call.number = '' THEN excluded.numberKey ELSE call.numberKey END,
                        name = CASE WHEN call.name = '' THEN excluded.name ELSE call.name END,
                        answered = COALESCE(call.answered, excluded.answered),
                        ended = excluded.ended,
                        recorded = MAX(call.recorded, excluded.recorded),
                        tag = CASE WHEN excluded.tag = '' THEN call.tag ELSE excluded.tag END,
                        outcome = CASE WHEN call.outcome = 'voicemail' AND excluded.outcome = 'unanswered' THEN call.outcome ELSE excluded.outcome END
                    """, arguments: Self.arguments(call))
            }
        }
    }

    /// Rows of the history merged in: updates by id, new rows added.
    public func writeHistory(_ calls: [JournalCall]) throws {
        guard !calls.isEmpty else { return }
        try pool.write { db in
            for call in calls {
                if let id = call.id {
                    try db.execute(sql: """
                        UPDATE call SET number = ?, numberKey = ?, name = ?, answered = ?, ended = ?, recorded = ?, tag = ?, outcome = ?, source = ?
                        WHERE id = ?
                        """, arguments: [call.number, call.numberKey, call.name, call.answered?.timeIntervalSince1970,
                                         call.ended?.timeIntervalSince1970, call.recorded, call.tag, call.outcome.rawValue,
                                         call.source.rawValue, id])
                } else {
                    var arguments = Self.arguments(call)
                    arguments += [call.source.rawValue]
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO call (callId, extension, direction, number, numberKey, name, viaQueue, queue, rang, answered, ended, recorded, tag, outcome, source)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: arguments)
                }
            }
        }
    }

    /// Merges what the history listed since `start` (`HistoryMerge`); returns the rows written.
    @discardableResult
    public func mergeHistory(_ result: HistoryReader.Result, from start: Date) throws -> Int {
        var written = 0
        for (number, records) in result.records where !records.isEmpty {
            let existing = try calls(from: start.addingTimeInterval(-3600), extension: number)
            let rows = HistoryMerge.merge(records, into: existing)
            try writeHistory(rows)
            written += rows.count
        }
        return written
    }

    private static func arguments(_ call: JournalCall) -> StatementArguments {
        [call.callId, call.extensionNumber, call.direction.rawValue, call.number, call.numberKey, call.name, call.viaQueue,
         call.queue, call.rang.timeIntervalSince1970, call.answered?.timeIntervalSince1970, call.ended?.timeIntervalSince1970,
         call.recorded, call.tag, call.outcome.rawValue]
    }

    public func writeSample(_ sample: QueueSample) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO queue_sample (queue, name, at, waiting, calls, longestWait, averageWait, agentsAvailable, agentsBusy, agentsLoggedIn)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [sample.queue, sample.name, sample.at.timeIntervalSince1970, sample.waiting, sample.calls,
                                 sample.longestWaitSeconds, sample.averageWaitSeconds, sample.agentsAvailable,
                                 sample.agentsBusy, sample.agentsLoggedIn])
        }
    }

    public func writeHealth(_ state: String, at: Date) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO health (at, state) VALUES (?, ?)", arguments: [at.timeIntervalSince1970, state])
        }
    }

    public func markHandled(_ numberKey: String, at: Date) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO handled (numberKey, at) VALUES (?, ?) ON CONFLICT(numberKey) DO UPDATE SET at = excluded.at",
                           arguments: [numberKey, at.timeIntervalSince1970])
        }
    }

    public func setMeta(_ key: String, _ value: String) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        }
    }

    public func meta(_ key: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    /// What the history fill still has to read (`HistoryFillPlan`), kept across restarts.
    public func setFillPlan(_ plan: HistoryFillPlan) throws {
        try setMeta("fillPlan", String(decoding: try JSONEncoder().encode(plan), as: UTF8.self))
    }

    /// The plan a previous run left; nil when none, or not readable (then filled afresh).
    public func fillPlan() throws -> HistoryFillPlan? {
        try meta("fillPlan").flatMap { try? JSONDecoder().decode(HistoryFillPlan.self, from: Data($0.utf8)) }
    }

    /// When this board was last seen running (the digest's "since", with the rows).
    public func setLastSeen(_ date: Date) throws {
        try setMeta("lastSeen", String(date.timeIntervalSince1970))
    }

    /// Removes what is older than `cutoff`; returns the calls removed.
    @discardableResult
    public func prune(before cutoff: Date) throws -> Int {
        try pool.write { db in
            let time = cutoff.timeIntervalSince1970
            try db.execute(sql: "DELETE FROM call WHERE rang < ?", arguments: [time])
            let removed = db.changesCount
            try db.execute(sql: "DELETE FROM queue_sample WHERE at < ?", arguments: [time])
            try db.execute(sql: "DELETE FROM health WHERE at < ?", arguments: [time])
            try db.execute(sql: "DELETE FROM handled WHERE at < ?", arguments: [time])
            return removed
        }
    }

    // MARK: Reading

    public func calls(from start: Date, to end: Date = .distantFuture, extension number: String? = nil) throws -> [JournalCall] {
        try pool.read { db in
            var sql = "SELECT * FROM call WHERE rang >= ? AND rang < ?"
            var arguments: StatementArguments = [start.timeIntervalSince1970, end.timeIntervalSince1970]
            if let number {
                sql += " AND extension = ?"
                arguments += [number]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY rang", arguments: arguments).map(Self.call)
        }
    }

    /// The newest calls with someone outside (a number of more than six
    /// digits), newest first: the room's "last calls" (the time index makes it cheap).
    public func recentOutsideCalls(limit: Int) throws -> [JournalCall] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM call WHERE length(numberKey) > 6 ORDER BY rang DESC LIMIT ?", arguments: [limit])
                .map(Self.call)
        }
    }

    /// What the missed-calls rules need since `start`: every call, in or
    /// out, of a number that has a missed inbound call since then (all the
    /// calls of a busy day need not be read to find the few missed).
    public func callsOfMissedNumbers(from start: Date) throws -> [JournalCall] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM call WHERE rang >= ?1 AND numberKey IN (
                    SELECT numberKey FROM call WHERE rang >= ?1 AND direction = 'inbound' AND outcome IN ('unanswered', 'voicemail'))
                ORDER BY rang
                """, arguments: [start.timeIntervalSince1970]).map(Self.call)
        }
    }

    /// The day's per-extension and per-tag totals, summed by SQLite
    /// (`DayFigures.totals` is the same rule over rows in memory).
    public func dayTotals(from start: Date, to end: Date) throws -> DayFigures.Totals {
        try pool.read { db in
            let arguments: StatementArguments = [start.timeIntervalSince1970, end.timeIntervalSince1970]
            let extensions = try Row.fetchAll(db, sql: """
                SELECT extension, SUM(direction != 'outbound') AS inbound, SUM(direction = 'outbound') AS outbound,
                       SUM(direction = 'inbound' AND outcome IN ('unanswered', 'voicemail')) AS missed,
                       SUM(CASE WHEN answered IS NOT NULL AND ended > answered THEN CAST(ended - answered AS INTEGER) ELSE 0 END) AS talk
                FROM call WHERE rang >= ? AND rang < ? GROUP BY extension
                """, arguments: arguments).map { row in
                DayFigures.Extension(extensionNumber: row["extension"], inbound: row["inbound"], outbound: row["outbound"],
                                     missed: row["missed"], talkSeconds: row["talk"])
            }
            let tags = try Row.fetchAll(db, sql: """
                SELECT MIN(tag) AS tag, COUNT(*) AS calls, SUM(outcome = 'answered') AS answered,
                       SUM(direction = 'inbound' AND outcome IN ('unanswered', 'voicemail')) AS missed
                FROM call WHERE rang >= ? AND rang < ? AND tag != '' GROUP BY lower(tag)
                """, arguments: arguments).map { row in
                var tag = DayFigures.Tag(tag: row["tag"])
                (tag.calls, tag.answered, tag.missed) = (row["calls"], row["answered"], row["missed"])
                return tag
            }
            return DayFigures.Totals(extensions: extensions, tags: tags)
        }
    }

    /// Calls still open (a previous run stopped during them).
    public func ongoingCalls() throws -> [JournalCall] {
        try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM call WHERE outcome = 'ongoing'").map(Self.call) }
    }

    public func samples(from start: Date, to end: Date = .distantFuture) throws -> [QueueSample] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM queue_sample WHERE at >= ? AND at < ? ORDER BY at",
                             arguments: [start.timeIntervalSince1970, end.timeIntervalSince1970]).map { row in
                QueueSample(queue: row["queue"], name: row["name"], at: Date(timeIntervalSince1970: row["at"]),
                            waiting: row["waiting"], calls: row["calls"], longestWaitSeconds: row["longestWait"],
                            averageWaitSeconds: row["averageWait"], agentsAvailable: row["agentsAvailable"],
                            agentsBusy: row["agentsBusy"], agentsLoggedIn: row["agentsLoggedIn"])
            }
        }
    }

    public func handled() throws -> [String: Date] {
        try pool.read { db in
            var result: [String: Date] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT numberKey, at FROM handled") {
                result[row["numberKey"]] = Date(timeIntervalSince1970: row["at"])
            }
            return result
        }
    }

    /// The time of the newest row of any kind (what the board last saw).
    public func lastActivity() throws -> Date? {
        try pool.read { db in
            let time = try Double.fetchOne(db, sql: """
                SELECT MAX(t) FROM (SELECT MAX(COALESCE(ended, rang)) AS t FROM call WHERE source != 'history'
                UNION ALL SELECT MAX(at) FROM queue_sample UNION ALL SELECT MAX(at) FROM health
                UNION ALL SELECT CAST(value AS REAL) FROM meta WHERE key = 'lastSeen')
                """)
            return time.map(Date.init(timeIntervalSince1970:))
        }
    }

    /// Copies the WAL into the file and empties it (at stop, and for measuring).
    public func checkpoint() throws {
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    public func integrityCheck() throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
    }

    public func journalMode() throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
    }

    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try Array(Self.migrator.appliedIdentifiers(db)).sorted() }
    }

    public func callCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM call") ?? 0 }
    }

    private static func call(_ row: Row) -> JournalCall {
        var call = JournalCall(
            id: row["id"], callId: row["callId"], extensionNumber: row["extension"],
            direction: JournalCall.Direction(rawValue: row["direction"]) ?? .inbound, number: row["number"], name: row["name"],
            viaQueue: row["viaQueue"], queue: row["queue"], rang: Date(timeIntervalSince1970: row["rang"]),
            answered: (row["answered"] as Double?).map(Date.init(timeIntervalSince1970:)),
            ended: (row["ended"] as Double?).map(Date.init(timeIntervalSince1970:)), recorded: row["recorded"], tag: row["tag"],
            outcome: JournalCall.Outcome(rawValue: row["outcome"]) ?? .unanswered,
            source: JournalCall.Source(rawValue: row["source"]) ?? .live)
        call.numberKey = row["numberKey"]
        return call
    }
}
