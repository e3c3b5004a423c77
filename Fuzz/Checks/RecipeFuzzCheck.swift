import KPICore
import KPIRepl

/// A recipe file: either a recipe whose statements sit on the file's lines, or a `DataError`
/// that points inside the file.
package enum RecipeFuzzCheck {
    package static func check(_ bytes: [UInt8]) -> FuzzFindings {
        let text = FuzzSupport.text(bytes)
        let utf8 = Array(text.utf8)
        do {
            let recipe = try RecipeParser.parse(text, file: "fuzz.kpi")
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
            if let misplaced = recipe.statements.first(where: { $0.line < 1 || $0.line > lines || $0.column < 1 }) {
                return ["statement at \(misplaced.line):\(misplaced.column) of a \(lines)-line recipe"]
            }
            return []
        } catch {
            return FuzzSupport.misplaced(error, in: utf8, what: "recipe").map { [$0] } ?? []
        }
    }
}
