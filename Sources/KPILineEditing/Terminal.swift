import CEditShim

/// Facts about the terminal the shell runs on.
public enum Terminal {
    /// The width in columns of the terminal on `descriptor` (standard output by default), or
    /// `nil` when it is no terminal or does not say.
    public static func columns(of descriptor: Int32 = 1) -> Int? {
        let columns = Int(shim_terminal_columns(descriptor))
        return columns > 0 ? columns : nil
    }
}
