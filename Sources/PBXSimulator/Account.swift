import Foundation

/// A person's extension on the simulated account.
public struct SimExtension: Sendable, Equatable {
    public var number: String
    public var name: String
    public var loginName: String
    /// The direct number (DID), with country code.
    public var did: String
}

public struct SimQueue: Sendable, Equatable {
    public var number: String
    public var queueId: String
    public var name: String
}

public struct SimBridge: Sendable, Equatable {
    public var number: String
    public var name: String
}

/// A login that the simulator accepts.
public struct SimUser: Sendable, Equatable {
    public var login: String
    public var password: String
    public var defaultExtension: String
}

/// A generated company account: its people, queues, bridges and logins.
public struct Account: Sendable {
    public var companyName: String
    public var extensions: [SimExtension]
    public var queues: [SimQueue]
    public var bridges: [SimBridge]
    public var users: [SimUser]

    /// The login `switchboard --demo` uses. A made-up credential for a
    /// made-up account, printed by `switchboard sim` so people can log in.
    public static let demoLogin = "receptionist"
    public static let demoPassword = "switchboard-demo"

    /// Builds an account of `extensionCount` people from `seed`; the same
    /// seed always gives the same account.
    public static func generate(extensionCount: Int, seed: UInt64) -> Account {
        var random = SeededRandom(seed: seed)
        let count = max(1, extensionCount)
        var extensions: [SimExtension] = []
        var usedNames = Set<String>()
        var usedLogins = Set<String>()
        let firstNumber = count < 800 ? 201 : 1001
        for index in 0..<count {
            let number = String(firstNumber + index)
            var name = ""
            for _ in 0..<20 {
                if random.chance(0.06), let whole = NameBank.wholeNames.randomElement(using: &random) {
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
            extensions.append(SimExtension(number: number, name: name, loginName: login,
                                           did: "1555\(String(format: "%07d", 3_000_000 + firstNumber + index))"))
        }
        let queueCount = max(1, min(NameBank.queueNames.count, count / 10))
        let queues = (0..<queueCount).map { index in
            SimQueue(number: String(9100 + index * 100), queueId: String(5120 + index), name: NameBank.queueNames[index])
        }
        let bridgeCount = max(1, min(NameBank.bridgeNames.count, count / 20))
        let bridges = (0..<bridgeCount).map { index in
            SimBridge(number: String(8800 + index), name: NameBank.bridgeNames[index])
        }
        let users = [SimUser(login: demoLogin, password: demoPassword, defaultExtension: extensions[0].number)]
        return Account(companyName: "Acme Dental", extensions: extensions, queues: queues, bridges: bridges, users: users)
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

    public func extensionNamed(_ number: String) -> SimExtension? {
        extensions.first { $0.number == number }
    }
}
