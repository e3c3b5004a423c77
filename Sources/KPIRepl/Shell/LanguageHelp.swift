import KPICore
import KPIFormula

/// Help texts for the shell: functions of the language (`? percentile`) and `.help` topics.
enum LanguageHelp {
    /// A function's signature, what it does, an example, and the module that defines it (`nil`
    /// for the language's own).
    struct Function {
        let signature: String
        let summary: String
        let example: String
        let module: String?

        /// `? NAME`: the signature, the summary, the example and, for a module's function, its module.
        var description: String {
            var lines = [signature, summary, "", "example: " + example]
            if let module { lines.append("defined by module \(module)") }
            return lines.joined(separator: "\n")
        }
    }

    /// Every function of ``FormulaVocabulary`` and of the registry's modules, by name.
    static func functions(with registry: KPIRegistry) -> [String: Function] {
        Dictionary(
            FormulaVocabulary.functions(with: registry).map { entry in
                (
                    entry.name,
                    Function(signature: entry.signature, summary: entry.summaryNamingAlias(), example: entry.example, module: entry.module)
                )
            }, uniquingKeysWith: { builtIn, _ in builtIn })
    }

    static let topics: [String: String] = [
        "keys": """
        Tab          complete commands, KPIs, functions, fields, quoted values, paths
        Up / Down    history entries starting with what you typed
        Ctrl-R       search history
        Ctrl-C       clear the line, or stop a running statement
        Ctrl-D       leave (on an empty line)
        a line ending in \\ or an open bracket or quote continues on the next
        """,
        "formulas": """
        count(leads)                                   a count
        share(leads, status = "won")                   a rate with its interval
        win_rate by rep where source = "Referral"      a KPI, grouped and filtered
        avg(x) of leads as avg, median(x) of leads as median   several figures
        count(leads) on converted_at by month          count by another date
        let referral = source = "Referral"             a named segment
        kpi my_rate = share(leads, nurtured) unit ratio, higher is better, "…"
        explain QUERY                                  show the plan
        See docs/formula-language.md for the whole language.
        """,
        "periods": """
        during 2024 | 2024-Q3 | 2024-10 | 2024-03-15
        during last 90 days | last 6 months | this month | ytd | qtd | mtd
        during from 2024-01-01 to 2024-03-31           (both ends included)
        Relative periods count from the as-of instant (.set as-of DATE; default: the latest
        timestamp in the data). Series list every period of the reporting range.
        """,
    ]

    /// `.help functions`: each function's signature and summary, in the documentation's order,
    /// then the modules' functions, each marked with its module.
    static func functionList(with registry: KPIRegistry) -> String {
        FormulaVocabulary.functions(with: registry).map { entry in
            let module = entry.module.map { "   [module \($0)]" } ?? ""
            return entry.signature + module + "\n    " + entry.summaryNamingAlias()
        }.joined(separator: "\n")
    }
}
