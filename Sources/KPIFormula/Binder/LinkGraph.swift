import KPICore

/// The links a formula may follow between the loaded tables, and the routes they open.
///
/// The links in force are the schema's (``CanonicalSchema/links``) and the dataset's own
/// (a mapping file's `links`, key names two tables share), each kept only when both tables and
/// both key columns are loaded. Read forwards, a link is many-to-one (an activity to its lead, a
/// lead to its rep's team row) and serves field lookups; read backwards it is one-to-many (a lead
/// to its activities) and serves `exists` and linked counts.
struct LinkGraph {
    /// How many links a field lookup follows at most: activities → leads → sales_teams.
    static let maxHops = 2

    /// The links in force, canonical first, each once.
    let links: [TableLink]
    private let dataset: Dataset
    /// Where tables outside the links still meet (``CanonicalSchema/joinKeys``).
    private let joinKeys: [String]

    /// A way from a table to a linked one through many-to-one links, in the order followed.
    struct Route: Hashable {
        /// The links, the first leaving the table the route starts from.
        var links: [TableLink]
        /// The table the route ends in.
        var table: String { links[links.count - 1].target }
        /// `leads.rep → sales_teams.sales_agent`, links joined by `, then `.
        var description: String { links.map(\.description).joined(separator: ", then ") }
    }

    /// A key pair that joins rows of two tables for `exists` and linked counts.
    struct Join: Hashable {
        /// The key column in the table the condition is about.
        var localKey: String
        /// The key column in the other table.
        var remoteKey: String
    }

    /// The links in force on the environment's dataset.
    init(environment: FormulaEnvironment) {
        let dataset = environment.dataset
        var seen = Set<[String]>()
        var kept: [TableLink] = []
        for link in environment.schema.links + dataset.links {
            guard dataset[link.table]?.column(named: link.key) != nil,
                dataset[link.target]?.column(named: link.targetKey) != nil,
                link.table != link.target || link.key != link.targetKey,
                seen.insert([link.table, link.key, link.target, link.targetKey]).inserted
            else { continue }
            kept.append(link)
        }
        links = kept
        self.dataset = dataset
        joinKeys = environment.schema.joinKeys
    }

    /// Every route out of `table` of at most ``maxHops`` links, nearest first; no route passes a
    /// table twice, so links in both directions between two tables cannot loop.
    func routes(from table: String) -> [Route] {
        var out: [Route] = []
        var frontier = [(route: [TableLink](), visited: [table])]
        for _ in 0..<Self.maxHops {
            var next: [(route: [TableLink], visited: [String])] = []
            for (route, visited) in frontier {
                let here = route.last?.target ?? table
                for link in links where link.table == here && !visited.contains(link.target) {
                    next.append((route + [link], visited + [link.target]))
                }
            }
            out += next.map { Route(links: $0.route) }
            frontier = next
        }
        return out
    }

    /// What a field that `table` lacks resolves to through links.
    enum Lookup {
        /// The field is in the route's table, and no other route as short has it.
        case found(Route, Column)
        /// As many links lead to each of these routes' tables, and all have the field.
        case ambiguous([Route])
        case notFound
    }

    /// Finds `field` in a table linked to `table`, the nearest first: a one-link route wins over
    /// a two-link one. `qualifier` keeps the routes that end in the table it names, or, when it
    /// names no table, that start from the key column it names (`rep.regional_office`).
    func locate(_ field: String, qualifier: String?, from table: String) -> Lookup {
        let byKey = qualifier.map { dataset[$0] == nil } ?? false
        let candidates = routes(from: table).filter { route in
            guard let qualifier else { return true }
            return byKey ? route.links[0].key == qualifier : route.table == qualifier
        }
        var best: [(Route, Column)] = []
        for route in candidates {
            guard let column = dataset[route.table]?.column(named: field) else { continue }
            if let first = best.first, first.0.links.count < route.links.count { break }
            best.append((route, column))
        }
        switch best.count {
        case 0: return .notFound
        case 1: return .found(best[0].0, best[0].1)
        default: return .ambiguous(best.map(\.0))
        }
    }

    /// The field names of the tables within reach of `table` (for "did you mean").
    func linkedFieldNames(from table: String) -> [String] {
        var names: [String] = []
        for route in routes(from: table) { names += dataset[route.table]?.columnNames ?? [] }
        return names
    }

    /// The key pairs that join `table` to `other`, either way round: the canonical links' if
    /// any, else a mapping file's, else those of shared key names; failing all, a column of one
    /// of the schema's join keys (`lead_id`, `customer_id`) both tables have. Several pairs of one kind mean the formula cannot
    /// tell which is meant.
    func joins(_ table: String, _ other: String) -> [Join] {
        func pairs(_ candidates: [TableLink]) -> [Join] {
            var out: [Join] = []
            for link in candidates {
                let join: Join
                if link.table == table && link.target == other {
                    join = Join(localKey: link.key, remoteKey: link.targetKey)
                } else if link.table == other && link.target == table {
                    join = Join(localKey: link.targetKey, remoteKey: link.key)
                } else {
                    continue
                }
                if !out.contains(join) { out.append(join) }
            }
            return out
        }
        for origin in [TableLink.Origin.canonical, .mapping, .sharedName] {
            let found = pairs(links.filter { $0.origin == origin })
            if !found.isEmpty { return found }
        }
        // Tables outside the canonical links still meet on the canonical key names, as before links were data.
        guard let local = dataset[table], let remote = dataset[other] else { return [] }
        for key in joinKeys where local.column(named: key) != nil && remote.column(named: key) != nil {
            return [Join(localKey: key, remoteKey: key)]
        }
        return []
    }
}
