#if os(Linux)
import Glibc
#endif
import Switchboard

#if os(Linux)
/// glibc's `mallopt` (malloc.h is not in Swift's Glibc module).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
/// `M_ARENA_MAX`: glibc gives each thread that allocates an arena of its
/// own (up to eight a core), and what one thread frees of another's keeps
/// both arenas' pages: two arenas for the board's few threads keep a large
/// account's board about 4 MB smaller, with no contention worth the name.
_ = glibcMallopt(-8, 2)
#endif

// The `switchboard` binary: everything lives in the Switchboard library.
SwitchboardCommand.main()
