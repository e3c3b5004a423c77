/// A DEFLATE (RFC 1951) decoder: stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// Written here so the plugin needs nothing beyond `KPICore`. Huffman codes are decoded one bit at
/// a time against canonical code counts (the approach of zlib's `puff`), which is slower than a
/// lookup table but short enough to check by eye; xlsx parts are small.
struct Inflater {
    /// Why a stream could not be decoded.
    struct Failure: Error, Equatable {
        let reason: String
    }

    private let input: [UInt8]
    private var position = 0
    private var bitBuffer: UInt32 = 0
    private var bitCount = 0
    private var output: [UInt8] = []
    private let limit: Int

    /// Decodes a raw DEFLATE stream, refusing to produce more than `limit` bytes (a guard against
    /// archives that claim one size and inflate to much more).
    static func inflate(_ input: [UInt8], expectedSize: Int, limit: Int) throws(Failure) -> [UInt8] {
        var inflater = Inflater(input: input, limit: limit)
        inflater.output.reserveCapacity(min(expectedSize, limit))
        try inflater.run()
        return inflater.output
    }

    private init(input: [UInt8], limit: Int) {
        self.input = input
        self.limit = limit
    }

    private mutating func run() throws(Failure) {
        var last = false
        while !last {
            last = try bits(1) == 1
            switch try bits(2) {
            case 0: try storedBlock()
            case 1: try huffmanBlock(literals: Huffman.fixedLiterals, distances: Huffman.fixedDistances)
            case 2:
                let (literals, distances) = try dynamicTables()
                try huffmanBlock(literals: literals, distances: distances)
            default: throw Failure(reason: "invalid block type 3")
            }
        }
    }

    // MARK: Bits

    private mutating func bits(_ need: Int) throws(Failure) -> Int {
        while bitCount < need {
            guard position < input.count else { throw Failure(reason: "unexpected end of compressed data") }
            bitBuffer |= UInt32(input[position]) << UInt32(bitCount)
            position += 1
            bitCount += 8
        }
        let value = Int(bitBuffer & ((1 << UInt32(need)) - 1))
        bitBuffer = need == 32 ? 0 : bitBuffer >> UInt32(need)
        bitCount -= need
        return value
    }

    // MARK: Blocks

    private mutating func storedBlock() throws(Failure) {
        // A stored block starts on a byte boundary: the buffered partial byte is padding.
        bitBuffer = 0
        bitCount = 0
        guard position + 4 <= input.count else { throw Failure(reason: "truncated stored block header") }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
        position += 4
        guard length == (~complement & 0xFFFF) else { throw Failure(reason: "stored block length does not match its complement") }
        guard position + length <= input.count else { throw Failure(reason: "truncated stored block") }
        guard output.count + length <= limit else { throw Failure(reason: "inflates beyond its declared size") }
        output.append(contentsOf: input[position..<position + length])
        position += length
    }

    private static let lengthBase = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
        4097, 6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    private mutating func huffmanBlock(literals: Huffman, distances: Huffman) throws(Failure) {
        while true {
            let symbol = try decode(literals)
            if symbol < 256 {
                guard output.count < limit else { throw Failure(reason: "inflates beyond its declared size") }
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < Self.lengthBase.count else { throw Failure(reason: "invalid length symbol \(symbol)") }
            let length = Self.lengthBase[lengthIndex] + (try bits(Self.lengthExtra[lengthIndex]))
            let distanceSymbol = try decode(distances)
            guard distanceSymbol < Self.distanceBase.count else { throw Failure(reason: "invalid distance symbol \(distanceSymbol)") }
            let distance = Self.distanceBase[distanceSymbol] + (try bits(Self.distanceExtra[distanceSymbol]))
            guard distance <= output.count else { throw Failure(reason: "distance \(distance) reaches before the start of the data") }
            guard output.count + length <= limit else { throw Failure(reason: "inflates beyond its declared size") }
            // Byte by byte on purpose: a match may overlap the bytes it is producing.
            let start = output.count - distance
            for offset in 0..<length { output.append(output[start + offset]) }
        }
    }

    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    private mutating func dynamicTables() throws(Failure) -> (Huffman, Huffman) {
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeLengthCount = try bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw Failure(reason: "too many length or distance codes") }
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount { codeLengthLengths[Self.codeLengthOrder[index]] = try bits(3) }
        let codeLengthCode = try Huffman(lengths: codeLengthLengths)

        var lengths: [Int] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try decode(codeLengthCode)
            let repeated: Int
            let times: Int
            switch symbol {
            case 0...15:
                lengths.append(symbol)
                continue
            case 16:
                guard let previous = lengths.last else { throw Failure(reason: "repeat of a code length with none before it") }
                repeated = previous
                times = 3 + (try bits(2))
            case 17:
                repeated = 0
                times = 3 + (try bits(3))
            default:
                repeated = 0
                times = 11 + (try bits(7))
            }
            guard lengths.count + times <= literalCount + distanceCount else { throw Failure(reason: "code lengths overrun their table") }
            lengths.append(contentsOf: repeatElement(repeated, count: times))
        }
        guard lengths[256] != 0 else { throw Failure(reason: "no end-of-block code") }
        return (try Huffman(lengths: Array(lengths[0..<literalCount])), try Huffman(lengths: Array(lengths[literalCount...])))
    }

    private mutating func decode(_ code: Huffman) throws(Failure) -> Int {
        // Canonical codes of one length are consecutive: walk the lengths, keeping the first code
        // of each length and the index of its first symbol.
        var value = 0
        var first = 0
        var index = 0
        for length in 1...Huffman.maxBits {
            value |= try bits(1)
            let count = code.counts[length]
            if value - first < count { return code.symbols[index + value - first] }
            index += count
            first = (first + count) << 1
            value <<= 1
        }
        throw Failure(reason: "invalid Huffman code")
    }
}

/// A canonical Huffman code as counts per code length plus symbols in code order.
struct Huffman: Sendable {
    static let maxBits = 15
    let counts: [Int]
    let symbols: [Int]

    init(lengths: [Int]) throws(Inflater.Failure) {
        var counts = [Int](repeating: 0, count: Self.maxBits + 1)
        for length in lengths { counts[length] += 1 }
        var left = 1
        for length in 1...Self.maxBits {
            left = (left << 1) - counts[length]
            guard left >= 0 else { throw Inflater.Failure(reason: "over-subscribed Huffman code") }
        }
        var offsets = [Int](repeating: 0, count: Self.maxBits + 2)
        for length in 1...Self.maxBits { offsets[length + 1] = offsets[length] + counts[length] }
        var symbols = [Int](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length != 0 {
            symbols[offsets[length]] = symbol
            offsets[length] += 1
        }
        self.counts = counts
        self.symbols = symbols
    }

    // Constant tables, valid by construction: `try!` cannot fail on input.
    static let fixedLiterals: Huffman = {
        let lengths = (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 }
        return try! Huffman(lengths: lengths)
    }()
    static let fixedDistances: Huffman = try! Huffman(lengths: [Int](repeating: 5, count: 30))
}
