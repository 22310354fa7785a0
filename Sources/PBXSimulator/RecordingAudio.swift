import Foundation

/// The MP3 served for every recording: a short spoken clip shipped as a
/// resource. Looked up by hand rather than through `Bundle.module`, whose
/// accessor traps when the bundle is not beside the binary (an installed
/// copy); here a missing clip is a logged 500, not a crash.
enum RecordingAudio {
    static let resourceBundle = "Switchboard_PBXSimulator.resources"
    static let fileName = "recording.mp3"

    static let bytes: [UInt8]? = {
        for path in candidates() {
            if let data = FileManager.default.contents(atPath: path), !data.isEmpty { return Array(data) }
        }
        return nil
    }()

    static func candidates() -> [String] {
        var paths: [String] = []
        if let own = ProcessInfo.processInfo.environment["SWITCHBOARD_SIM_AUDIO"] { paths.append(own) }
        let mainFolder = Bundle.main.bundleURL
        paths.append(mainFolder.appendingPathComponent("\(resourceBundle)/\(fileName)").path)
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            paths.append(executable.appendingPathComponent("\(resourceBundle)/\(fileName)").path)
            paths.append(executable.deletingLastPathComponent().appendingPathComponent("share/switchboard/\(fileName)").path)
        }
        // A development checkout: the source file itself.
        paths.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources/\(fileName)").path)
        return paths
    }
}
