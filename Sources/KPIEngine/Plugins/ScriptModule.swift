import KPICore

/// A KPI module read from a `.kpi` script file: registers like any other module.
public struct ScriptModule: KPIModule, Hashable {
    /// The module's name, from its `module` line (or the file's name without one).
    public var name: String
    /// Its version (`0.0.0` when the file does not say).
    public var version: String
    /// Its description.
    public var summary: String
    /// The file it was read from, as given to the loader.
    public var path: String
    /// The line of its `module` statement (1 without one): the origin's line.
    public var line: Int
    /// The KPIs that loaded, in file order.
    public var kpis: [FormulaKPI]
    /// The line each KPI's definition starts on, by id.
    public var kpiLines: [String: Int]

    /// Creates a module.
    public init(
        name: String, version: String, summary: String, path: String, line: Int, kpis: [FormulaKPI] = [], kpiLines: [String: Int] = [:]
    ) {
        self.name = name
        self.version = version
        self.summary = summary
        self.path = path
        self.line = line
        self.kpis = kpis
        self.kpiLines = kpiLines
    }

    /// Where the registry says it came from.
    public var origin: Origin { .scriptPlugin(path: path, line: line) }

    public func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
        for kpi in kpis { registrar.add(kpi) }
    }
}

/// What loading script modules did: the modules registered and every problem, each with
/// `file:line:column`. A problem skips only what it concerns (one KPI, or a whole file when its
/// `module` line is bad); everything else loads.
public struct PluginLoadReport: Sendable {
    /// The modules registered, in load order.
    public var modules: [ScriptModule] = []
    /// What could not be loaded, and why.
    public var problems: [DataError] = []

    /// An empty report.
    public init() {}

    /// Problems as `file:line:column: error[id]: message` lines.
    public var problemText: String { problems.map(\.description).joined(separator: "\n") }
}
