/// A first-in, first-out list that forgets its oldest entries past a
/// limit, so a simulator left running for days keeps flat memory.
struct BoundedLog<Element: Sendable>: Sendable {
    private var storage: [Element] = []
    private var start = 0
    let limit: Int

    init(limit: Int) { self.limit = max(1, limit) }

    var count: Int { storage.count - start }

    /// Appends, and returns the entry that fell off the front, if any.
    @discardableResult
    mutating func append(_ element: Element) -> Element? {
        storage.append(element)
        guard count > limit else { return nil }
        let dropped = storage[start]
        start += 1
        if start > limit { storage.removeFirst(start); start = 0 }
        return dropped
    }

    /// Newest first.
    var newestFirst: ReversedCollection<ArraySlice<Element>> { storage[start...].reversed() }
}
