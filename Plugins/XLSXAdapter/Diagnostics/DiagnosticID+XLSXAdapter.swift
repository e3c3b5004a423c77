import KPICore

/// The diagnostic ids XLSXAdapter raises, by domain.
extension DiagnosticID {
    // MARK: xlsx
    /// `xlsx.corrupt`, e.g. "sheet '…' cell …: …".
    static let xlsxCorrupt = DiagnosticID("xlsx.corrupt")
    /// `xlsx.unreadable`, e.g. "cannot read the file: …".
    static let xlsxUnreadable = DiagnosticID("xlsx.unreadable")
    /// `xlsx.unsupported`, e.g. "the workbook has no part …".
    static let xlsxUnsupported = DiagnosticID("xlsx.unsupported")
}
