import Foundation

/// An error raised while registering modules, KPIs or adapters.
public struct RegistryError: Diagnostic, Hashable {
    /// A stable identifier: `registry.duplicate-kpi`, `registry.duplicate-module`,
    /// `registry.invalid-id`, `registry.invalid-formula`, `registry.invalid-field`,
    /// `registry.module-failed`, and for a module's formula functions
    /// `registry.invalid-function`, `registry.reserved-function`, `registry.duplicate-function`.
    public var id: DiagnosticID
    /// What went wrong, naming both origins for duplicates.
    public var message: String

    /// Creates an error.
    public init(id: DiagnosticID, message: String) {
        self.id = id
        self.message = message
    }

    /// A module or KPI that cannot be registered is a fault of its definition, which a session
    /// reads from a plugin or the user's `kpi` statement: ``DiagnosticCategory/statement``.
    public var category: DiagnosticCategory { .statement }

    public var description: String { DiagnosticText.line(id, message) }
}

/// Whether a KPI can run on a dataset, and if not, what is missing.
public enum Availability: Sendable, Hashable {
    /// Every required table and field is bound.
    case available
    /// These canonical fields are missing.
    case missing([FieldPath])

    /// Whether the KPI can run.
    public var isAvailable: Bool { self == .available }

    /// `needs spend.amount, spend.month` or `available`.
    public var explanation: String {
        switch self {
        case .available: return "available"
        case .missing(let fields): return "needs " + fields.map(\.description).joined(separator: ", ")
        }
    }
}

/// The KPIs, modules, data adapters and module functions a session knows.
///
/// A registry is a value, built at start-up from the built-in modules and plugins and passed
/// explicitly: no global state, so tests and sessions can hold different registries.
/// Registration is all-or-nothing per module: a module with a duplicate or invalid KPI id, an
/// invalid or clashing function, or (in a registry made with a ``FormulaParsing``) a formula
/// that does not parse or a function named like one of the language's own, is rejected whole
/// and the registry is unchanged.
public struct KPIRegistry: Sendable {
    /// A registered KPI with the module and origin that provided it.
    public struct Entry: Sendable {
        /// The KPI.
        public var kpi: any KPI
        /// The module's name.
        public var module: String
        /// Where it came from.
        public var origin: Origin
        /// The KPI's formula as parsed when it registered; `nil` in a registry made without a
        /// ``FormulaParsing``.
        public var parsedFormula: (any ParsedFormula)?
    }

    /// A registered module.
    public struct ModuleEntry: Sendable, Hashable {
        /// Its name.
        public var name: String
        /// Its version.
        public var version: String
        /// Its summary.
        public var summary: String
        /// Where it came from.
        public var origin: Origin
        /// The ids of its KPIs, in registration order.
        public var kpiIDs: [String]
        /// The names of its adapters.
        public var adapterNames: [String]
        /// The names of its formula functions, in registration order.
        public var functionNames: [String] = []
    }

    /// A registered adapter with its module.
    public struct AdapterEntry: Sendable {
        /// The adapter.
        public var adapter: any DataAdapter
        /// The module's name.
        public var module: String
        /// Where it came from.
        public var origin: Origin
    }

    /// The KPIs, in registration order.
    public private(set) var entries: [Entry] = []
    /// The modules, in registration order.
    public private(set) var modules: [ModuleEntry] = []
    /// The adapters, in registration order.
    public private(set) var adapters: [AdapterEntry] = []
    /// The module functions, in registration order.
    public private(set) var functions: [FunctionEntry] = []
    private var indexByID: [String: Int] = [:]
    /// What parses each KPI's formula as it registers.
    let formulas: (any FormulaParsing)?

    /// An empty registry.
    ///
    /// - Parameter formulas: parses every KPI's formula as it registers, so that a malformed one
    ///   is refused (`registry.invalid-formula`) and each entry keeps its parsed formula; its
    ///   ``FormulaParsing/reservedNames`` are refused as names of module functions
    ///   (`registry.reserved-function`). Without it formulas are kept as text only, and checked
    ///   when they are first bound, and function names are checked for syntax and clashes only.
    public init(formulas: (any FormulaParsing)? = nil) {
        self.formulas = formulas
    }

