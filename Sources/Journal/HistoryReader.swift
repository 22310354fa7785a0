import Foundation
import Logging
import PresenceEngine

/// Reads the call history the journal fills from: every extension for an
/// administrator, only the user's own otherwise (the service refuses the
/// others with 403), paging past 100 records, all at once: the `journal
/// fill` command (the board's journal reads through `HistoryFillPlan`).
public enum HistoryReader {
    public struct Result: Sendable {
        /// Records by extension.
        public var records: [String: [CallRecord]] = [:]
        public var failures = 0
    }

    public static func read(services: VonageServices, since start: Date, user: String, logger: Logger) -> Result {
        var result = Result()
        let directory: Directory
        do {
            directory = try services.directory()
        } catch {
            logger.warning("journal: the directory was not read; history not filled", metadata: ["error": "\(error)"])
            result.failures += 1
            return result
        }
        let people = directory.extensions.values.filter(\.isPerson)
        let own = people.filter { $0.loginName.caseInsensitiveCompare(user) == .orderedSame }.map(\.number)
        var numbers = people.map(\.number).sorted(by: HistoryFillPlan.precedes)
        var query = HistoryQuery()
        query.start = start
        var index = 0
        while index < numbers.count {
            let number = numbers[index]
            index += 1
            do {
                result.records[number] = try services.history(number, query: query, all: true)
            } catch let error where error.apiText == "USER NOT PERMITTED" {
                // Not an administrator: the user's own extensions only.
                guard !own.contains(number) else { result.failures += 1; continue }
                numbers = own
                index = 0
                result.records = [:]
                logger.info("journal: the history of others is not allowed; reading the user's own", metadata: ["extensions": "\(own.count)"])
            } catch {
                // The board is stopping: not a failure of the service.
                if case .transport(.cancelled) = error { return result }
                result.failures += 1
                if case .transport = error, result.failures >= 3 {
                    logger.warning("journal: history not read (the service does not answer)", metadata: ["error": "\(error)"])
                    return result
                }
            }
        }
        return result
    }
}
