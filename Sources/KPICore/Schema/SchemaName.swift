/// How table, field and column names are compared when binding loaded data to the canonical schema.
///
/// A name's *key* is its letters and digits, lower-cased, after dropping a leading `Deal - ` or
/// `Lead - ` prefix (Pipedrive writes `Deal - Source channel`). So `Create Date`, `create_date` and
/// `CREATE-DATE` share the key `createdate`, while `Created Date` (key `createddate`) differs and
/// needs its own alias.
///
/// The prefix is only recognised with its dash, because `lead_id` must stay `leadid`. For a name
/// written without the dash (`dealsourcechannel`), matching falls back to the key with a leading
/// `deal` or `lead` removed; see ``candidateKeys(_:prefixes:)``.
public enum SchemaName {
    /// The comparison key of a name: `Deal - Source channel` → `sourcechannel`, `created_at` →
    /// `createdat`.
    public static func key(_ name: String) -> String {
        key(name, prefixes: defaultPrefixes)
    }

    /// The key with a leading `<prefix> - ` dropped for any of `prefixes` (lower case).
    public static func key(_ name: String, prefixes: [String]) -> String {
        valueKey(String(withoutVendorPrefix(name, prefixes: prefixes)))
    }

    /// The keys to try, best first: the ``key(_:)`` itself, then, if it starts with `deal` or
    /// `lead` and has more after it, the rest (`dealsourcechannel` → `sourcechannel`). A table's
    /// own prefixes (`Activity - ` for activities) are dropped too.
    public static func candidateKeys(_ name: String, prefixes: [String] = defaultPrefixes) -> [String] {
        candidateKeys(name, searching: searchPrefixes(prefixes))
    }

    /// The prefixes ``candidateKeys(_:prefixes:)`` drops for a table's `prefixes`: the default
    /// ones, then the table's own, lower-cased. Callers keying many columns compute it once.
    public static func searchPrefixes(_ prefixes: [String]) -> [String] {
        let own = prefixes.map { $0.lowercased() }.filter { !defaultPrefixes.contains($0) }
        return own.isEmpty ? defaultPrefixes : defaultPrefixes + own
    }

    /// ``candidateKeys(_:prefixes:)`` with the prefixes already merged by ``searchPrefixes(_:)``.
    public static func candidateKeys(_ name: String, searching all: [String]) -> [String] {
        let primary = key(name, prefixes: all)
        var keys = [primary]
        for prefix in all where primary.hasPrefix(prefix) && primary.utf8.count > prefix.utf8.count {
            keys.append(String(primary.dropFirst(prefix.count)))
            break
        }
        // A nested JSON field, flattened to a dotted name (`properties.dealstage` in a HubSpot API
        // export, `Owner.Name` in Salesforce's): its last part, last.
        if name.utf8.contains(UInt8(ascii: ".")), let dot = name.lastIndex(of: "."), name.index(after: dot) != name.endIndex {
            let last = key(String(name[name.index(after: dot)...]), prefixes: all)
            if !last.isEmpty, !keys.contains(last) { keys.append(last) }
        }
        return keys
    }

    /// The prefixes every table's columns may carry: Pipedrive's `Deal - ` and `Lead - `.
    public static let defaultPrefixes = ["deal", "lead"]

    /// The comparison key of a *value* (a stage or status word): letters and digits, lower-cased,
    /// with no prefix handling, so `Open - Not Contacted` → `opennotcontacted`, `Lead` → `lead`.
    public static func valueKey(_ value: String) -> String {
        // Nearly every header is ASCII: its key needs no Unicode property look-ups, which
        // dominate binding a header of 100,000 columns.
        if value.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(value.utf8.count)
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte | 0x20)
                default: continue
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = ""
        for scalar in value.unicodeScalars where isKeyScalar(scalar) {
            out.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
        }
        return out
    }

    /// Drops `Deal - ` / `Lead - ` (any case, `-` or an en/em dash, spaces optional) from the front.
    static func withoutVendorPrefix(_ name: String, prefixes: [String] = defaultPrefixes) -> Substring {
        // A prefix is followed by a dash: a name without one (most) has nothing to drop.
        guard name.unicodeScalars.contains(where: { $0 == "-" || $0 == "\u{2013}" || $0 == "\u{2014}" }) else { return Substring(name) }
        let scalars = Array(name.unicodeScalars)
        for prefix in prefixes {
            let count = prefix.unicodeScalars.count
            guard scalars.count > count,
                String(String.UnicodeScalarView(scalars[0..<count])).lowercased() == prefix
            else { continue }
            var i = count
            while i < scalars.count, scalars[i] == " " { i += 1 }
            guard i < scalars.count, ["-", "\u{2013}", "\u{2014}"].contains(scalars[i]) else { continue }
            i += 1
            while i < scalars.count, scalars[i] == " " { i += 1 }
            guard i < scalars.count else { continue }
            return Substring(String(String.UnicodeScalarView(scalars[i...])))
        }
        return Substring(name)
    }

    private static func isKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
