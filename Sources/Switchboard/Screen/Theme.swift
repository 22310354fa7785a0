import Foundation

/// A colour as a theme names it: the terminal's default, or 0-255.
enum ThemeColor: Equatable, Sendable {
    case terminalDefault
    case indexed(Int)
}

/// How one role looks.
struct RoleStyle: Equatable, Sendable {
    var foreground: ThemeColor = .terminalDefault
    var background: ThemeColor = .terminalDefault
    var bold = false
    var reverse = false
    var underline = false
    var dim = false
}

/// A theme: a look for every role, read from `themes/NAME.toml`.
package struct Theme: Equatable, Sendable {
    var name: String
    var styles: [Role: RoleStyle]

    func style(_ role: Role) -> RoleStyle { styles[role] ?? styles[.text] ?? RoleStyle() }

    /// No colours at all, only attributes: used when the theme files cannot
    /// be found, so the board still starts (and says why in the log).
    static let plain = Theme(name: "plain", styles: [
        .selection: RoleStyle(reverse: true),
        .header: RoleStyle(reverse: true),
        .ringing: RoleStyle(bold: true),
        .stale: RoleStyle(bold: true),
        .paneTitle: RoleStyle(bold: true),
        .queueAlert: RoleStyle(bold: true, reverse: true),
        .alarmWarning: RoleStyle(bold: true, underline: true),
        .alarmCritical: RoleStyle(bold: true, reverse: true),
        .groupTitle: RoleStyle(bold: true),
        .figure: RoleStyle(bold: true),
        .figureWarning: RoleStyle(bold: true),
        .figureCritical: RoleStyle(bold: true),
        .dim: RoleStyle(dim: true),
    ])

    /// The same theme with colours dropped (NO_COLOR, or a terminal without colours).
    var withoutColours: Theme {
        var copy = self
        for (role, style) in styles {
            var plain = style
            // A role told apart by its background (an alarm, the header)
            // keeps standing out in reverse.
            if style.background != .terminalDefault { plain.reverse = true }
            plain.foreground = .terminalDefault
            plain.background = .terminalDefault
            copy.styles[role] = plain
        }
        return copy
    }
}

/// A theme file that cannot be used, with where and why.
package struct ThemeError: Error, CustomStringConvertible, Equatable {
    package var file: String
    package var line: Int
    var reason: String
    package var description: String { "\(file):\(line): \(reason)" }
}

