import Testing

extension Tag {
    /// The board or a program run end to end: in tmux, over SSH, installed
    /// with make, or against a simulator for minutes of real time.
    /// `make test-fast` leaves these out (`--skip tag:endToEnd`).
    @Tag public static var endToEnd: Self
}
