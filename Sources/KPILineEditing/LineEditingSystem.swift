#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-level C library facts the line editor depends on.
enum LineEditingSystem {
    /// The C library's text for an `errno` value.
    static func errorMessage(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    /// Makes LC_CTYPE a UTF-8 locale. In the C locale libedit silently drops every non-ASCII
    /// byte (`José` → `Jos`). Only the character type is touched: a locale-dependent decimal
    /// comma (LC_NUMERIC) must not leak into number parsing anywhere else in the process.
    static func ensureUTF8CharacterType() {
        setlocale(LC_CTYPE, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) == "UTF-8" { return }
        if setlocale(LC_CTYPE, "C.UTF-8") == nil { setlocale(LC_CTYPE, "en_US.UTF-8") }
    }
}
