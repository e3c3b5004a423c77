import Foundation
import KPICore
import Testing

/// Checks that a ``DataAdapter`` behaves as KPIKit expects of a plugin, from its public API alone.
///
/// ```swift
/// @Test func adapterConforms() throws {
///     let sample = try #require(Bundle.module.url(forResource: "leads", withExtension: "xlsx", subdirectory: "Fixtures"))
///     AdapterConformance.expectConformance(
///         of: XLSXAdapter(), sample: sample,
///         expecting: [TableShape(name: "leads", columns: ["lead_id", "source"], rowCount: 6)])
/// }
/// ```
///
/// The checks: the adapter has a lower-case name and declares at least one extension, each lower
/// case, without a dot, listed once; it claims files with those extensions in any case, the
/// sample included; loading the sample gives tables of exactly the expected shapes, with unique
/// names and every column as long as its table, and loading it again gives the same; an empty
/// file, and each file in `malformed`, makes it throw a ``DataError`` with a `domain.kebab-case`
/// id, a message and a location naming that file — never another error, and never tables.
///
/// A crash (a trap on bad input) cannot be caught in process: it ends the test run, which then
/// fails, so feed every input that once crashed the adapter through `malformed`.
public enum AdapterConformance {
    /// The problems with the adapter's declaration (name and extensions), which need no file.
    public static func declarationProblems(of adapter: any DataAdapter) -> [ConformanceProblem] {
        let subject = "adapter \(adapter.name)"
        var problems: [ConformanceProblem] = []
        func add(_ check: String, _ message: String) { problems.append(ConformanceProblem(check: check, subject: subject, message: message)) }
        if adapter.name.isEmpty || adapter.name != adapter.name.lowercased() || adapter.name.contains(where: \.isWhitespace) {
            add("adapter.name", "the name '\(adapter.name)' should be a short lower-case word")
        }
        if adapter.fileExtensions.isEmpty { add("adapter.extensions", "declares no file extension") }
        var seen: Set<String> = []
        for ext in adapter.fileExtensions {
            if !seen.insert(ext).inserted { add("adapter.extensions", "extension '\(ext)' is listed twice") }
            if ext.isEmpty || ext.hasPrefix(".") || ext != ext.lowercased() {
                add("adapter.extensions", "extension '\(ext)' should be lower case, without the dot")
                continue
            }
            for name in ["data.\(ext)", "DATA.\(ext.uppercased())"] where !adapter.canRead(URL(fileURLWithPath: "/tmp/\(name)")) {
                add("adapter.can-read", "does not claim \(name) although it declares .\(ext)")
            }
        }
        return problems
    }

    /// Every problem found with `adapter` on `sample` and the `malformed` files; empty when it conforms.
    ///
    /// - Parameters:
    ///   - sample: a well-formed file of the adapter's format.
    ///   - expecting: the tables loading `sample` must give, in order.
    ///   - malformed: files the adapter must reject with a ``DataError``.
    ///   - rejectsEmptyFile: whether an empty file must be rejected too (a format where an
    ///     empty file is valid data passes `false`).
    ///   - options: the load options used throughout.
    public static func problems(
        of adapter: any DataAdapter, sample: URL, expecting: [TableShape], malformed: [URL] = [],
        rejectsEmptyFile: Bool = true, options: LoadOptions = LoadOptions()
    ) -> [ConformanceProblem] {
        var problems = declarationProblems(of: adapter)
        let subject = "adapter \(adapter.name)"
        func add(_ check: String, _ message: String) { problems.append(ConformanceProblem(check: check, subject: subject, message: message)) }
        if !adapter.canRead(sample) { add("adapter.can-read", "does not claim the sample \(sample.lastPathComponent)") }
        do {
            let tables = try adapter.load(sample, options: options)
            let shapes = tables.map(TableShape.init(of:))
            if shapes != expecting {
                add("adapter.load", "\(sample.lastPathComponent) gave [\(list(shapes))], expected [\(list(expecting))]")
            }
            if Set(tables.map(\.name)).count != tables.count { add("adapter.load", "two tables of \(sample.lastPathComponent) share a name") }
            for table in tables {
                for column in table.columns where column.count != table.rowCount {
                    add("adapter.load", "column \(table.name).\(column.name) holds \(column.count) values in a table of \(table.rowCount) rows")
                }
            }
            let again = try adapter.load(sample, options: options).map(TableShape.init(of:))
            if again != shapes { add("adapter.deterministic", "loading \(sample.lastPathComponent) twice gave different tables") }
        } catch {
            add("adapter.load", "loading the sample \(sample.lastPathComponent) threw \(error)")
        }
        var rejected = malformed
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kpikit-conformance-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        if rejectsEmptyFile, let ext = adapter.fileExtensions.first {
            let empty = scratch.appendingPathComponent("empty.\(ext)")
            do {
                try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
                try Data().write(to: empty)
                rejected.insert(empty, at: 0)
            } catch {
                add("adapter.malformed", "could not write an empty file to try: \(error)")
            }
        }
        for file in rejected { problems += rejectionProblems(of: adapter, file: file, options: options) }
        return problems
    }

    /// Records an issue at the caller for every problem
    /// ``problems(of:sample:expecting:malformed:rejectsEmptyFile:options:)`` finds.
    public static func expectConformance(
        of adapter: any DataAdapter, sample: URL, expecting: [TableShape], malformed: [URL] = [],
        rejectsEmptyFile: Bool = true, options: LoadOptions = LoadOptions(),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        problems(of: adapter, sample: sample, expecting: expecting, malformed: malformed, rejectsEmptyFile: rejectsEmptyFile, options: options)
            .recordIssues(at: sourceLocation)
    }

    private static func rejectionProblems(of adapter: any DataAdapter, file: URL, options: LoadOptions) -> [ConformanceProblem] {
        let subject = "adapter \(adapter.name)"
        let name = file.lastPathComponent
        func problem(_ message: String) -> ConformanceProblem { ConformanceProblem(check: "adapter.malformed", subject: subject, message: message) }
        do {
            let tables = try adapter.load(file, options: options)
            return [problem("\(name) loaded as [\(list(tables.map(TableShape.init(of:))))] instead of throwing a DataError")]
        } catch {
            // `load` throws only DataErrors (typed throws): only their contents need checking.
            var problems: [ConformanceProblem] = []
            if !error.id.isWellFormed { problems.append(problem("\(name): error id '\(error.id)' is not domain.kebab-case")) }
            if error.message.isEmpty { problems.append(problem("\(name): the error has no message")) }
            if error.location.file != file.path && URL(fileURLWithPath: error.location.file).lastPathComponent != name {
                problems.append(problem("\(name): the error's location '\(error.location)' does not name the file"))
            }
            return problems
        }
    }

    private static func list(_ shapes: [TableShape]) -> String { shapes.map(\.description).joined(separator: "; ") }
}
