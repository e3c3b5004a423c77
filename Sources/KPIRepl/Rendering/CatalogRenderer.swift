import Foundation
import KPICore
import KPIEngine

/// The KPI catalogue (`kpi list`, `.kpis`) and the module list (`kpi modules`, `.modules`) in
/// each ``OutputFormat``: JSON for machines, else the text listing (they have no table form).
public enum CatalogRenderer {
    /// The catalogue's KPIs whose id or title contains `filter` (every KPI when `nil`), marking
    /// what the loaded data can answer.
    public static func kpis(_ session: Session, filter: String? = nil, format: OutputFormat) -> String {
        let entries = session.registry.entries.filter { entry in
            guard let filter = filter?.lowercased() else { return true }
            return entry.kpi.id.contains(filter) || entry.kpi.title.lowercased().contains(filter)
        }
        switch format {
        case .json: return json(entries, session: session)
        case .table, .csv, .markdown, .html: return text(entries, session: session)
        }
    }

    /// The registered modules: name, version, origin and KPIs.
    public static func modules(_ registry: KPIRegistry, format: OutputFormat) -> String {
        switch format {
        case .json: return ModuleCatalog.json(registry)
        case .table, .csv, .markdown, .html: return ModuleCatalog.text(registry)
        }
    }

    /// One line a KPI: ✓ (available), ◐ (totals and groups only) or ✗, id, title, and why not.
    private static func text(_ entries: [KPIRegistry.Entry], session: Session) -> String {
        let width = entries.map(\.kpi.id.count).max() ?? 0
        return entries.map { entry in
            let availability = session.registry.availability(of: entry.kpi, in: session.dataset)
            let undated = availability.isAvailable ? session.registry.missingDateBasis(of: entry.kpi, in: session.dataset) : nil
            let mark = !availability.isAvailable ? "✗" : undated == nil ? "✓" : "◐"
            var line = "\(mark) " + entry.kpi.id.padding(toLength: width + 2, withPad: " ", startingAt: 0) + entry.kpi.title
            if !availability.isAvailable { line += "  — \(availability.explanation)" }
            if let undated { line += "  — totals and groups only: no \(undated)" }
            return line
        }.joined(separator: "\n")
    }

    /// `{"kpis": [{"id", "title", "unit", "direction", "module", "origin", "available", "missing"?, "totals_only"?, "missing_date"?, "formula"}]}`.
    private static func json(_ entries: [KPIRegistry.Entry], session: Session) -> String {
        let rows = entries.map { entry -> String in
            let kpi = entry.kpi
            let availability = session.registry.availability(of: kpi, in: session.dataset)
            var fields: [(String, String)] = [
                ("id", JSONText.string(kpi.id)), ("title", JSONText.string(kpi.title)), ("unit", JSONText.string(kpi.unit.name)),
                ("direction", JSONText.string(kpi.direction.rawValue)), ("module", JSONText.string(entry.module)),
                ("origin", JSONText.string(entry.origin.description)), ("available", availability.isAvailable ? "true" : "false"),
            ]
            if case .missing(let missing) = availability {
                fields.append(("missing", JSONText.array(missing.map { JSONText.string($0.description) })))
            } else if let basis = session.registry.missingDateBasis(of: kpi, in: session.dataset) {
                // Available, but without its date it gives totals and groups only.
                fields.append(("totals_only", "true"))
                fields.append(("missing_date", JSONText.string(basis.description)))
            }
            fields.append(("formula", JSONText.string(kpi.formula)))
            return JSONText.object(fields)
        }
        return JSONText.listing("kpis", rows)
    }
}
