import Foundation

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later),
/// which Swift's Glibc module leaves out (it is declared for _GNU_SOURCE).
private let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
}()

/// Adds, as the last action, closing every descriptor from 3 up in the
/// child, so a program a test starts gets only its standard streams, not
/// the test process's sockets and pipes (a copy keeps a connection open
/// after the test closes it). Returns false when this libc cannot.
@discardableResult
public func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) -> Bool {
    guard let addCloseFrom else { return false }
    return addCloseFrom(&actions, 3) == 0
}
