/// What a timestamp field records as having happened, so that the latest such instant can be a
/// session's default "as of" (`as of 2021-06-29, the latest activity`).
///
/// A scheduled date (`activities.scheduled_at`) records nothing having happened and has no event.
public struct FieldEvent: Sendable, Hashable {
    /// How the banner names the latest one (`the latest lead created`).
    public var what: String
    /// A condition on the row for its value to count, `nil` for every value: a lead's
    /// `closed_at` is a close only when its `status` says it is closed, since an export's
    /// "Close Date" of an open deal is when it is *expected* to close.
    public var onlyWhere: FieldValueCondition?

    /// Creates an event.
    public init(_ what: String, onlyWhere: FieldValueCondition? = nil) {
        self.what = what
        self.onlyWhere = onlyWhere
    }
}

/// A text field holding one of some values: `status` is `won`, `lost` or `disqualified`.
public struct FieldValueCondition: Sendable, Hashable {
    /// The field of the same table.
    public var field: String
    /// The canonical values that meet the condition.
    public var values: Set<String>

    /// Creates a condition.
    public init(field: String, values: Set<String>) {
        self.field = field
        self.values = values
    }
}
