import KPICore

/// The diagnostic ids kpi-bench raises, by domain.
extension DiagnosticID {
    // MARK: bench
    /// `bench.wrong`, e.g. "count(leads) gave …, not 2".
    static let benchWrong = DiagnosticID("bench.wrong")
}
