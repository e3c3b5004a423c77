import Testing

@testable import KPICore

@Suite("Schema name normalisation")
struct SchemaNameTests {
    @Test(
        "ignores case, spaces and punctuation",
        arguments: [
            ("Create Date", "createdate"), ("CreatedDate", "createddate"), ("created_at", "createdat"),
            ("CREATE-DATE", "createdate"), ("Country/Region", "countryregion"), ("Record ID", "recordid"),
        ])
    func keys(name: String, key: String) {
        #expect(SchemaName.key(name) == key)
    }

    @Test("drops a Deal - or Lead - prefix only when written with its dash")
    func vendorPrefix() {
        #expect(SchemaName.key("Deal - Source channel") == "sourcechannel")
        #expect(SchemaName.key("deal-source channel") == "sourcechannel")
        #expect(SchemaName.key("Lead – Status") == "status")
        #expect(SchemaName.key("dealsourcechannel") == "dealsourcechannel")
        #expect(SchemaName.key("lead_id") == "leadid")
        #expect(SchemaName.key("Deal - ") == "deal")
    }

    @Test("falls back to the key without a leading deal or lead")
    func candidateKeys() {
        #expect(SchemaName.candidateKeys("dealsourcechannel") == ["dealsourcechannel", "sourcechannel"])
        #expect(SchemaName.candidateKeys("lead_id") == ["leadid", "id"])
        #expect(SchemaName.candidateKeys("deal") == ["deal"])
        #expect(SchemaName.candidateKeys("Create Date") == ["createdate"])
    }

    @Test("canonical names match their own field at rank 0")
    func canonicalNamesMatchThemselves() {
        for table in CanonicalSchema.standard.tables {
            #expect(table.match(tableName: table.name) == .exact)
            for field in table.fields {
                #expect(field.matchRank(ofKey: SchemaName.key(field.name)) == 0, "\(table.name).\(field.name)")
            }
        }
    }

    @Test("no alias key is shared by two fields of one table, nor two tables")
    func aliasesAreUnambiguous() {
        var tableKeys: [String: String] = [:]
        for table in CanonicalSchema.standard.tables {
            var owner: [String: String] = [:]
            for field in table.fields {
                for key in Set([SchemaName.key(field.name)] + field.aliases.map(\.key)) {
                    #expect(owner[key] == nil, "\(table.name): \(key) in \(owner[key] ?? "") and \(field.name)")
                    owner[key] = field.name
                }
            }
            for key in [table.name] + table.aliases {
                let k = SchemaName.key(key)
                #expect(tableKeys[k] == nil, "table alias \(k) in \(tableKeys[k] ?? "") and \(table.name)")
                tableKeys[k] = table.name
            }
        }
    }

    @Test("value keys keep a leading Lead")
    func valueKeys() {
        #expect(SchemaName.valueKey("Open - Not Contacted") == "opennotcontacted")
        #expect(SchemaName.valueKey("Lead") == "lead")
        #expect(SchemaName.valueKey("CLOSED_WON") == "closedwon")
    }
}
