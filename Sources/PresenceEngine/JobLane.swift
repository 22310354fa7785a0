import Foundation
import Logging

/// A `SerialWorker` with a connection of its own (in the same session,
/// sharing the cookie jar), for work a person is waiting for: a
/// click-to-call, a history page, a recording. Jobs run one at a time in
/// the order they were submitted (two calls placed in a row go out in that
/// order), and never wait behind the queue and bridge refresh round.
final class JobLane: @unchecked Sendable {
    let services: VonageServices
    private let name: String
    private let logger: Logger
    private let worker: SerialWorker

    init(name: String, services: VonageServices, logger: Logger) {
        self.name = name
        self.services = services
        self.logger = logger
        worker = SerialWorker(name: name)
    }

    func start() { worker.start() }

    func submit(_ job: @escaping @Sendable (VonageServices) -> Void) {
        let services = services
        worker.submit { job(services) }
    }

    /// Cancels the request in flight, drops what is queued, waits for the thread.
    func stop() {
        worker.stop(dropQueued: true) { services.client.transport.cancel() }
        logger.debug("\(name) stopped")
    }
}
