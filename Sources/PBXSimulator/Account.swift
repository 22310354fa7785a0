import Foundation

/// An extension on the simulated account: a person's phone, or a non-user
/// entry (a paging line, a fax) with no name or login.
public struct SimExtension: Sendable, Equatable {
    public var number: String
    public var name: String
    public var loginName: String
    /// The direct number (DID), with country code.
    public var did: String

    /// Non-user entries have an empty name or login and never take calls.
    public var isPerson: Bool { !name.isEmpty && !loginName.isEmpty }
}

public struct SimQueue: Sendable, Equatable {
    public var number: String
    public var queueId: String
    public var name: String
    /// Extensions logged in as agents.
    public var agents: [String]
}

public struct SimBridge: Sendable, Equatable {
    public var number: String
    public var name: String
}

/// A login that the simulator accepts.
public struct SimUser: Sendable, Equatable {
    public var login: String
    public var password: String
    /// The user's extensions; click-to-call rings the first (the default).
    public var extensions: [String]
    /// Administrators may read every extension's history and recordings.
    public var isAdmin: Bool
}

/// A generated company account: its people, queues, bridges and logins.
public struct Account: Sendable {
    public var companyName: String
    public var extensions: [SimExtension]
    public var queues: [SimQueue]
    public var bridges: [SimBridge]
    public var users: [SimUser]

    /// The login `switchboard --demo` uses: the receptionist, an account
    /// administrator. Made-up credentials for a made-up account, printed by
    /// `switchboard sim` so people can log in.
    public static let demoLogin = DemoAccount.login
    public static let demoPassword = DemoAccount.password
    /// Every person on the account logs in with their login name and this.
    public static let staffPassword = DemoAccount.staffPassword
    /// A user with no extension (click-to-call answers 404 USER HAS NO EXTENSIONS).
    public static let noExtensionLogin = "no-extension"

    /// Builds an account of `extensionCount` extensions from `seed`; the
    /// same seed always gives the same account. One extension is a
    /// non-user entry; from 50 extensions up, about one name in a hundred
    /// carries characters a terminal must not interpret.
    public static func generate(extensionCount: Int, seed: UInt64) -> Account {
        var random = SeededRandom(seed: seed)
        let count = max(2, extensionCount)
        let firstNumber = count < 800 ? 201 : 1001
        var extensions: [SimExtension] = []
        var usedNames = Set<String>()
        var usedLogins = Set<String>()
        // The last extension is the non-user entry (an overhead paging line).
        for index in 0..<(count - 1) {
            let number = String(firstNumber + index)
            var name = ""
            for _ in 0..<20 {
                if count >= 50 && index % 97 == 41, let hostile = NameBank.hostileNames.randomElement(using: &random) {
                    name = hostile
                } else if random.chance(0.06), let whole = NameBank.wholeNames.randomElement(using: &random) {
                    name = whole
                } else {
                    name = "\(NameBank.firstNames.randomElement(using: &random)!) \(NameBank.lastNames.randomElement(using: &random)!)"
                }
                if !usedNames.contains(name) { break }
            }
            if usedNames.contains(name) { name += " \(number)" }
            usedNames.insert(name)
            var login = loginName(for: name, number: number)
            if usedLogins.contains(login) { login += number }
            usedLogins.insert(login)
            extensions.append(SimExtension(number: number, name: name, loginName: login, did: did(firstNumber + index)))
        }
        extensions.append(SimExtension(number: String(firstNumber + count - 1), name: "", loginName: "", did: did(firstNumber + count - 1)))

        let people = extensions.filter(\.isPerson).map(\.number)
        // One queue per ten people (at least one), each with a slice of agents.
        let queueCount = max(1, min(count / 10, 60))
        var queues: [SimQueue] = []
        for index in 0..<queueCount {
            let base = NameBank.queueNames[index % NameBank.queueNames.count]
            let name = index < NameBank.queueNames.count ? base : "\(base) \(index / NameBank.queueNames.count + 1)"
            let agentCount = min(people.count, max(2, people.count / queueCount))
            let start = (index * agentCount) % max(1, people.count)
            let agents = (0..<agentCount).map { people[(start + $0) % people.count] }
            queues.append(SimQueue(number: "", queueId: String(5120 + index), name: name, agents: agents))
        }
        let bridgeCount = max(1, min(count / 20, 40))
        let bridges = (0..<bridgeCount).map { index -> SimBridge in
            let base = NameBank.bridgeNames[index % NameBank.bridgeNames.count]
            let name = index < NameBank.bridgeNames.count ? base : "\(base) \(index / NameBank.bridgeNames.count + 1)"
            return SimBridge(number: String(8800 + index), name: name)
        }
        var users = [SimUser(login: demoLogin, password: demoPassword, extensions: [extensions[0].number], isAdmin: true),
                     SimUser(login: noExtensionLogin, password: staffPassword, extensions: [], isAdmin: false)]
        users += extensions.filter(\.isPerson).map {
            SimUser(login: $0.loginName, password: staffPassword, extensions: [$0.number], isAdmin: false)
        }
        return Account(companyName: "Acme Dental", extensions: extensions, queues: uniqueQueueNumbers(queues),
                       bridges: bridges, users: users)
    }

    private static func did(_ number: Int) -> String {
        "1555\(String(format: "%07d", 3_000_000 + number))"
    }

    /// Queue numbers 9100, 9200 … 9900, 9101 …: unique whatever the count.
    private static func uniqueQueueNumbers(_ queues: [SimQueue]) -> [SimQueue] {
        queues.enumerated().map { index, queue in
            var copy = queue
            copy.number = String(9100 + (index % 9) * 100 + index / 9)
            return copy
        }
    }

    /// "Zoë Müller" -> "zmuller": ASCII letters only.
    static func loginName(for name: String, number: String) -> String {
        // Decompose (é -> e + U+0301) and keep the ASCII letters.
        let folded = String(name.decomposedStringWithCanonicalMapping.unicodeScalars.filter { $0.isASCII }.map(Character.init))
        let parts = folded.split(separator: " ")
        guard let first = parts.first?.first, let last = parts.last, parts.count > 1 else { return "user\(number)" }
        let login = (String(first) + last).lowercased().filter { $0.isASCII && $0.isLetter }
        return login.count >= 2 ? login : "user\(number)"
    }

    public func person(_ number: String) -> SimExtension? {
        extensions.first { $0.number == number }
    }

    public func user(login: String, password: String) -> SimUser? {
        users.first { $0.login == login && $0.password == password }
    }
}
