/// How table, field and column names are compared when binding loaded data to the canonical schema.
///
/// A name's *key* is its letters and digits, lower-cased, after dropping a leading `Deal - ` or
/// `Lead - ` prefix (Pipedrive writes `Deal - Source channel`). So `Create Date`, `create_date` and
/// `CREATE-DATE` share the key `createdate`, while `Created Date` (key `createddate`) differs and
/// needs its own alias.
///
/// The prefix is only recognised with its dash, because `lead_id` must stay `leadid`. For a name
/// written without the dash (`dealsourcechannel`), matching falls back to the key with a leading
/// `deal` or `lead` removed; see ``candidateKeys(_:)``.
public enum SchemaName {
    /// The comparison key of a name: `Deal - Source channel` → `sourcechannel`, `created_at` →
    /// `createdat`.
    public static func key(_ name: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(name.unicodeScalars.count)
        for scalar in withoutVendorPrefix(name).unicodeScalars where isKeyScalar(scalar) {
            out.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
        }
        return out
    }

    /// The keys to try, best first: the ``key(_:)`` itself, then, if it starts with `deal` or
    /// `lead` and has more after it, the rest (`dealsourcechannel` → `sourcechannel`).
    public static func candidateKeys(_ name: String) -> [String] {
        let primary = key(name)
        for prefix in ["deal", "lead"] where primary.hasPrefix(prefix) && primary.count > prefix.count {
            return [primary, String(primary.dropFirst(prefix.count))]
        }
        return [primary]
    }

    /// The comparison key of a *value* (a stage or status word): letters and digits, lower-cased,
    /// with no prefix handling, so `Open - Not Contacted` → `opennotcontacted`, `Lead` → `lead`.
    public static func valueKey(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars where isKeyScalar(scalar) {
            out.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
        }
        return out
    }

    /// Drops `Deal - ` / `Lead - ` (any case, `-` or an en/em dash, spaces optional) from the front.
    static func withoutVendorPrefix(_ name: String) -> Substring {
        let scalars = Array(name.unicodeScalars)
        for prefix in ["deal", "lead"] {
            guard scalars.count > prefix.count,
                String(String.UnicodeScalarView(scalars[0..<prefix.count])).lowercased() == prefix
            else { continue }
            var i = prefix.count
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
