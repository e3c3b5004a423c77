import Foundation

/// Where a session keeps its goals file, and why there.
///
/// By default goals live in kpikit's data home, one folder per data location, so kpi never
/// writes into the folder of a user's exports:
///
/// - `--goals FILE`: that file (``explicit(_:)``);
/// - else a `goals.kpi` that already lives beside the data: that one, as before;
/// - else `$XDG_DATA_HOME/kpikit/KEY/goals.kpi` (`~/.local/share/kpikit/…` when `XDG_DATA_HOME`
///   is unset, empty or relative), where KEY names the data's folder: its name and a hash of its
///   absolute path (`crm-export-8081a413f334ae95` for `/srv/crm-export`), and `demo` for the built-in demo.
public struct GoalLocation: Sendable, Hashable {
    /// Why the goals file is where it is.
    public enum Kind: String, Sendable, Hashable {
        /// Named with `--goals`.
        case explicit
        /// A `goals.kpi` that was already beside the data.
        case besideData
        /// kpikit's own folder for this data, in the data home.
        case dataHome
    }

    /// The goals file.
    public var url: URL
    /// Why it is there.
    public var kind: Kind

    /// Creates a location.
    public init(url: URL, kind: Kind) {
        self.url = url
        self.kind = kind
    }

    /// Whether saving may create the file's folder: only kpikit's own, never a folder the user named.
    public var createsFolder: Bool { kind == .dataHome }

    /// A goals file the user named.
    public static func explicit(_ path: String) -> GoalLocation {
        GoalLocation(url: URL(fileURLWithPath: path), kind: .explicit)
    }

    /// The goals file for data at `dataPath` (a file or a folder; `nil` for the demo).
    ///
    /// - Parameter environment: where `XDG_DATA_HOME` and `HOME` are read (the workspace's).
    public static func forData(_ dataPath: String?, environment: [String: String]) -> GoalLocation {
        let key: String
        if let dataPath {
            let beside = GoalFile.conventionalURL(forData: dataPath)
            if FileManager.default.fileExists(atPath: beside.path) { return GoalLocation(url: beside, kind: .besideData) }
            key = self.key(forFolder: beside.deletingLastPathComponent())
        } else {
            key = demoKey
        }
        let url = dataHome(environment: environment).appendingPathComponent(key)
            .appendingPathComponent(GoalFile.conventionalFileName)
        return GoalLocation(url: url, kind: .dataHome)
    }

    /// The key of the built-in demo data.
    public static let demoKey = "demo"

    /// kpikit's data home: `$XDG_DATA_HOME/kpikit`, else `$HOME/.local/share/kpikit`.
    ///
    /// The XDG base-directory rules: a variable that is unset, empty or not an absolute path is
    /// ignored.
    public static func dataHome(environment: [String: String]) -> URL {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("kpikit", isDirectory: true)
        }
        let home = environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".local/share/kpikit", isDirectory: true)
    }

    /// The key of a data folder: its name, made safe for a file name, then 16 hex digits of a
    /// hash of its absolute path with symbolic links resolved, so `--data ./crm`,
    /// `--data /home/ana/crm/` and `--data crm/leads.csv` share goals, and two folders named
    /// `crm` do not. The name is there for people browsing the data home.
    public static func key(forFolder folder: URL) -> String {
        let resolved = folder.standardizedFileURL.resolvingSymlinksInPath()
        let path = resolved.path
        // A leading dot would hide the folder; the root has no name.
        let component = resolved.lastPathComponent.drop { $0 == "." || $0 == "/" }
        let name = String(
            component.unicodeScalars.prefix(40).map { scalar in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar))
                    ? Character(scalar) : "_"
            })
        return (name.isEmpty ? "data" : name) + "-" + hexHash(path)
    }

    /// FNV-1a, 64 bits: the same on every platform and run (Swift's `Hasher` is seeded per process).
    private static func hexHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
