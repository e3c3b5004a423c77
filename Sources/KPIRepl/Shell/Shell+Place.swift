import Foundation
import KPICore
import KPIEngine
import KPIFormula

extension Shell {
    /// A statement as typed and as run (trimmed), and where it came from: what an error needs
    /// to point into the input.
    struct Place {
        /// The statement as it came, leading spaces included.
        var input: String
        /// The statement the session ran.
        var trimmed: String
        /// Where the input came from; `nil` for a statement on its own.
        var origin: Origin?

        /// The error as shown: for a statement from a longer input, a formula error reads
        /// `<stdin>:LINE:COLUMN` (the line in the input, the caret's column in that line) and
        /// a goal statement's error likewise; on its own, `formula:1:COLUMN`.
        func render(_ error: SessionError) -> String {
            guard let origin else { return error.render() }
            switch error.kind {
            case .formula(var formulaError, let source):
                // The session saw the trimmed text: point into the line as typed.
                var text = source
                if source == trimmed, let start = input.range(of: trimmed)?.lowerBound {
                    let shift = input[..<start].utf8.count
                    formulaError.range = SourceRange(formulaError.range.start + shift, formulaError.range.end + shift)
                    text = input
                }
                return formulaError.render(source: text, label: origin.label, lineOffset: origin.line - 1)
            case .data(var dataError) where dataError.location.file == "goal":
                // A goal typed as a statement: its line is the statement's, its column the line's.
                let line = dataError.location.line ?? 1
                let lead = line == 1 ? input.prefix { $0 == " " || $0 == "\t" }.count : 0
                dataError.location = SourceLocation(
                    file: origin.label, line: origin.line + line - 1, column: dataError.location.column.map { $0 + lead })
                return dataError.description
            default:
                return error.render()
            }
        }
    }
}
