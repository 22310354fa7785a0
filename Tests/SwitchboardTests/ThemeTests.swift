import Foundation
import Testing
@testable import Switchboard

@Suite struct ThemeTests {
    static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes").path

    @Test func everyShippedThemeLoadsAndStylesEveryRole() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesFolder).filter { $0.hasSuffix(".toml") }
        #expect(files.count >= 2)
        for file in files {
            let theme = try ThemeLoader.load(named: String(file.dropLast(5)), searchPath: [Self.themesFolder])
            for role in Role.allCases { #expect(theme.styles[role] != nil, "\(file) lacks \(role.rawValue)") }
        }
    }

    @Test func anUnknownRoleIsRefusedWithFileAndLine() {
        #expect(throws: ThemeError(file: "bad.toml", line: 3, reason: "unknown role 'extension.sparkly'")) {
            try ThemeLoader.parse("[roles]\ntext = \"default\"\n\"extension.sparkly\" = \"red\"\n", file: "bad.toml")
        }
    }

    /// Themes are TOML through the same parser as the config: a role may be
    /// quoted or dotted, and a broken file is refused at its line.
    @Test func dottedRolesInlineTablesAndSyntaxErrorsByLine() throws {
        let theme = try ThemeLoader.parse("""
            name = "wall"
            palette = { amber = 214 }
            [roles]
            pane.title = "amber bold"
            "pane.border" = "amber"
            """, file: "wall.toml")
        #expect(theme.name == "wall")
        #expect(theme.style(.paneTitle) == RoleStyle(foreground: .indexed(214), bold: true))
        #expect(theme.style(.paneBorder) == RoleStyle(foreground: .indexed(214)))
        #expect(throws: ThemeError(file: "t.toml", line: 4, reason: "palette colour 'red' must be 0-255")) {
            try ThemeLoader.parse("[palette]\ngreen = 34\n\nred = 300\n", file: "t.toml")
        }
        #expect(throws: ThemeError(file: "t.toml", line: 3, reason: "unclosed string")) {
            try ThemeLoader.parse("[roles]\ntext = \"default\"\nheader = \"white\n", file: "t.toml")
        }
        #expect(throws: ThemeError(file: "t.toml", line: 2, reason: "unknown section [colours]")) {
            try ThemeLoader.parse("name = \"x\"\n[colours]\n", file: "t.toml")
        }
    }

    @Test func anUnknownColourIsRefused() {
        #expect(throws: ThemeError(file: "bad.toml", line: 2, reason: "unknown colour or attribute 'mauve'")) {
            try ThemeLoader.parse("[roles]\ntext = \"mauve\"\n", file: "bad.toml")
        }
    }

    @Test func paletteNamesForegroundBackgroundAndAttributes() throws {
        let theme = try ThemeLoader.parse("[palette]\nslate = 236\n[roles]\nheader = \"255 on slate bold reverse\" # why\n", file: "t.toml")
        #expect(theme.style(.header) == RoleStyle(foreground: .indexed(255), background: .indexed(236), bold: true, reverse: true))
    }
}

@Suite struct ColorFallbackTests {
    @Test(arguments: [(34, 2), (214, 3), (196, 1), (39, 6), (245, 7), (236, 0), (255, 7), (5, 5), (12, 4)])
    func colours256ComeDownToTheNearestBasicOne(index: Int, basic: Int) {
        #expect(ColorFallback.index(index, available: 8) == basic)
    }

    @Test func aTerminalWith256ColoursKeepsThem() {
        #expect(ColorFallback.index(214, available: 256) == 214)
    }
}
