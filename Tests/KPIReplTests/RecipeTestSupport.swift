import Foundation
import KPIAdapters
import KPICatalog
import KPICore
import KPIDemo
import KPIEngine
import KPIRepl

/// Sessions and recipes for the recipe tests: the demo CRM at a fixed as-of (end of 2024-12-31).
enum RecipeFixtures {
    static let asOf = ISO8601.parse("2024-12-31")!.milliseconds + Time.millisecondsPerDay - 1

    static func session() throws -> Session {
        var registry = KPIRegistry()
        try registry.register(BuiltInAdapters(), origin: .builtIn)
        try BuiltInModules.register(into: &registry)
        let session = Session(registry: registry, options: SessionOptions(asOf: asOf))
        try session.add(tables: DemoCRM.make().tables, source: "demo")
        return session
    }

    /// The repository's shipped `Recipes/` folder.
    static var shippedDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Recipes")
    }

    static let shippedNames = [
        "customer-health", "funnel-bottlenecks", "lead-source-roi", "monthly-kpi-review", "rep-scorecard", "weekly-pipeline-review",
    ]

    static func parse(_ text: String) throws -> Recipe {
        try RecipeParser.parse(text, file: "test.recipe")
    }
}
