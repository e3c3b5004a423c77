/// Converts JSON number text (already validated by ``JSONReader``) to `Int64` or `Double`, exactly.
enum JSONNumber {
    /// Why a number beyond a double's range is not read, for cell issues and errors.
    static let outOfRangeDetail = "beyond ±1.8e308, the largest number a figure can hold"

    /// The integer in `bytes[start..<end]`, which the reader found to fit `Int64`.
    static func int64(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int64 {
        var i = start
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var value: Int64 = 0
        // Accumulating on the number's own side of zero reaches Int64.min without overflowing.
        while i < end {
            let digit = Int64(bytes[i] &- 48)
            value = negative ? value &* 10 &- digit : value &* 10 &+ digit
            i += 1
        }
        return value
    }

    /// Powers of ten that a `Double` holds exactly.
    private static let exactPowers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The correctly rounded `Double` nearest to the number in `bytes[start..<end]`.
    ///
    /// Fast path (Clinger): when the decimal significand fits 2^53 and the power of ten is at
    /// most 22, one IEEE multiplication or division of two exact values is correctly rounded.
    /// Everything else goes to the standard library's correctly rounded parser.
    static func double(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Double {
        var i = start
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var significand: UInt64 = 0
        var digits = 0
        var exponent = 0
        var seenPoint = false
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: ".") {
                seenPoint = true
            } else if b &- 48 < 10 {
                if significand != 0 || b != UInt8(ascii: "0") { digits += 1 }
                if digits > 19 { return slowPath(bytes, start, end) }
                significand = significand &* 10 &+ UInt64(b &- 48)
                if seenPoint { exponent -= 1 }
            } else {
                break
            }
            i += 1
        }
        if i < end {
            // The exponent: 'e' or 'E', an optional sign, digits.
            i += 1
            var exponentNegative = false
            if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var written = 0
            while i < end {
                written = written * 10 + Int(bytes[i] &- 48)
                if written > 10_000 { return slowPath(bytes, start, end) }
                i += 1
            }
            exponent += exponentNegative ? -written : written
        }
        if significand == 0 { return negative ? -0.0 : 0.0 }
        guard significand <= 1 << 53, exponent >= -22, exponent <= 22 else { return slowPath(bytes, start, end) }
        var value = Double(significand)
        value = exponent < 0 ? value / exactPowers[-exponent] : value * exactPowers[exponent]
        return negative ? -value : value
    }

    private static func slowPath(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        // Valid JSON numbers always parse; out-of-range ones become ±infinity or ±0.
        return Double(text) ?? .nan
    }
}
