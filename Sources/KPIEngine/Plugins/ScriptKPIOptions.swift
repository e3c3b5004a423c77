import KPICore
import KPIFormula

/// The options a script module's `kpi` definition has beyond a session's: `counted by T.F` (the
/// date basis) and `needs T.F, T.F` (requirements the formula does not show, such as a field a
/// linked KPI reads). They are taken out of the text before the formula parser sees it, and
/// blanked rather than cut, so every error offset still points at the right column.
struct ScriptKPIOptions {
    /// `counted by ...`, with the byte range of the field path.
    var dateBasis: (path: FieldPath, range: SourceRange)?
    /// `needs ...`, each with its byte range.
    var needs: [(path: FieldPath, range: SourceRange)] = []
    /// The statement with the options replaced by spaces.
    var remainingText: String

    /// Finds and removes the options in a `kpi NAME = ...` statement.
    ///
    /// Options are only recognised at bracket depth 0 after the `=`, so a field named `needs`
    /// inside a formula's call stays a field.
    init(statement text: String) throws(FormulaError) {
        let tokens = try Lexer.tokenize(text)
        var bytes = Array(text.utf8)
        guard let equals = tokens.firstIndex(where: { $0.isSymbol("=") }) else {
            remainingText = text
            return
        }
        var depth = 0
        var i = equals + 1
        func blank(_ from: Int, _ to: Int) {
            for b in tokens[from].range.start..<min(tokens[to].range.end, bytes.count) where bytes[b] != 10 { bytes[b] = 32 }
        }
        func fieldPath(at index: Int, _ context: String) throws(FormulaError) -> (FieldPath, SourceRange) {
            guard index + 2 < tokens.count, let table = Self.name(tokens[index]), tokens[index + 1].isSymbol("."),
                let field = Self.name(tokens[index + 2])
            else {
                let token = tokens[min(index, tokens.count - 1)]
                throw FormulaError(id: .formulaSyntax, message: "expected table.field \(context)", range: token.range)
            }
            return (FieldPath(table, field), tokens[index].range.union(tokens[index + 2].range))
        }
        while i < tokens.count {
            let token = tokens[i]
            if token.isSymbol("(") { depth += 1 }
            if token.isSymbol(")") { depth -= 1 }
            let precededByComma = i > 0 && tokens[i - 1].isSymbol(",")
            if depth == 0, token.isKeyword("counted"), i + 1 < tokens.count, tokens[i + 1].isKeyword("by") {
                let (path, range) = try fieldPath(at: i + 2, "after 'counted by' (a date field such as leads.closed_at)")
                if dateBasis != nil {
                    throw FormulaError(id: .formulaSyntax, message: "'counted by' is given twice", range: token.range)
                }
                dateBasis = (path, range)
                blank(precededByComma ? i - 1 : i, i + 4)
                i += 5
                continue
            }
            if depth == 0, token.isKeyword("needs") {
                var j = i + 1
                repeat {
                    if tokens[j].isSymbol(",") { j += 1 }
                    let (path, range) = try fieldPath(at: j, "after 'needs' (fields such as leads.status, activities.type)")
                    needs.append((path, range))
                    j += 3
                } while j + 2 < tokens.count && tokens[j].isSymbol(",") && Self.name(tokens[j + 1]) != nil
                    && tokens[j + 2].isSymbol(".")
                blank(precededByComma ? i - 1 : i, j - 1)
                i = j
                continue
            }
            i += 1
        }
        remainingText = String(decoding: bytes, as: UTF8.self)
    }

    private static func name(_ token: Token) -> String? {
        switch token.kind {
        case .identifier(let name), .quotedIdentifier(let name): return name
        default: return nil
        }
    }
}
