import Foundation
import KPIFormula

/// The statements of a benchmark suite file such as `bench/spec-suite.kpi`.
///
/// The layout is the one the spec suite uses: `let` lines first (shared definitions), then each
/// KPI is the single statement after a `-- <id>` comment line. Other comment lines are prose.
struct SuiteFile {
    /// One named statement: a KPI of the suite or a benchmark query.
    struct Entry {
        var id: String
        var statement: String
    }

    /// The `let` statements, in file order.
    var definitions: [String]
    /// The named statements, in file order.
    var entries: [Entry]

    /// Reads and splits a suite file.
    ///
    /// - Throws: a message naming the line when a `-- <id>` line has no statement after it, or a
    ///   statement has no id line before it (either would silently drop a KPI from the timing).
    init(contentsOf path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SuiteFileError(message: "\(path): cannot read (\(error.localizedDescription))")
        }
        var definitions: [String] = []
        var entries: [Entry] = []
        var pendingID: (id: String, line: Int)?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if SourceText.isCommentOnly(line) {
                // An id is one word; prose comments have spaces.
                if let comment = SourceText.comment(in: line), !comment.contains(" ") { pendingID = (comment, index + 1) }
                continue
            }
            // Definitions run before the timed statements; the parser says which lines they are.
            if case .define? = try? Parser.parseStatement(line) {
                definitions.append(line)
                continue
            }
            guard let id = pendingID else {
                throw SuiteFileError(message: "\(path):\(index + 1): a statement without a '-- <id>' line before it")
            }
            entries.append(Entry(id: id.id, statement: line))
            pendingID = nil
        }
        if let id = pendingID {
            throw SuiteFileError(message: "\(path):\(id.line): '-- \(id.id)' has no statement after it")
        }
        self.definitions = definitions
        self.entries = entries
    }
}

/// A suite file that cannot be used, with the line at fault.
struct SuiteFileError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
