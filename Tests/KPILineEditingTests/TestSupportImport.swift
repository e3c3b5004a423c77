// The repository's shared test helpers (Tests/KPITestSupport), re-exported so that every file of
// this target sees them — TemporaryDirectory, PackagePaths, SplitMix64, Golden, StandardRegistry,
// CSVRecords, SpecIDs — as it saw the per-target copies they replace.
@_exported import KPITestSupport
