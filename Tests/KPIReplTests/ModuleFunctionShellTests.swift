import KPICore
import KPIEngine
import KPIFormula
import KPIRepl
import Testing

/// The shell knows the functions a session's modules register: it completes them, explains them
/// naming their module, and lists them under `.help functions`.
@Suite("Module functions in the shell")
struct ModuleFunctionShellTests {
    struct HalvingModule: KPIModule {
        let name = "halving"
        let version = "1.0.0"
        let summary = "Halves numbers"

        func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
            registrar.add(
                ModuleFunction.row(
                    "halved", parameters: [.number], result: .number, unit: .sameAsArgument(0), summary: "Half of x.",
                    example: "sum(halved(amount)) of leads"
                ) { arguments in
                    Column(name: "halved", data: .double(ContiguousArray(arguments[0].numbers!.map { $0 / 2 })), validity: arguments.allValid)
                })
        }
    }

    static func shell() throws -> Shell {
        var registry = try ShellFixture.registry()
        try registry.register(HalvingModule(), origin: .swiftPlugin(target: "Halving"))
        let session = Session(registry: registry)
        try session.add(tables: ShellFixture.demo.tables, source: "demo")
        return Shell(session: session, renderer: ResultRenderer(color: false, width: 100))
    }

    @Test("completion offers the module's function with its bracket")
    func completes() throws {
        let completer = ShellCompleter(session: try Self.shell().session)
        let line = "avg(halv"
        let result = completer.complete(CompletionRequest(line: line, cursorUTF8Offset: line.utf8.count))
        #expect(result.candidates.map(\.text) == ["halved("])
        let plain = ShellCompleter(session: try ShellFixture.demoShell().session)
        #expect(plain.complete(CompletionRequest(line: line, cursorUTF8Offset: line.utf8.count)).candidates.isEmpty)
    }

    @Test("? NAME explains it naming its module; .help functions lists it marked with its module, after the built-ins")
    func explains() throws {
        let shell = try Self.shell()
        let described = try ShellFixture.output(shell, "? halved")
        #expect(described.contains("halved(number)") && described.contains("Half of x."), "\(described)")
        #expect(described.contains("example: sum(halved(amount)) of leads") && described.contains("defined by module halving"), "\(described)")
        let list = try ShellFixture.output(shell, ".help functions")
        #expect(list.hasSuffix("halved(number)   [module halving]\n    Half of x."), "\(list)")
        #expect(list.hasPrefix(try ShellFixture.output(ShellFixture.demoShell(), ".help functions")))
    }

    @Test("the session evaluates it through the engine: half of the demo's summed amounts; a misspelling is suggested")
    func evaluates() throws {
        let shell = try Self.shell()
        let result = try shell.session.evaluate("sum(halved(amount)) of leads as half, sum(amount) of leads as whole")
        let half = try #require(result.rows[0].measures[0].value), whole = try #require(result.rows[0].measures[1].value)
        #expect(whole > 0)
        #expect(abs(half - whole / 2) <= 1e-9 * whole)
        #expect(result.units == [.money, .money])
        let error = try #require(shell.handle("sum(halvd(amount)) of leads").error)
        #expect(error.contains("did you mean 'halved'"), "\(error)")
    }
}
