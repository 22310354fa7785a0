import PresenceEngine
import Switchboard

// The `switchboard` binary: everything lives in the Switchboard library.
MemoryRelease.configure()
SwitchboardCommand.main()
