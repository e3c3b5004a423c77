/// Help texts for the shell: functions of the language (`? percentile`) and `.help` topics.
enum LanguageHelp {
    /// A function's signature, what it does, and an example.
    struct Function {
        let signature: String
        let summary: String
        let example: String
    }

    static let functions: [String: Function] = [
        "count": Function(
            signature: "count(TABLE [where C]) | count(x) | count(distinct x)",
            summary: "Rows of a table, non-null values of x, or distinct values of x.", example: "count(leads where status = \"won\") by source"),
        "sum": Function(signature: "sum(x)", summary: "Sum of the non-null values (0 over no rows).", example: "sum(amount) of leads where status = \"won\""),
        "avg": Function(
            signature: "avg(x)", summary: "Mean of the non-null values, with a 95% interval.",
            example: "avg(hours_between(created_at, first_contact_at)) of leads by rep"),
        "median": Function(signature: "median(x)", summary: "The middle value (linear interpolation).", example: "median(days_between(created_at, closed_at)) of leads where status = \"won\""),
        "percentile": Function(signature: "percentile(x, p)", summary: "The p-quantile, p in 0…1 or a percent.", example: "percentile(amount, 90%) of leads where status = \"won\""),
        "min": Function(signature: "min(x)", summary: "Smallest value (dates stay dates).", example: "min(created_at) of leads"),
        "max": Function(signature: "max(x)", summary: "Largest value (dates stay dates).", example: "max(closed_at) of leads"),
        "share": Function(
            signature: "share(TABLE [where D], C)", summary: "A rate: rows matching C over all rows; keeps numerator, denominator and its interval.",
            example: "share(leads where status in (\"won\", \"lost\"), status = \"won\") by rep"),
        "hours_between": Function(signature: "hours_between(a, b)", summary: "b − a in hours (exact, fractional). Also seconds_, minutes_ and days_between.", example: "avg(hours_between(created_at, first_contact_at)) of leads"),
        "days_between": Function(signature: "days_between(a, b)", summary: "b − a in days: whole calendar days when either side is a date (a close date against a created-at timestamp), else exact and fractional.", example: "avg(days_between(created_at, closed_at)) of leads where status = \"won\""),
        "next": Function(
            signature: "next(field, key [, tie-break])", summary: "The field's value in the next row of the same key, ordered by the field (ties by the third argument, text in funnel order).",
            example: "avg(days_between(entered_at, next(entered_at, lead_id, stage))) of stage_history by stage"),
        "previous": Function(signature: "previous(X)", summary: "X in the previous period of a time series (null for the first).", example: "(revenue - previous(revenue)) / previous(revenue) by month"),
        "exists": Function(signature: "exists TABLE(C)", summary: "A linked row (through lead_id or customer_id) matching C exists.", example: "count(leads where exists activities(type = \"meeting\"))"),
        "lower": Function(signature: "lower(text), upper(text)", summary: "Text in lower or upper case.", example: "count(leads where lower(source) = \"referral\")"),
        "coalesce": Function(signature: "coalesce(a, b, …)", summary: "The first non-null number.", example: "avg(coalesce(duration_minutes, 0)) of activities"),
    ]

    static let topics: [String: String] = [
        "keys": """
            Tab          complete commands, KPIs, functions, fields, quoted values, paths
            Up / Down    history entries starting with what you typed
            Ctrl-R       search history
            Ctrl-C       clear the line, or stop a running statement
            Ctrl-D       leave (on an empty line)
            a line ending in \\ or an open bracket or quote continues on the next
            """,
        "formulas": """
            count(leads)                                   a count
            share(leads, status = "won")                   a rate with its interval
            win_rate by rep where source = "Referral"      a KPI, grouped and filtered
            avg(x) of leads as avg, median(x) of leads as median   several figures
            count(leads) on converted_at by month          count by another date
            let referral = source = "Referral"             a named segment
            kpi my_rate = share(leads, nurtured) unit ratio, higher is better, "…"
            explain QUERY                                  show the plan
            See docs/formula-language.md for the whole language.
            """,
        "periods": """
            during 2024 | 2024-Q3 | 2024-10 | 2024-03-15
            during last 90 days | last 6 months | this month | ytd | qtd | mtd
            during from 2024-01-01 to 2024-03-31           (both ends included)
            Relative periods count from the as-of instant (.set as-of DATE; default: the latest
            timestamp in the data). Series list every period of the reporting range.
            """,
    ]

    static var functionList: String {
        functions.keys.sorted().map { name in
            let f = functions[name]!
            return f.signature + "\n    " + f.summary
        }.joined(separator: "\n")
    }
}
