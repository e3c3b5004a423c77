import Foundation
import Testing

/// One figure of the spec's reference implementation
/// (`Tests/KPIEngineTests/Reference/kpis_reference.py`): `num`/`den` only on rates built from counts.
public struct ReferenceMeasure: Sendable {
    /// The figure; `nil` is the spec's null.
    public var value: Double?
    /// A rate's numerator.
    public var numerator: Double?
    /// A rate's denominator.
    public var denominator: Double?

    /// Creates a measure.
    public init(value: Double? = nil, numerator: Double? = nil, denominator: Double? = nil) {
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
    }
}

/// One KPI as the reference prints it:
/// `{"key_names": [...], "rows": [{"key": [...], "measures": {name: {value, num?, den?}}}]}`.
public struct ReferenceResult: Sendable {
    /// One row: its key (a missing key part is `nil`) and its named measures.
    public struct Row: Sendable {
        /// The key parts, in ``ReferenceResult/keyNames`` order.
        public var key: [String?]
        /// The measures, by name.
        public var measures: [String: ReferenceMeasure]

        /// Creates a row.
        public init(key: [String?], measures: [String: ReferenceMeasure]) {
            self.key = key
            self.measures = measures
        }
    }

    /// The names of the key parts.
    public var keyNames: [String]
    /// The rows, in the reference's order.
    public var rows: [Row]

    /// Reads one result of the reference's JSON document, failing the test on another shape.
    public init(json: Any) throws {
        let object = try #require(json as? [String: Any], "a reference result is an object")
        keyNames = try #require(object["key_names"] as? [String])
        rows = try #require(object["rows"] as? [[String: Any]]).map { row in
            let key = try #require(row["key"] as? [Any]).map { $0 as? String }
            let measures = try #require(row["measures"] as? [String: [String: Any]]).mapValues { m in
                ReferenceMeasure(
                    value: (m["value"] as? NSNumber)?.doubleValue, numerator: (m["num"] as? NSNumber)?.doubleValue,
                    denominator: (m["den"] as? NSNumber)?.doubleValue)
            }
            return Row(key: key, measures: measures)
        }
    }
}
