import Foundation
import KPICore
import KPIFormula
import Testing

@testable import KPIEngine

/// Issue 13: Ctrl-C reaches every statement that runs queries, not only plain formulas — a
/// comparison or a change explanation runs two or more, and each must hear the poll.
@Suite("Session cancellation: comparisons and change explanations hear Ctrl-C")
struct SessionCancellationTests {
    @Test(
        "a cancelled compare or explain change stops with the cancellation error",
        arguments: [
            "compare win_rate vs previous",
            "compare count(leads) by source vs team",
            "explain change lead_conversion_rate by source from 2024-01 to 2024-02",
        ])
    func cancelled(statement: String) throws {
        let session = try ResultNotesTests.demo()
        // Uncancelled, the statement runs: the poll is what stops it.
        _ = try session.run(statement)
        do {
            _ = try session.run(statement, isCancelled: { true })
            Issue.record("'\(statement)' ran to the end although cancelled")
        } catch {
            #expect(error.isCancellation, "\(error)")
        }
    }

    @Test("a cancelled query is its own kind of error, of the cancelled category, and reads as before")
    func cancelledKind() throws {
        let session = try ResultNotesTests.demo()
        let error = try #require(throws: SessionError.self) { try session.run("count(leads) by source", isCancelled: { true }) }
        guard case .cancelled = error.kind else {
            Issue.record("\(error.kind)")
            return
        }
        #expect(error.category == .cancelled)
        #expect(error.id == .engineExecution)
        #expect(error.render() == "error[engine.execution]: cancelled")
    }
}
