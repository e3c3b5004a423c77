/// A named group of KPIs (and, optionally, data adapters and formula functions) that registers itself.
///
/// Built-in modules and Swift plugins conform to `KPIModule`; script plugins are turned into one.
///
/// ```swift
/// struct SaaSMetrics: KPIModule {
///     let name = "saas"
///     let version = "1.0.0"
///     let summary = "MRR, ARR and net revenue retention"
///     func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
///         registrar.add(FormulaKPI(id: "mrr", ...))
///     }
/// }
/// ```
public protocol KPIModule: Sendable {
    /// The module's name, unique in a registry.
    var name: String { get }
    /// Its version (semantic versioning).
    var version: String { get }
    /// One sentence on what it measures.
    var summary: String { get }
    /// Adds the module's KPIs, adapters and functions. Throwing skips the whole module.
    ///
    /// - Throws: A ``RegistryError``: the registry reports it as `registry.module-failed`,
    ///   naming the module, and registers none of it.
    func register(in registrar: inout ModuleRegistrar) throws(RegistryError)
}

/// What a module hands to the registry while registering.
public struct ModuleRegistrar: Sendable {
    /// The KPIs added so far.
    public private(set) var kpis: [any KPI] = []
    /// The adapters added so far.
    public private(set) var adapters: [any DataAdapter] = []
    /// The formula functions added so far.
    public private(set) var functions: [ModuleFunction] = []

    /// An empty registrar.
    public init() {}

    /// Adds a KPI.
    public mutating func add(_ kpi: any KPI) { kpis.append(kpi) }

    /// Adds a data adapter.
    public mutating func add(_ adapter: any DataAdapter) { adapters.append(adapter) }

    /// Adds a formula function (``ModuleFunction``): formulas can call it once the module is
    /// registered.
    public mutating func add(_ function: ModuleFunction) { functions.append(function) }
}

/// Where a module, KPI, adapter or function came from.
public enum Origin: Sendable, Hashable, CustomStringConvertible {
    /// Shipped with KPIKit.
    case builtIn
    /// A Swift plugin target under `Plugins/`.
    case swiftPlugin(target: String)
    /// A script module file.
    case scriptPlugin(path: String, line: Int)
    /// Defined in a session (`kpi NAME = ...` at the prompt or in a recipe).
    case session

    public var description: String {
        switch self {
        case .builtIn: return "built-in"
        case .swiftPlugin(let target): return "Swift plugin \(target)"
        case .scriptPlugin(let path, let line): return "script plugin \(path):\(line)"
        case .session: return "session"
        }
    }
}
