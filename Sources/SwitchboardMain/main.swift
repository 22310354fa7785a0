import Switchboard

// The `switchboard` binary: everything lives in the Switchboard library.
SwitchboardCommand.main()
