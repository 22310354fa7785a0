/// The version, written here only: `switchboard --version`, the man page
/// and `make install` read it from the binary.
enum SwitchboardVersion {
    static let text = "0.4.0"
}
