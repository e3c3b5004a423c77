/// How one vendor spells the values of a field, and the canonical word each spelling means.
///
/// Lookup ignores case, spaces and punctuation (``SchemaName/valueKey(_:)``): `Closed Won`,
/// `closedwon` and `CLOSED_WON` are one value. A canonical word always passes through; a value
/// that is neither a canonical word nor an entry maps to ``otherwise`` when that is set, and is
/// otherwise unknown (kept as it is and reported by the binder).
public struct ValueVocabulary: Sendable, Hashable, CustomStringConvertible {
    /// A label for reports and docs (`HubSpot Lifecycle Stage`).
    public var name: String
    /// The canonical words, which pass through in their canonical spelling.
    public private(set) var canonicalWords: [String]
    /// Vendor spellings and their canonical words, in documentation order.
    public private(set) var entries: [Entry]
    /// Words for values that begin with a vendor's prefix, tried after the entries and before
    /// ``otherwise`` (`Closed Lost - No Budget`, Zoho's `Closed-Lost to Competition` → lost), as
    /// value keys.
    public private(set) var prefixes: [Entry]
    /// The word for any other non-empty value (`opportunity` for open deal stages), if any.
    public private(set) var otherwise: String?

    private var byKey: [String: String]

    /// One vendor spelling and the canonical word it means.
    public struct Entry: Sendable, Hashable {
        /// The value as the vendor writes it.
        public var value: String
        /// The canonical word.
        public var word: String
    }

    /// Creates a vocabulary; later entries with the same key replace earlier ones.
    public init(
        name: String, canonicalWords: [String], entries: [(String, String)] = [], prefixes: [(String, String)] = [],
        otherwise: String? = nil
    ) {
        self.name = name
        self.canonicalWords = canonicalWords
        self.otherwise = otherwise
        self.prefixes = prefixes.map { Entry(value: SchemaName.valueKey($0.0), word: $0.1) }
        self.entries = entries.map { Entry(value: $0.0, word: $0.1) }
        var byKey: [String: String] = [:]
        for word in canonicalWords { byKey[SchemaName.valueKey(word)] = word }
        for entry in self.entries { byKey[SchemaName.valueKey(entry.value)] = entry.word }
        self.byKey = byKey
    }

    /// This vocabulary's words and `other`'s together, without an `otherwise` word (a merged
    /// vocabulary knows words; it does not guess the rest). Earlier entries win.
    public func merged(with other: ValueVocabulary) -> ValueVocabulary {
        let words = canonicalWords + other.canonicalWords.filter { !canonicalWords.contains($0) }
        let mine = Set(entries.map { SchemaName.valueKey($0.value) })
        let theirs = other.entries.filter { !mine.contains(SchemaName.valueKey($0.value)) }
        return ValueVocabulary(
            name: "\(name) + \(other.name)", canonicalWords: words, entries: (entries + theirs).map { ($0.value, $0.word) },
            prefixes: (prefixes + other.prefixes).map { ($0.value, $0.word) })
    }

    /// The canonical word for a loaded value, or `nil` if the vocabulary does not know it.
    public func canonicalWord(for value: String) -> String? {
        let key = SchemaName.valueKey(value)
        if let word = byKey[key] { return word }
        if let prefix = prefixes.first(where: { key.hasPrefix($0.value) }) { return prefix.word }
        return key.isEmpty ? nil : otherwise
    }

    /// The label.
    public var description: String { name }
}

extension ValueVocabulary {
    /// The canonical lead status words, in funnel order.
    public static let statusWords = ["new", "contacted", "qualified", "opportunity", "won", "lost", "disqualified"]

    /// The canonical activity types.
    public static let activityTypeWords = ["call", "email", "meeting", "demo"]

    /// Canonical status words only.
    public static let status = ValueVocabulary(name: "status words", canonicalWords: statusWords)

    /// Salesforce `Status` (lead status API values) and Pipedrive `Deal - Status` (`Won`, `Lost`,
    /// `Open`): both arrive under a column whose key is `status`.
    public static let statusColumn = ValueVocabulary(
        name: "Salesforce Status / Pipedrive Deal - Status", canonicalWords: statusWords,
        entries: salesforceLeadStatus + [("Open", "opportunity")])

    /// HubSpot `Lifecycle Stage`.
    public static let hubSpotLifecycleStage = ValueVocabulary(
        name: "HubSpot Lifecycle Stage", canonicalWords: statusWords,
        entries: [
            ("Subscriber", "new"), ("Lead", "new"), ("Marketing Qualified Lead", "contacted"),
            ("Sales Qualified Lead", "qualified"), ("Opportunity", "opportunity"), ("Customer", "won"),
            ("Evangelist", "won"),
        ])

    /// HubSpot `Deal Stage` and Salesforce opportunity `Stage`: closed stages are outcomes, every
    /// other stage is an open opportunity.
    public static let dealStage = ValueVocabulary(
        name: "deal stage (HubSpot Deal Stage, Salesforce Stage)", canonicalWords: statusWords,
        entries: [("Closed Won", "won"), ("Closed Lost", "lost")],
        prefixes: [("Closed Won", "won"), ("Closed Lost", "lost")], otherwise: "opportunity")

    /// `Lead Status` as Salesforce and HubSpot both label it.
    public static let leadStatus = ValueVocabulary(
        name: "Lead Status (Salesforce, HubSpot)", canonicalWords: statusWords,
        entries: salesforceLeadStatus + [
            ("Attempted to Contact", "contacted"), ("Connected", "contacted"), ("In Progress", "contacted"),
            ("Open Deal", "opportunity"), ("Unqualified", "disqualified"),
        ])

    /// Activity and engagement types of the common CRMs.
    public static let activityType = ValueVocabulary(
        name: "activity type", canonicalWords: activityTypeWords,
        entries: [
            ("Phone call", "call"), ("Logged call", "call"), ("Incoming email", "email"),
            ("Forwarded email", "email"), ("Outgoing email", "email"), ("Event", "meeting"),
            ("Product demo", "demo"),
        ])

    private static let salesforceLeadStatus: [(String, String)] = [
        ("Open - Not Contacted", "new"), ("Working - Contacted", "contacted"),
        ("Closed - Converted", "opportunity"), ("Closed - Not Converted", "disqualified"),
    ]
}
