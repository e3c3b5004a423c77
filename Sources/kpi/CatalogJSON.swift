import KPICore
import KPIEngine

/// The catalogue as JSON for `kpi list --format json`.
enum CatalogJSON {
    static func render(_ session: Session) -> String {
        let rows = session.registry.entries.map { entry -> String in
            let kpi = entry.kpi
            let availability = session.registry.availability(of: kpi, in: session.dataset)
            var fields: [(String, String)] = [
                ("id", quote(kpi.id)), ("title", quote(kpi.title)), ("unit", quote(kpi.unit.name)),
                ("direction", quote(kpi.direction.rawValue)), ("module", quote(entry.module)),
                ("origin", quote(entry.origin.description)), ("available", availability.isAvailable ? "true" : "false"),
            ]
            if case .missing(let missing) = availability {
                fields.append(("missing", "[" + missing.map { quote($0.description) }.joined(separator: ", ") + "]"))
            } else if let basis = session.registry.missingDateBasis(of: kpi, in: session.dataset) {
                // Available, but without its date it gives totals and groups only.
                fields.append(("totals_only", "true"))
                fields.append(("missing_date", quote(basis.description)))
            }
            fields.append(("formula", quote(kpi.formula)))
            return "{" + fields.map { quote($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
        }
        return "{\"kpis\": [\n  " + rows.joined(separator: ",\n  ") + "\n]}"
    }

    private static func quote(_ s: String) -> String { JSONText.string(s) }
}
