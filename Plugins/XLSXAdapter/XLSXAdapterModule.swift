import Foundation
import KPICore

/// Registers ``XLSXAdapter``, so `--data export.xlsx` works like a CSV file.
///
/// An example Swift plugin that adds a data format rather than KPIs: this folder is its own
/// target, built against `KPICore` only (see `docs/writing-a-kpi-module.md`).
public struct XLSXAdapterModule: KPIModule {
    /// The module's name in `kpi modules`.
    public let name = "xlsx-adapter"
    /// The module's version.
    public let version = "1.0.0"
    /// One line for `kpi modules`.
    public let summary = "Reads Excel .xlsx workbooks: one table per worksheet (Swift plugin)"

    /// Creates the module.
    public init() {}

    /// Adds the adapter; the module defines no KPIs.
    public func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
        registrar.add(XLSXAdapter())
    }
}

/// Reads Excel `.xlsx` workbooks (Office Open XML spreadsheets) without any dependency.
///
/// Each worksheet becomes a table named after the sheet (or `options.tableName` when there is
/// only one), its first non-empty row the header. Cells formatted as dates become dates or
/// timestamps; other columns are typed like CSV columns. Formulas contribute their cached values;
/// error cells (`#N/A`, `#DIV/0!`) are nulls. Errors are `DataError`s `xlsx.corrupt` (damaged
/// archive or XML, naming the part and cell) and `xlsx.unsupported` (encryption, ZIP64, other
/// compression methods).
public struct XLSXAdapter: DataAdapter {
    /// `xlsx`.
    public let name = "xlsx"
    /// Only `.xlsx`: legacy `.xls` (BIFF) and macro-enabled `.xlsm` are not read.
    public let fileExtensions = ["xlsx"]

    /// Creates the adapter.
    public init() {}

    /// Reads every worksheet of the workbook at `url`, in workbook order; empty sheets yield no table.
    public func load(_ url: URL, options: LoadOptions) throws(DataError) -> [Table] {
        let file = url.path
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: url))
        } catch {
            throw DataError(id: .xlsxUnreadable, message: "cannot read the file: \(error.localizedDescription)", file: file)
        }
        do {
            let archive = try ZipArchive(bytes: bytes)
            let parts = try WorkbookParts(part: { try archive.data(named: $0) })
            var tables: [Table] = []
            for sheet in parts.sheets {
                guard let sheetBytes = try archive.data(named: sheet.path) else { throw PartFailure.missing(sheet.path) }
                let reader: SheetReader
                do {
                    reader = try SheetReader(sheetBytes, parts: parts)
                } catch let failure as CellFailure {
                    throw DataError(id: .xlsxCorrupt, message: "sheet '\(sheet.name)' cell \(failure.reference): \(failure.reason)", file: file)
                } catch let malformed as XMLEvents.Malformed {
                    throw DataError(
                        id: .xlsxCorrupt,
                        message: "sheet '\(sheet.name)' (\(sheet.path) line \(malformed.line)): malformed XML: \(malformed.reason)", file: file)
                }
                let tableName = parts.sheets.count == 1 ? options.tableName ?? sheet.name : sheet.name
                if let table = SheetTable.make(name: tableName, sheet: reader, uses1904: parts.uses1904, source: file) {
                    tables.append(table)
                }
            }
            return tables
        } catch let error as DataError {
            throw error
        } catch ZipArchive.Failure.corrupt(let reason) {
            throw DataError(id: .xlsxCorrupt, message: reason, file: file)
        } catch ZipArchive.Failure.unsupported(let reason) {
            throw DataError(id: .xlsxUnsupported, message: reason, file: file)
        } catch PartFailure.missing(let part) {
            throw DataError(id: .xlsxCorrupt, message: "the workbook has no part \(part)", file: file)
        } catch PartFailure.invalid(let part, let reason) {
            throw DataError(id: .xlsxCorrupt, message: "\(part): \(reason)", file: file)
        } catch {
            throw DataError(id: .xlsxCorrupt, message: "\(error)", file: file)
        }
    }
}
