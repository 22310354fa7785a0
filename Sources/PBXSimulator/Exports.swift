@_exported import SimulatorOptions
