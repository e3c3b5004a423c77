import ArgumentParser
import Foundation
import KPICore
import KPIEngine
import KPIFormula
import KPIRepl

/// `kpi run` and `kpi check`: recipes from the command line (docs/recipes.md).
extension KPICommand {
    /// `kpi run NAME|FILE [--param k=v]… [--format …] [--output FILE]`.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a recipe and print (or write) its report.",
            discussion: "NAME is looked up in the Recipes/ folder above the current directory (or above kpi itself); a path runs that file.")

        @Argument(help: "A recipe name (weekly-pipeline-review) or a .recipe file.")
        var recipe: String

        @OptionGroup var dataOptions: DataOptions

        @Option(name: .customLong("param"), help: "A parameter, NAME=VALUE. Repeatable.")
        var parameters: [String] = []

        @Option(help: FormatOption<ReportOutput>.help)
        var format = FormatOption<ReportOutput>(.table)

        @Option(help: "Write the report to this file (atomically) instead of standard output.")
        var output: String?

        func run() throws {
            let values = try RecipeArguments.parameters(parameters)
            let recipe: Recipe
            // One workspace for the recipe's folder and the session's: the process is read once.
            let workspace = Workspace.current
            do { recipe = try RecipeLibrary.load(try RecipeLibrary.standard(in: workspace).locate(self.recipe)) } catch { fail(error) }
            let session = dataOptions.sessionOrExit(in: workspace)
            dataOptions.reportLoad(session)
            let report: Report
            do { report = try RecipeRunner(session: session).run(recipe, parameters: values) } catch { fail(error) }
            let text = ReportRenderer().render(report, format: format.value)
            // A parameter value that matches no row empties every table that filters by it:
            // say so where the user looks, not only inside a file they may never open.
            if output != nil || format.value != .table {
                for note in Self.unmatchedValues(report) { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
            }
            guard let output else {
                FileHandle.standardOutput.write(Data(text.utf8))
                return
            }
            do { try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: output)) } catch { fail(error) }
        }

        /// The report's distinct no-match notes (`no row of leads has rep "Maya Patell" (did you
        /// mean "Maya Patel"?)`), in report order.
        static func unmatchedValues(_ report: Report) -> [String] {
            var seen = Set<String>()
            var out: [String] = []
            for section in report.sections {
                for case .statement(let entry) in section.items {
                    guard case .result(let result, _) = entry.outcome else { continue }
                    for note in result.notes where note.kind == .noMatch && seen.insert(note.message).inserted { out.append(note.message) }
                }
            }
            return out
        }
    }

    /// `kpi check RECIPE`: parameters, KPIs, fields and units, before anything runs.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a recipe without running it: unknown KPIs, bad parameters and type errors, with file:line.")

        @Argument(help: "A recipe name or a .recipe file.")
        var recipe: String

        @OptionGroup var dataOptions: DataOptions

        @Option(name: .customLong("param"), help: "A parameter value to check instead of its default, NAME=VALUE. Repeatable.")
        var parameters: [String] = []

        func run() throws {
            let values = try RecipeArguments.parameters(parameters)
            let recipe: Recipe
            // One workspace for the recipe's folder and the session's: the process is read once.
            let workspace = Workspace.current
            do { recipe = try RecipeLibrary.load(try RecipeLibrary.standard(in: workspace).locate(self.recipe)) } catch { fail(error) }
            let session = dataOptions.sessionOrExit(in: workspace)
            let problems = RecipeChecker(session: session).check(recipe, parameters: values)
            for problem in problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
            if !problems.isEmpty { throw ExitCode(ExitStatus.badStatement) }
            printOut("\(recipe.file): ok (\(recipe.statements.count) statements, \(recipe.parameters.count) parameters)")
        }
    }
}

/// `--param NAME=VALUE` options as a dictionary.
enum RecipeArguments {
    static func parameters(_ options: [String]) throws -> [String: String] {
        var values: [String: String] = [:]
        for option in options {
            guard let equals = option.firstIndex(of: "="), equals != option.startIndex else {
                throw ValidationError("--param '\(option)' is not NAME=VALUE")
            }
            let name = String(option[..<equals])
            guard values[name] == nil else { throw ValidationError("--param \(name) is given twice") }
            values[name] = String(option[option.index(after: equals)...])
        }
        return values
    }
}
