import CEditShim
import KPICore
import KPIRepl

/// Ctrl-C as a request to cancel, rather than a reason to exit.
///
/// While installed, SIGINT only raises a process-wide flag (kept in C: a signal handler cannot
/// be Swift code), so the REPL survives Ctrl-C during evaluation. The REPL hands the engine a
/// poll such as `{ InterruptMonitor.isInterruptRequested }` — the engine cannot import this
/// module — and after the evaluation returns it calls ``takeInterrupt()`` to reset the flag.
///
/// The handler is installed without `SA_RESTART`, so a blocking read returns early with `EINTR`;
/// ``EditLineReader`` relies on that to turn Ctrl-C into ``LineInput/interrupted``.
///
/// However often Ctrl-C is pressed — during a statement, while it is being cancelled, between
/// statements, at the prompt — it never ends the process: the session holds the user's `let`
/// definitions, and every long phase of the engine polls, so one press is enough and the
/// others are absorbed. (Ctrl-\ still quits: SIGQUIT is left alone.)
public enum InterruptMonitor {
    /// Installs the SIGINT handler and unblocks SIGINT for the calling thread (a parent may
    /// have started us with it blocked); calling it again is harmless.
    ///
    /// Call from the main thread at start-up (signal dispositions are process-wide).
    public static func install() throws {
        let status = shim_sigint_install(0)  // 0: never fall back to the default action
        if status != 0 { throw systemError(status, id: .replSigintInstall) }
    }

    /// Restores the SIGINT action that was active before ``install()``.
    public static func uninstall() throws {
        let status = shim_sigint_uninstall()
        if status != 0 { throw systemError(status, id: .replSigintUninstall) }
    }

    /// Whether the handler is currently installed.
    public static var isInstalled: Bool { shim_sigint_installed() != 0 }

    /// Whether Ctrl-C arrived since the last ``takeInterrupt()``, without clearing it.
    ///
    /// Safe to call from any thread and cheap enough for an inner loop (one atomic load).
    public static var isInterruptRequested: Bool { shim_sigint_peek() != 0 }

    /// Returns whether Ctrl-C arrived since the last call, and clears the request.
    @discardableResult
    public static func takeInterrupt() -> Bool { shim_sigint_take() != 0 }

    /// Requests cancellation exactly as Ctrl-C would (e.g. for a `:cancel` command or tests).
    public static func requestInterrupt() { shim_sigint_raise_flag() }

    private static func systemError(_ code: Int32, id: DiagnosticID) -> DataError {
        DataError(id: id, message: LineEditingSystem.errorMessage(code), file: "<signal>")
    }
}
