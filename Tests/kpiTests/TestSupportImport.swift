// The repository's shared test helpers (Tests/KPITestSupport), re-exported so that every file of
// this target sees them — TemporaryDirectory, PackagePaths, SplitMix64, Golden, StandardRegistry,
// CSVRecords, SpecIDs — as it saw the per-target copies they replace.
@_exported import KPITestSupport

@available(*, deprecated, renamed: "TemporaryDirectory")
typealias Scratch = TemporaryDirectory

@available(*, deprecated, renamed: "PackagePaths")
typealias PackageLocation = PackagePaths

@available(*, deprecated, renamed: "CSVRecords")
typealias CSV = CSVRecords