    /// The entry of the KPI with this id.
    public func entry(for id: String) -> Entry? { indexByID[id].map { entries[$0] } }

    /// The KPI with this id.
    public func kpi(_ id: String) -> (any KPI)? { entry(for: id)?.kpi }

    /// The module function called `name` (any case).
    public func function(named name: String) -> FunctionEntry? {
        let key = name.lowercased()
        return functions.first { $0.function.name == key }
    }

    /// All KPI ids, in registration order.
    public var kpiIDs: [String] { entries.map(\.kpi.id) }

    /// Registers a module: all its KPIs and adapters, or nothing.
    ///
    /// - Throws: ``RegistryError`` `registry.module-failed` when the module throws while
    ///   registering, `registry.duplicate-module`, `registry.duplicate-kpi` (naming both origins),
    ///   `registry.invalid-id` or `registry.invalid-formula` (naming the KPI and the module),
    ///   `registry.invalid-function`, `registry.reserved-function` or `registry.duplicate-function`
    ///   (naming the function and the module).
    public mutating func register(_ module: any KPIModule, origin: Origin) throws(RegistryError) {
        if let existing = modules.first(where: { $0.name == module.name }) {
            throw RegistryError(
                id: .registryDuplicateModule,
                message: "module '\(module.name)' from \(origin) is already registered from \(existing.origin)")
        }
        var registrar = ModuleRegistrar()
        do {
            try module.register(in: &registrar)
        } catch {
            throw RegistryError(
                id: .registryModuleFailed, message: "module '\(module.name)' (\(origin)) failed to register: \(error)")
        }
        var seen: [String: Int] = [:]
        var parsed: [(any ParsedFormula)?] = []
        for kpi in registrar.kpis {
            try Self.validate(id: kpi.id, module: module.name, origin: origin)
            if let existing = entry(for: kpi.id) {
                throw RegistryError(
                    id: .registryDuplicateKPI,
                    message:
                        "KPI '\(kpi.id)' from module '\(module.name)' (\(origin)) is already defined by module '\(existing.module)' (\(existing.origin))"
                )
            }
            if seen[kpi.id] != nil {
                throw RegistryError(
                    id: .registryDuplicateKPI,
                    message: "KPI '\(kpi.id)' is defined twice in module '\(module.name)' (\(origin))")
            }
            seen[kpi.id] = 1
            parsed.append(try parseFormula(of: kpi, module: module.name, origin: origin))
        }
        try validate(registrar.functions, module: module.name, origin: origin)
        for (kpi, parsedFormula) in zip(registrar.kpis, parsed) {
            indexByID[kpi.id] = entries.count
            entries.append(Entry(kpi: kpi, module: module.name, origin: origin, parsedFormula: parsedFormula))
        }
        for adapter in registrar.adapters {
            adapters.append(AdapterEntry(adapter: adapter, module: module.name, origin: origin))
        }
        for function in registrar.functions {
            functions.append(FunctionEntry(function: function, module: module.name, origin: origin))
        }
        modules.append(
            ModuleEntry(
                name: module.name, version: module.version, summary: module.summary, origin: origin,
                kpiIDs: registrar.kpis.map(\.id), adapterNames: registrar.adapters.map(\.name),
                functionNames: registrar.functions.map(\.name)))
    }

    /// Registers or replaces one session-defined KPI (`kpi NAME = ...`).
    ///
    /// - Throws: `registry.duplicate-kpi` when the id belongs to a KPI that was not defined in
    ///   the session: built-ins and plugins are never silently overridden;
    ///   `registry.invalid-formula` when its formula does not parse.
    public mutating func define(_ kpi: any KPI) throws(RegistryError) {
        try Self.validate(id: kpi.id, module: "session", origin: .session)
        let parsedFormula = try parseFormula(of: kpi, module: "session", origin: .session)
        if let index = indexByID[kpi.id] {
            let existing = entries[index]
            guard existing.origin == .session else {
                throw RegistryError(
                    id: .registryDuplicateKPI,
                    message: "KPI '\(kpi.id)' is already defined by module '\(existing.module)' (\(existing.origin)); choose another name")
            }
            entries[index] = Entry(kpi: kpi, module: "session", origin: .session, parsedFormula: parsedFormula)
        } else {
            indexByID[kpi.id] = entries.count
            entries.append(Entry(kpi: kpi, module: "session", origin: .session, parsedFormula: parsedFormula))
        }
    }

