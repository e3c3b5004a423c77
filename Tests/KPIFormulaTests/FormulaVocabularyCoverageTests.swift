import Testing

@testable import KPIFormula

/// The catalogue names exactly what the parser and binder accept.
@Suite("FormulaVocabulary covers the language")
struct FormulaVocabularyCoverageTests {
    @Test("every row function of the plan IR is a row function of the catalogue, and no other")
    func rowFunctions() {
        #expect(Set(RowFunction.allCases.map(\.rawValue)) == FormulaVocabulary.names(of: .row))
    }

    @Test("every reserved word of the parser is a keyword of the catalogue")
    func reservedWords() {
        let keywords = Set(FormulaVocabulary.keywords)
        for word in Parser.reserved { #expect(keywords.contains(word), "\(word)") }
    }

    @Test("names are unique, lower case, and arities sensible")
    func wellFormed() {
        let names = FormulaVocabulary.functions.map(\.name)
        #expect(Set(names).count == names.count)
        for function in FormulaVocabulary.functions {
            #expect(function.name == function.name.lowercased())
            #expect(function.arity.lowerBound >= 1)
            if let alias = function.aliasOf { #expect(FormulaVocabulary.function(named: alias) != nil, "\(function.name) → \(alias)") }
        }
    }

    @Test("every example parses")
    func examplesParse() throws {
        for function in FormulaVocabulary.functions {
            #expect(throws: Never.self, "\(function.name)") { _ = try Parser.parseStatement(function.example) }
        }
    }
}
