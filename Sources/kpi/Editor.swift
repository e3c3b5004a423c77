import Foundation
import KPICore

/// `.edit`: opens `$VISUAL`, `$EDITOR` or `vi` on a temporary file holding a statement.
enum Editor {
    static func edit(_ text: String) -> String? {
        let environment = ProcessInfo.processInfo.environment
        let command = environment["VISUAL"] ?? environment["EDITOR"] ?? "vi"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-edit-\(UUID().uuidString).kpi")
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try (text + "\n").write(to: file, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            // The editor gets the terminal: standard input, output and error are inherited.
            process.arguments = ["-c", "\(command) \"$1\"", "kpi-edit", file.path]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { return nil }
            return try String(contentsOf: file, encoding: .utf8)
        } catch {
            FileHandle.standardError.write(Data((DiagnosticText.line(.shellEditor, "cannot run \(command): \(error)") + "\n").utf8))
            return nil
        }
    }
}
