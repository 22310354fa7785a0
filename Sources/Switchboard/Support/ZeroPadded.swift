extension Int {
    /// `7.zeroPadded(3)` is `007`: the digits of times and dates written by hand.
    func zeroPadded(_ width: Int) -> String {
        let text = String(self)
        return String(repeating: "0", count: Swift.max(0, width - text.count)) + text
    }
}
