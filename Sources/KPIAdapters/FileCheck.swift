import Foundation
import KPICore

/// Checks done before an adapter opens a file, so "is a directory" or "no such file" reads as
/// words rather than a Foundation or SQLite error code.
enum FileCheck {
    /// Throws `<id>` with a plain reason when `url` is missing, a directory or a dangling link.
    static func requireRegularFile(_ url: URL, file: String, id: String) throws(DataError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil
            throw DataError(id: id, message: isLink ? "cannot read \(file): a link to a file that does not exist" : "no such file", file: file)
        }
        if isDirectory.boolValue {
            throw DataError(id: id, message: "cannot read \(file): it is a directory, not a file", file: file)
        }
    }
}
