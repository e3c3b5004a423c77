import KPIFormula

/// Formula text parsed as a statement: an error whose range lies inside the text, or a tree that
/// prints to text which parses back to the same tree and prints the same again.
package enum FormulaFuzzCheck {
    package static func check(_ bytes: [UInt8]) -> FuzzFindings {
        let source = FuzzSupport.text(bytes)
        let statement: Statement
        do {
            statement = try Parser.parseStatement(source)
        } catch {
            let size = source.utf8.count
            guard error.range.start >= 0, error.range.start <= error.range.end, error.range.end <= size else {
                return ["error \(error.id) at \(error.range.start)..<\(error.range.end) of a \(size)-byte formula"]
            }
            return error.message.isEmpty ? ["error \(error.id) has no message"] : []
        }
        let printed = Printer.print(statement)
        let reparsed: Statement
        do {
            reparsed = try Parser.parseStatement(printed)
        } catch {
            return ["the printed formula does not parse (\(error.id): \(error.message)): \(printed)"]
        }
        if reparsed != statement { return ["printing changed the tree: \(printed)"] }
        let reprinted = Printer.print(reparsed)
        if reprinted != printed { return ["printing is not stable: '\(printed)' then '\(reprinted)'"] }
        return []
    }
}
