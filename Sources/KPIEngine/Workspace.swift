import Foundation

/// Where KPIKit stands on the user's machine: the working directory, the environment and the
/// program's own location — everything it reads from the process, read in one place.
///
/// The `kpi` tool takes ``current`` once at start and hands it down; recipe folders, plugin
/// folders, the goals file's home and history are all found from this value, never from the
/// process's state by a default argument deep inside. A test or an embedding app passes its own.
public struct Workspace: Sendable, Hashable {
    /// Relative paths and `./Recipes`, `./Plugins` are found from here.
    public var currentDirectory: URL
    /// `HOME`, `XDG_CONFIG_HOME`, `XDG_DATA_HOME`, `NO_COLOR`, … are read from here.
    public var environment: [String: String]
    /// The running program, whose folder (and the folders above it) may hold the shipped
    /// `Recipes/` of a checkout.
    public var executable: URL?

    /// A workspace of the given parts.
    public init(currentDirectory: URL, environment: [String: String] = [:], executable: URL? = nil) {
        self.currentDirectory = currentDirectory
        self.environment = environment
        self.executable = executable
    }

    /// The running process's working directory, environment and executable.
    public static var current: Workspace {
        Workspace(
            currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            environment: ProcessInfo.processInfo.environment, executable: Bundle.main.executableURL)
    }

    /// The folders script modules are read from before any `--plugins` folder: `./Plugins`, then
    /// `$XDG_CONFIG_HOME/kpikit/plugins` (else `~/.config/kpikit/plugins`).
    public var pluginDirectories: [URL] {
        var directories = [currentDirectory.appendingPathComponent("Plugins")]
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            directories.append(URL(fileURLWithPath: config).appendingPathComponent("kpikit/plugins"))
        } else if let home = environment["HOME"], !home.isEmpty {
            directories.append(URL(fileURLWithPath: home).appendingPathComponent(".config/kpikit/plugins"))
        }
        return directories
    }
}
