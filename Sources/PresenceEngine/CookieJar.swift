import CCurl

/// One in-memory cookie jar shared by several transports (libcurl's share
/// interface, with locks), so the long poll and the service calls on
/// another thread use one session. Cookies never touch the disk.
public final class CookieJar: @unchecked Sendable {
    // libcurl serialises access through the share's own locks.
    let handle: OpaquePointer?

    public init() {
        handle = ccurl_share_new()
    }

    deinit { ccurl_share_free(handle) }
}
