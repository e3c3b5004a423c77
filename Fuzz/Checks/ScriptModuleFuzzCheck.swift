import KPICatalog
import KPICore
import KPIEngine

/// A script module's text: its KPIs and problems, every problem pointing inside the file.
package enum ScriptModuleFuzzCheck {
    /// The built-in KPIs a module's definitions may refer to; built once.
    static let registry: KPIRegistry = {
        var registry = KPIRegistry()
        try? BuiltInModules.register(into: &registry)
        return registry
    }()

    package static func check(_ bytes: [UInt8]) -> FuzzFindings {
        let text = FuzzSupport.text(bytes)
        let (_, problems) = ScriptModuleLoader().parse(text, path: "fuzz.kpi", registry: registry)
        let utf8 = Array(text.utf8)
        return problems.compactMap { FuzzSupport.misplaced($0, in: utf8, what: "script module") }
    }
}
