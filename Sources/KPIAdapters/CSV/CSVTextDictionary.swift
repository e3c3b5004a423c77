#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Dense `Int32` codes for distinct byte strings, in order of first appearance.
///
/// An open-addressing table keyed by the bytes themselves: a cell is hashed and compared in
/// place, and a `String` is made only the first time a value is seen, so a text column of a
/// million cells with twelve distinct values builds twelve strings.
///
/// Like every per-chunk builder here it is owned by one thread at a time, so its stored
/// properties opt out of dynamic exclusivity checks, which cost a tenth of the parse time.
final class CSVTextDictionary {
    /// A distinct value's key: its hash and where its bytes are in the arena.
    private struct Key {
        var hash: UInt64
        var offset: Int
        var length: Int
    }

    /// The distinct values, indexed by code.
    @exclusivity(unchecked) private(set) var strings: [String] = []
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<Int32>  // code + 1; 0 = empty
    @exclusivity(unchecked) private var mask: Int
    private let keys = CSVGrowableBuffer<Key>()
    private let arena = CSVGrowableBuffer<UInt8>()

    /// An empty dictionary.
    init() {
        mask = 63
        slots = .allocate(capacity: 64)
        slots.initialize(repeating: 0, count: 64)
    }

    deinit { slots.deallocate() }

    /// The number of distinct values.
    var count: Int { strings.count }

    /// The code of the bytes `[p, p + length)`, adding them if new; `nil` if a new value is not
    /// valid UTF-8. The 8 bytes after the key must be readable (they are hashed under a mask).
    @inline(__always)
    func code(_ p: UnsafePointer<UInt8>, _ length: Int) -> Int32? {
        let hash = CSVTextDictionary.hash(p, length)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let key = keys.base[Int(entry &- 1)]
            if key.hash == hash && key.length == length && memcmp(arena.base + key.offset, p, length) == 0 {
                return entry &- 1
            }
            slot = (slot &+ 1) & mask
        }
        return insert(p, length, hash: hash, slot: slot)
    }

    private func insert(_ p: UnsafePointer<UInt8>, _ length: Int, hash: UInt64, slot: Int) -> Int32? {
        guard let string = CSVTextDictionary.makeString(p, length) else { return nil }
        let code = Int32(strings.count)
        strings.append(string)
        keys.append(Key(hash: hash, offset: arena.count, length: length))
        arena.append(contentsOf: p, count: length)
        slots[slot] = code &+ 1
        if strings.count * 2 > mask { grow() }
        return code
    }

    private func grow() {
        let capacity = (mask + 1) * 4
        let newSlots = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        newSlots.initialize(repeating: 0, count: capacity)
        let newMask = capacity - 1
        for code in 0..<strings.count {
            var slot = Int(truncatingIfNeeded: keys.base[code].hash) & newMask
            while newSlots[slot] != 0 { slot = (slot &+ 1) & newMask }
            newSlots[slot] = Int32(code) &+ 1
        }
        slots.deallocate()
        slots = newSlots
        mask = newMask
    }

    /// A `String` of the bytes, or `nil` if they are not valid UTF-8.
    static func makeString(_ p: UnsafePointer<UInt8>, _ length: Int) -> String? {
        let bytes = UnsafeBufferPointer(start: p, count: length)
        let string = String(decoding: bytes, as: UTF8.self)
        // Decoding replaces ill-formed sequences with U+FFFD, which changes the bytes.
        if bytes.allSatisfy({ $0 < 0x80 }) { return string }
        return string.utf8.elementsEqual(bytes) ? string : nil
    }

    /// A word-at-a-time multiplicative hash; reads whole 8-byte words, masking the tail.
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        let raw = UnsafeRawPointer(p)
        var h = UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15
        var i = 0
        while i &+ 8 <= length {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i &+= 8
        }
        let tail = length &- i
        if tail > 0 {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ (word & (~UInt64(0) >> (64 &- 8 &* UInt64(tail))))) &* 0x94D0_49BB_1331_11EB
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }
}

/// A growable array of plain values in manually managed memory, for the hot append loops:
/// callers reserve room for a run, write through ``base``, then commit ``count``.
///
/// Owned by one thread at a time; its properties opt out of dynamic exclusivity checks.
final class CSVGrowableBuffer<Element: BitwiseCopyable> {
    @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<Element>
    @exclusivity(unchecked) var count = 0
    @exclusivity(unchecked) private(set) var capacity: Int
    /// The expected final count, if known: the first growth goes straight there.
    @exclusivity(unchecked) var expectedCount = 0

    init(capacity: Int = 16) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    /// An empty buffer whose first growth goes straight to `expectedCount` elements.
    convenience init(expecting expectedCount: Int) {
        self.init()
        self.expectedCount = expectedCount
    }

    deinit { base.deallocate() }

    /// Makes room for `extra` more elements past ``count``.
    @inline(__always)
    func reserve(_ extra: Int) {
        if count &+ extra > capacity { grow(to: count &+ extra) }
    }

    private func grow(to needed: Int) {
        var newCapacity = max(capacity * 2, expectedCount)
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Appends one element.
    @inline(__always)
    func append(_ value: Element) {
        reserve(1)
        base[count] = value
        count &+= 1
    }

    /// Appends `n` copies of `value`.
    func append(repeating value: Element, count n: Int) {
        reserve(n)
        (base + count).initialize(repeating: value, count: n)
        count &+= n
    }

    /// Appends `n` elements from `source`.
    func append(contentsOf source: UnsafePointer<Element>, count n: Int) {
        reserve(n)
        (base + count).initialize(from: source, count: n)
        count &+= n
    }

    /// The elements.
    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }
}
