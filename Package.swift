// swift-tools-version:6.1
import PackageDescription

// Strict concurrency everywhere: the UI thread, the engine thread and the
// simulator's event loops must never share mutable state by accident.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Switchboard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "switchboard", targets: ["SwitchboardMain"]),
        .executable(name: "switchboard-sim", targets: ["SwitchboardSim"]),
        .executable(name: "switchboard-bench", targets: ["SwitchboardBench"]),
        .executable(name: "switchboard-fuzz", targets: ["SwitchboardFuzz"]),
        .library(name: "PresenceEngine", targets: ["PresenceEngine"]),
        .library(name: "PBXSimulator", targets: ["PBXSimulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        // No default traits: they pull swift-configuration and Foundation-heavy code
        // and add minutes to every clean build (TECH-NOTES.md).
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        // Already under Hummingbird; named for its graceful shutdown.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // The journal: SQLite (Debian's libsqlite3) through GRDB.
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        // The config and the themes: TOML through TOMLKit (toml++).
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        // The password command: no shell, and only the standard streams
        // reach the child (it closes every other descriptor on Linux).
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2", traits: []),
    ],
    targets: [
        .target(
            name: "CNcurses",
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        .target(
            name: "PresenceEngine",
            dependencies: [
                "CCurl",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // What `switchboard sim` parses, apart from the simulator itself:
        // the board names the simulator's options without linking a web server.
        .target(
            name: "SimulatorOptions",
            dependencies: ["PresenceEngine", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PBXSimulator",
            dependencies: [
                "SimulatorOptions",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // A few seconds of speech (espeak-ng, lame), served as every recording.
            resources: [.copy("Resources/recording.mp3")],
            swiftSettings: swiftSettings
        ),
        // The journal: what the board saw and the call history adds, in
        // SQLite (calls, queue samples, health); missed calls and the day's figures.
        .target(
            name: "Journal",
            dependencies: [
                "PresenceEngine",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The command line and the board, as a library so the benchmarks can
        // drive the same renderer; `SwitchboardMain` is the `switchboard` binary.
        .target(
            name: "Switchboard",
            dependencies: [
                "CNcurses",
                "PresenceEngine",
                "SimulatorOptions",
                "Journal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "SwitchboardMain",
            dependencies: ["Switchboard"],
            swiftSettings: swiftSettings
        ),
        // `switchboard-sim`: the simulator as a program of its own (Hummingbird
        // and NIO stay out of the board); `switchboard sim` and `--demo` run it.
        .executableTarget(
            name: "SwitchboardSim",
            dependencies: [
                "PBXSimulator",
                "SimulatorOptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // What the benchmark, the fuzzer and the tests drive and the board
        // never runs: the board without a terminal (`FrameBench`), the fuzz
        // entry points, and the slow reference decoder the scanner is held to.
        .target(
            name: "SwitchboardHarness",
            dependencies: ["PresenceEngine", "Switchboard"],
            swiftSettings: swiftSettings
        ),
        // `make bench`: decode + fold, render, change-to-screen and scale figures.
        .executableTarget(
            name: "SwitchboardBench",
            dependencies: ["Switchboard", "SwitchboardHarness", "PresenceEngine", "PBXSimulator", "Journal"],
            swiftSettings: swiftSettings
        ),
        // Helpers shared by the test targets: waiting with deadlines, running
        // blocking calls off the concurrency pool, a simulator per test.
        .target(
            name: "TestSupport",
            dependencies: ["PresenceEngine", "PBXSimulator", "Switchboard", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        // libFuzzer over every decoder (`make fuzz`); built normally it replays
        // inputs given as files, so crashes found become plain reproductions.
        .executableTarget(
            name: "SwitchboardFuzz",
            dependencies: ["PresenceEngine", "Switchboard", "SwitchboardHarness"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PresenceEngineTests",
            dependencies: ["PresenceEngine", "PBXSimulator", "SwitchboardHarness", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PBXSimulatorTests",
            dependencies: ["PBXSimulator", "PresenceEngine", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "JournalTests",
            dependencies: ["Journal", "PresenceEngine", "PBXSimulator", "TestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SwitchboardTests",
            dependencies: ["Switchboard", "SwitchboardHarness", "PresenceEngine", "PBXSimulator", "Journal", "TestSupport"],
            // Read by the tests from their own folder, not built.
            exclude: ["Snapshots", "Answers"],
            swiftSettings: swiftSettings
        ),
    ]
)
