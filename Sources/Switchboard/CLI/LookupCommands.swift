import ArgumentParser
import Foundation
import PresenceEngine

/// `switchboard directory`: every extension, queue and bridge of the account.
struct DirectoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory",
        abstract: "List the account's extensions with their login names and status.",
        discussion: """
            Examples:
              switchboard directory --server http://127.0.0.1:8080 --user receptionist
              switchboard directory --json | jq -r '.extensions[] | select(.status == "dnd") | .name'
            """)

    @OptionGroup var account: AccountOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let session = try AccountSession.open(account, label: "directory")
        let directory = try session.perform("directory") { services throws(ServiceError) in try services.directory() }
        let entries = directory.extensions.values.sorted { ExtensionNumber.precedes($0.number, $1.number) }
        if json {
            CommandOutput.write(CommandOutput.encoded(DirectoryOutput(directory)) + "\n")
            return
        }
        CommandOutput.write(CommandOutput.table(["EXT", "NAME", "LOGIN", "STATUS"],
                                                entries.map { [$0.number, $0.name.isEmpty ? "—" : $0.name, $0.loginName, $0.status] }))
    }
}

/// `switchboard extension N`: what one extension is doing, with details.
struct ExtensionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extension",
        abstract: "Show one extension: name, login and its calls.",
        discussion: """
            Examples:
              switchboard extension 201 --server http://127.0.0.1:8080 --user receptionist
              switchboard extension 201 --json
            """)

    @OptionGroup var account: AccountOptions
    @OptionGroup var target: NumberedTarget

    func run() throws {
        let session = try AccountSession.open(account, label: "extension")
        let details = try session.perform("extension") { services throws(ServiceError) in try services.extensionDetails(target.number) }
        if target.json {
            CommandOutput.write(CommandOutput.encoded(ExtensionDetailsOutput(details)) + "\n")
            return
        }
        var text = "\(details.number)  \(TextWidth.sanitized(details.name))  (\(TextWidth.sanitized(details.loginName)))\n"
        if !details.phoneNumbers.isEmpty {
            text += "  direct \(details.phoneNumbers.map { PhoneNumberFormat.display(TextWidth.sanitized($0)) }.joined(separator: ", "))\n"
        }
        if details.calls.isEmpty { text += "no calls\n" }
        for call in details.calls {
            let with = [call.onCallWithName.map(TextWidth.sanitized), PhoneNumberFormat.display(call.onCallWith)]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "  ")
            let marks = CallMarks.text(recorded: call.isRecorded, clickToCall: call.startedWithClickToCall)
            text += "  \(ExtensionStatus.word(for: call.direction))  \(with)  \(call.durationMs.map { ExtensionRow.clock($0 / 1000) } ?? "")  \(marks)"
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        CommandOutput.write(text)
    }
}

/// `switchboard queue N`: a call queue's figures.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Show a call queue: callers waiting and on hold, waits, agents.",
        discussion: """
            Examples:
              switchboard queue 9100 --server http://127.0.0.1:8080 --user receptionist
              switchboard queue 9100 --json | jq .waiting
            """)

    @OptionGroup var account: AccountOptions
    @OptionGroup var target: NumberedTarget

    func run() throws {
        let session = try AccountSession.open(account, label: "queue")
        let queue = try session.perform("queue") { services throws(ServiceError) in try services.queue(target.number) }
        if target.json {
            CommandOutput.write(CommandOutput.encoded(QueueOutput(queue)) + "\n")
            return
        }
        // A figure the answer spoiled reads "?" (the log says which and why).
        let shown = QueueOutput(queue)
        func count(_ value: Int?) -> String { value.map(String.init) ?? "?" }
        func wait(_ value: Int?, _ figure: QueueState.Figure) -> String {
            queue.unknownFigures.contains(figure) ? "?" : value.map { ExtensionRow.clock(Int64($0)) } ?? "—"
        }
        let rows: [[String]] = [
            ["queue", "\(queue.number) \(TextWidth.sanitized(queue.name))"],
            ["waiting", count(shown.waiting)], ["on hold", count(shown.onHold)],
            ["longest wait", wait(shown.longestWaitSeconds, .longestWaitTime)],
            ["average wait", wait(shown.averageWaitSeconds, .averageWaitTime)],
            ["agents", "\(count(shown.agentsAvailable)) available · \(count(shown.agentsBusy)) busy · \(count(shown.agentsLoggedIn)) logged in"],
        ]
        CommandOutput.write(CommandOutput.table(["", ""], rows).split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n"))
    }
}

/// `switchboard conference N`: who is in a conference bridge.
struct ConferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conference",
        abstract: "Show a conference bridge and its participants.",
        discussion: """
            Examples:
              switchboard conference 8800 --server http://127.0.0.1:8080 --user receptionist
              switchboard conference 8800 --json | jq '.participants | length'
            """)

    @OptionGroup var account: AccountOptions
    @OptionGroup var target: NumberedTarget

    func run() throws {
        let session = try AccountSession.open(account, label: "conference")
        let bridge = try session.perform("conference") { services throws(ServiceError) in try services.conference(target.number) }
        if target.json {
            CommandOutput.write(CommandOutput.encoded(ConferenceOutput(bridge)) + "\n")
            return
        }
        // Participants that are extensions are shown with their names.
        let directory = bridge.participants.isEmpty ? nil : try? session.services.directory()
        var text = "\(bridge.number)  \(TextWidth.sanitized(bridge.name))  \(bridge.participants.count) on\n"
        for participant in bridge.participants {
            let name = directory?.extensions[participant].map { "  " + TextWidth.sanitized($0.name) } ?? ""
            text += "  \(PhoneNumberFormat.display(TextWidth.sanitized(participant)))\(name)\n"
        }
        CommandOutput.write(text)
    }
}

/// The number an `extension`, `queue` or `conference` command looks up,
/// checked before any request, and its output choice.
struct NumberedTarget: ParsableArguments {
    @Argument(help: "The extension, queue or bridge number (2 to 6 digits).") var number: String
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        do { _ = try VonageServices.extensionDigits(number) } catch { throw ValidationError("\(error)") }
    }
}
