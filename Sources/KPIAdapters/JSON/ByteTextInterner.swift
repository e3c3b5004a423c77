/// Dictionary-encodes text straight from UTF-8 bytes: a `String` is made once per distinct value.
///
/// KPICore's `TextDictionaryBuilder` needs a `String` per cell to hash; adapters that read raw
/// bytes (JSON, SQLite) would allocate one per row just to find it again. This interner hashes
/// and compares the bytes themselves, in an open-addressing table of codes.
///
/// Codes are dense `Int32`s in order of first appearance, exactly like `TextDictionaryBuilder`.
/// Bytes that are not valid UTF-8 become U+FFFD in the dictionary's `String` (JSON validates
/// before interning; only SQLite text can get here unvalidated).
struct ByteTextInterner {
    /// The distinct values, indexed by code.
    private(set) var dictionary: [String] = []
    /// The distinct values' bytes, back to back.
    private var storage = ContiguousArray<UInt8>()
    /// Where each distinct value starts in `storage`; one extra entry marks the end.
    private var starts: ContiguousArray<Int> = [0]
    private var hashes = ContiguousArray<UInt64>()
    /// Open-addressing slots holding codes, `-1` when free; the count is a power of two.
    private var slots = ContiguousArray<Int32>(repeating: -1, count: 64)

    /// The code of the bytes `[base, base + count)`, assigning the next one if they are new.
    mutating func code(_ base: UnsafePointer<UInt8>?, count: Int) -> Int32 {
        let bytes = UnsafeBufferPointer(start: count == 0 ? nil : base, count: count)
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let code = slots[slot]
            if code < 0 { break }
            if hashes[Int(code)] == hash && matches(Int(code), bytes) { return code }
            slot = (slot + 1) & mask
        }
        let code = Int32(dictionary.count)
        slots[slot] = code
        hashes.append(hash)
        storage.append(contentsOf: bytes)
        starts.append(storage.count)
        dictionary.append(String(decoding: bytes, as: UTF8.self))
        if dictionary.count * 2 > slots.count { grow() }
        return code
    }

    /// The code of `text`.
    mutating func code(for text: String) -> Int32 {
        var text = text
        return text.withUTF8 { code($0.baseAddress, count: $0.count) }
    }

    private func matches(_ code: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[code]
        let length = starts[code + 1] - start
        guard length == bytes.count else { return false }
        if length == 0 { return true }
        return storage.withUnsafeBufferPointer { stored in
            memcmpEqual(stored.baseAddress! + start, bytes.baseAddress!, length)
        }
    }

    private mutating func grow() {
        var bigger = ContiguousArray<Int32>(repeating: -1, count: slots.count * 2)
        let mask = bigger.count - 1
        for code in 0..<hashes.count {
            var slot = Int(truncatingIfNeeded: hashes[code]) & mask
            while bigger[slot] >= 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(code)
        }
        slots = bigger
    }

    /// A fast, well-mixed 64-bit hash over 8-byte words (not for adversarial input).
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return mix(h) }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= bytes.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(base[i]) << shift
            shift += 8
            i += 1
        }
        return mix(h ^ tail)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var h = value &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 29
        h = h &* 0x9E37_79B9_7F4A_7C15
        return h ^ (h >> 32)
    }
}

/// Byte equality of two ranges of the same length, without importing libc into the API.
@inline(__always)
func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var i = 0
    while i + 8 <= count {
        let x = UnsafeRawPointer(a).loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let y = UnsafeRawPointer(b).loadUnaligned(fromByteOffset: i, as: UInt64.self)
        if x != y { return false }
        i += 8
    }
    while i < count {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}