    /// Removes the modules matching `predicate`, with their KPIs, adapters and functions (to
    /// reload script modules after their files changed).
    public mutating func removeModules(where predicate: (ModuleEntry) -> Bool) {
        let removed = Set(modules.filter(predicate).map(\.name))
        guard !removed.isEmpty else { return }
        modules.removeAll { removed.contains($0.name) }
        entries.removeAll { removed.contains($0.module) }
        adapters.removeAll { removed.contains($0.module) }
        functions.removeAll { removed.contains($0.module) }
        indexByID = [:]
        for (i, entry) in entries.enumerated() { indexByID[entry.kpi.id] = i }
    }

    /// Removes every KPI defined in the session (`kpi NAME = ...`); built-ins and plugins stay.
    public mutating func removeSessionDefinitions() {
        entries.removeAll { $0.origin == .session }
        indexByID = [:]
        for (i, entry) in entries.enumerated() { indexByID[entry.kpi.id] = i }
    }

    /// The adapter that reads this file, searching the most recently registered first.
    public func adapter(for url: URL) -> (any DataAdapter)? {
        adapters.reversed().first { $0.adapter.canRead(url) }?.adapter
    }

    /// The adapter that reads the file at `path`.
    public func adapter(for path: String) -> (any DataAdapter)? {
        adapter(for: URL(fileURLWithPath: path))
    }

    /// Whether a KPI can run on `dataset`: it can when every field its formula reads
    /// (``KPI/requirements``) is loaded and so is the table of its date basis.
    ///
    /// A missing date basis alone does not stop a KPI: it answers totals and groups, and only
    /// `during` and `by month` refuse (see ``missingDateBasis(of:in:)``). Without the basis's
    /// table there is nothing to count, and the basis is listed last among the missing fields.
    public func availability(of kpi: any KPI, in dataset: Dataset) -> Availability {
        var missing = kpi.requirements.filter { !dataset.has($0) }
        if let basis = kpi.dateBasis, dataset[basis.table] == nil, !missing.contains(basis) { missing.append(basis) }
        return missing.isEmpty ? .available : .missing(missing)
    }

    /// The date basis a KPI counts by when `dataset` lacks it: the KPI then gives totals and
    /// groups only, and `by month` and `during` need this field.
    ///
    /// ```swift
    /// if let basis = registry.missingDateBasis(of: kpi, in: dataset) {
    ///     print("no date column: totals only; `by month` and `during` need \(basis)")
    /// }
    /// ```
    ///
    /// - Returns: `nil` when the basis is loaded or the KPI has none. Ask
    ///   ``availability(of:in:)`` first: an unavailable KPI answers nothing at all.
    public func missingDateBasis(of kpi: any KPI, in dataset: Dataset) -> FieldPath? {
        guard let basis = kpi.dateBasis, !dataset.has(basis) else { return nil }
        return basis
    }

    /// The KPI's formula parsed, when this registry parses formulas.
    private func parseFormula(of kpi: any KPI, module: String, origin: Origin) throws(RegistryError) -> (any ParsedFormula)? {
        guard let formulas else { return nil }
        do {
            return try formulas.parse(kpi.formula)
        } catch {
            throw RegistryError(
                id: .registryInvalidFormula,
                message: "KPI '\(kpi.id)' in module '\(module)' (\(origin)) has a formula that does not parse: \(error)")
        }
    }

    static func validate(id: String, module: String, origin: Origin) throws(RegistryError) {
        if !isSnakeCase(id) {
            throw RegistryError(
                id: .registryInvalidID,
                message: "KPI id '\(id)' in module '\(module)' (\(origin)) must be snake_case: lower-case letters, digits and _")
        }
    }
}
