import KPICore
import KPIEngine
import KPIFormula

/// `run NAME [k=v]…` at the prompt: runs a recipe on the shell's session and shows the report.
///
/// Values with spaces are quoted: `run rep-scorecard rep="Ana Ruiz" period="last 6 months"`.
/// The recipe's `let`/`kpi` definitions stay in the session afterwards, as if typed.
public enum RecipeShellCommand {
    /// Parses `input` (`run NAME [k=v]…`) and runs it; see ``handle(_:shell:library:isCancelled:)-(RunRecipeSyntax,_,_,_)``.
    public static func handle(
        _ input: String, shell: Shell, library: RecipeLibrary? = nil, isCancelled: @escaping @Sendable () -> Bool = { false }
    ) -> Shell.Response {
        do {
            guard case .runRecipe(let run) = try Parser.parseStatement(input) else {
                return Shell.Response(error: "usage: run NAME [param=value]…")
            }
            return handle(run, shell: shell, library: library, isCancelled: isCancelled)
        } catch {
            return Shell.Response(error: SessionError(.formula(error, source: input)).render())
        }
    }

    /// Runs the command as parsed (``Statement/runRecipe(_:)``); the report goes to `output` in
    /// the shell's format (text in CSV mode, which has no report form).
    public static func handle(
        _ run: RunRecipeSyntax, shell: Shell, library: RecipeLibrary? = nil, isCancelled: @escaping @Sendable () -> Bool = { false }
    ) -> Shell.Response {
        let library = library ?? .standard(in: shell.session.workspace)
        guard let name = run.recipe else {
            let names = library.names()
            return Shell.Response(error: "usage: run NAME [param=value]…" + (names.isEmpty ? "" : "; recipes: " + names.joined(separator: ", ")))
        }
        var values: [String: String] = [:]
        for argument in run.arguments { values[argument.name] = argument.value }
        do {
            let recipe = try RecipeLibrary.load(try library.locate(name))
            let report = try RecipeRunner(session: shell.session).run(recipe, parameters: values, isCancelled: isCancelled)
            var renderer = shell.renderer
            renderer.maxRows = nil
            let text = ReportRenderer(results: renderer).render(report, format: shell.format)
            return Shell.Response(output: String(text.dropLast()))
        } catch {
            return Shell.Response(error: error.description, errorCategory: error.category)
        }
    }
}
