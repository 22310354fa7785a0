import Foundation

#if !FUZZING
/// Without libFuzzer: runs each file given on the command line through the
/// decoders once (to reproduce a crash the fuzzer found).
@main
enum Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(2)
            }
            fuzzOneInput(Array(data))
            print("ok \(path)")
        }
    }
}
#endif