/// Reads theme files (TOML, through TOMLKit): `name`, `[palette]`
/// (name = 0-255) and `[roles]` (role = "FG [on BG] [bold] [reverse]
/// [underline] [dim]"); a role is quoted (`"pane.title"`) or dotted.
package enum ThemeLoader {
    package static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
        let document: TOMLDocument
        do { document = try TOMLDocument(text) } catch { throw ThemeError(file: file, line: error.line, reason: error.reason) }
        var name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        var palette: [String: Int] = ["default": -1]
        var roles: [TOMLDocument.Entry] = []
        for entry in document.entries(at: []) {
            let key = TextWidth.sanitized(entry.key)
            switch (entry.key, entry.value) {
            case ("name", .string(let text)): name = TextWidth.sanitized(text)
            case ("name", _): throw ThemeError(file: file, line: entry.line, reason: "expected a quoted string")
            case ("palette", .table):
                for colour in document.entries(at: ["palette"]) {
                    guard case .integer(let number) = colour.value, (0...255).contains(number) else {
                        throw ThemeError(file: file, line: colour.line, reason: "palette colour '\(TextWidth.sanitized(colour.key))' must be 0-255")
                    }
                    palette[colour.key] = number
                }
            case ("roles", .table): roles = flattened(document, at: ["roles"])
            case (_, .table): throw ThemeError(file: file, line: entry.line, reason: "unknown section [\(key)]")
            default: throw ThemeError(file: file, line: entry.line, reason: "unknown key '\(key)'")
            }
        }
        var styles: [Role: RoleStyle] = [:]
        for entry in roles {
            guard let role = Role(rawValue: entry.key) else {
                throw ThemeError(file: file, line: entry.line, reason: "unknown role '\(TextWidth.sanitized(entry.key))'")
            }
            guard case .string(let spec) = entry.value else { throw ThemeError(file: file, line: entry.line, reason: "expected a quoted string") }
            styles[role] = try style(spec, palette: palette, file: file, line: entry.line)
        }
        return Theme(name: name, styles: styles)
    }

    /// `[roles]` with dotted keys (`pane.title = ...` is a table `pane`) read as `"pane.title"`.
    private static func flattened(_ document: TOMLDocument, at path: [String]) -> [TOMLDocument.Entry] {
        document.entries(at: path).flatMap { entry -> [TOMLDocument.Entry] in
            guard case .table = entry.value else { return [entry] }
            return flattened(document, at: path + [entry.key]).map {
                TOMLDocument.Entry(key: "\(entry.key).\($0.key)", value: $0.value, line: $0.line)
            }
        }
    }

    static func style(_ spec: String, palette: [String: Int], file: String, line: Int) throws(ThemeError) -> RoleStyle {
        var style = RoleStyle()
        var colours: [ThemeColor] = []
        var expectBackground = false
        for word in spec.split(separator: " ").map(String.init) {
            switch word {
            case "bold": style.bold = true
            case "reverse": style.reverse = true
            case "underline": style.underline = true
            case "dim": style.dim = true
            case "on":
                guard colours.count == 1, !expectBackground else {
                    throw ThemeError(file: file, line: line, reason: "'on' must follow a foreground colour")
                }
                expectBackground = true
            default:
                let value: Int
                if let number = Int(word), (0...255).contains(number) {
                    value = number
                } else if let named = palette[word] {
                    value = named
                } else {
                    throw ThemeError(file: file, line: line, reason: "unknown colour or attribute '\(word)'")
                }
                colours.append(value < 0 ? .terminalDefault : .indexed(value))
                if colours.count > (expectBackground ? 2 : 1) {
                    throw ThemeError(file: file, line: line, reason: "too many colours in '\(spec)'")
                }
            }
        }
        if expectBackground && colours.count != 2 {
            throw ThemeError(file: file, line: line, reason: "'on' needs a background colour")
        }
        if let foreground = colours.first { style.foreground = foreground }
        if colours.count == 2 { style.background = colours[1] }
        return style
    }

    /// Folders searched for themes, first match wins: the user's, the
    /// system's, then the `themes/` folder of an installed or built copy.
    static func searchPath(environment: [String: String] = ProcessInfo.processInfo.environment,
                           executable: String = CommandLine.arguments.first ?? "") -> [String] {
        var folders: [String] = []
        if let own = environment["SWITCHBOARD_THEMES"] { folders.append(own) }
        let home = environment["HOME"] ?? NSHomeDirectory()
        folders.append((environment["XDG_CONFIG_HOME"] ?? "\(home)/.config") + "/switchboard/themes")
        let dataDirs = (environment["XDG_DATA_DIRS"] ?? "/usr/local/share:/usr/share").split(separator: ":")
        folders += dataDirs.map { "\($0)/switchboard/themes" }
        // Beside the binary: PREFIX/bin/switchboard -> PREFIX/share/switchboard/themes,
        // and a build tree .build/CONFIG/switchboard -> themes/ at the package root.
        var directory = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        folders.append(directory.deletingLastPathComponent().appendingPathComponent("share/switchboard/themes").path)
        for _ in 0..<4 {
            directory = directory.deletingLastPathComponent()
            folders.append(directory.appendingPathComponent("themes").path)
        }
        return folders
    }

    /// Every theme name found on the search path, sorted, without duplicates.
    static func available(searchPath: [String] = searchPath()) -> [String] {
        var names = Set<String>()
        for folder in searchPath {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for file in files where file.hasSuffix(".toml") { names.insert(String(file.dropLast(5))) }
        }
        return names.sorted()
    }

    /// Loads `name` from the first folder that has it.
    static func load(named name: String, searchPath: [String] = searchPath()) throws -> Theme {
        for folder in searchPath {
            let path = "\(folder)/\(name).toml"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let data: Data
            do { data = try BoundedFile.read(path) } catch { throw ThemeError(file: path, line: 1, reason: error.reason) }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ThemeError(file: path, line: 1, reason: "not UTF-8 text")
            }
            return try parse(text, file: path)
        }
        throw ThemeNotFound(name: name, searched: searchPath)
    }
}

struct ThemeNotFound: Error, CustomStringConvertible {
    var name: String
    var searched: [String]
    var description: String { "theme '\(name)' not found in: \(searched.joined(separator: ", "))" }
}

/// 256-colour indices brought down to what the terminal has: the 8 basic
/// colours (black, red, green, yellow, blue, magenta, cyan, white).
enum ColorFallback {
    static func index(_ index: Int, available colours: Int) -> Int {
        if index < colours { return index }
        if colours >= 16 && index < 16 { return index }
        return nearestBasic(index)
    }

    static func nearestBasic(_ index: Int) -> Int {
        switch index {
        case 0..<8: return index
        case 8..<16: return index - 8
        case 16..<232:
            let cube = index - 16
            let red = cube / 36, green = (cube / 6) % 6, blue = cube % 6
            let bits = (red >= 3 ? 1 : 0) | (green >= 3 ? 2 : 0) | (blue >= 3 ? 4 : 0)
            // A dark colour with one strong part keeps that part.
            if bits == 0, max(red, green, blue) >= 2 {
                return red == max(red, green, blue) ? 1 : green == max(red, green, blue) ? 2 : 4
            }
            return bits
        default:
            return index >= 244 ? 7 : 0
        }
    }
}
