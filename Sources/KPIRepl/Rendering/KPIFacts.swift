import Foundation

/// A KPI's definition as labelled facts (`? KPI`): the same facts in every format.
public struct KPIFacts: Sendable, Hashable {
    /// The KPI's id.
    public var id: String
    /// Its title.
    public var title: String
    /// What it tells, in a sentence.
    public var summary: String
    /// `formula`, `unit`, `direction`, `counted by`, `needs`, `on the data`, `module`, in order.
    public var facts: [Fact]

    /// One labelled fact.
    public struct Fact: Sendable, Hashable {
        /// The label, as shown in the text (`counted by`); JSON and CSV use it in snake case.
        public var label: String
        /// The value, as text.
        public var value: String

        /// Creates a fact.
        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }

        /// `counted_by`.
        var key: String { label.replacingOccurrences(of: " ", with: "_") }
    }

    /// Creates the facts of a KPI.
    public init(id: String, title: String, summary: String, facts: [Fact]) {
        self.id = id
        self.title = title
        self.summary = summary
        self.facts = facts
    }

    /// The text the shell has always shown: title, summary, then one fact a line.
    var text: String {
        let width = 12
        let lines = facts.map { fact in
            fact.label + String(repeating: " ", count: max(1, width - fact.label.count)) + fact.value
        }
        return (["\(title) (\(id))", summary, ""] + lines).joined(separator: "\n")
    }
}
