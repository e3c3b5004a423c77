import KPICore

/// The registered modules as text (`.modules`) and JSON (`kpi modules --format json`): name,
/// version, origin (built-in, Swift plugin, script plugin with its path), KPIs, adapters and functions.
public enum ModuleCatalog {
    /// A short word for the origin's kind: `built-in`, `swift-plugin`, `script-plugin`, `session`.
    public static func kind(of origin: Origin) -> String {
        switch origin {
        case .builtIn: return "built-in"
        case .swiftPlugin: return "swift-plugin"
        case .scriptPlugin: return "script-plugin"
        case .session: return "session"
        }
    }

    /// One block per module: `name version  origin`, its summary, then its KPIs, adapters and functions.
    public static func text(_ registry: KPIRegistry) -> String {
        registry.modules.map { module in
            var lines = ["\(module.name) \(module.version)  \(module.origin)", "  \(module.summary)"]
            if !module.kpiIDs.isEmpty { lines.append("  KPIs: " + module.kpiIDs.joined(separator: ", ")) }
            if !module.adapterNames.isEmpty { lines.append("  adapters: " + module.adapterNames.joined(separator: ", ")) }
            if !module.functionNames.isEmpty { lines.append("  functions: " + module.functionNames.joined(separator: ", ")) }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    /// `{"modules": [{"name", "version", "summary", "kind", "origin", "path"?, "line"?, "kpis", "adapters", "functions"}]}`.
    public static func json(_ registry: KPIRegistry) -> String {
        let rows = registry.modules.map { module -> String in
            var fields: [(String, String)] = [
                ("name", quote(module.name)), ("version", quote(module.version)), ("summary", quote(module.summary)),
                ("kind", quote(kind(of: module.origin))), ("origin", quote(module.origin.description)),
            ]
            switch module.origin {
            case .scriptPlugin(let path, let line):
                fields += [("path", quote(path)), ("line", String(line))]
            case .swiftPlugin(let target):
                fields.append(("target", quote(target)))
            case .builtIn, .session:
                break
            }
            fields.append(("kpis", JSONText.array(module.kpiIDs.map(quote))))
            fields.append(("adapters", JSONText.array(module.adapterNames.map(quote))))
            fields.append(("functions", JSONText.array(module.functionNames.map(quote))))
            return JSONText.object(fields)
        }
        return JSONText.listing("modules", rows)
    }

    private static func quote(_ s: String) -> String { JSONText.string(s) }
}
