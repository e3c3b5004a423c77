import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Streams one XML document through three callbacks, with namespace prefixes stripped from
/// element and attribute names (some exporters write `<x:c>` instead of `<c>`).
///
/// A class because `XMLParserDelegate` requires one; it lives only for one parse.
final class XMLEvents: NSObject, XMLParserDelegate {
    typealias Start = (_ name: String, _ attributes: [String: String]) throws -> Void
    typealias End = (_ name: String) throws -> Void
    typealias Characters = (_ text: String) -> Void

    private let onStart: Start
    private let onEnd: End
    private let onCharacters: Characters
    private var thrown: (any Error)?

    private init(start: @escaping Start, end: @escaping End, characters: @escaping Characters) {
        onStart = start
        onEnd = end
        onCharacters = characters
    }

    /// Parses `bytes`, rethrowing the first error a callback throws; a malformed document throws
    /// `XMLEvents.Malformed` with the parser's line and message.
    static func parse(
        _ bytes: [UInt8], start: @escaping Start, end: @escaping End = { _ in }, characters: @escaping Characters = { _ in }
    ) throws {
        let events = XMLEvents(start: start, end: end, characters: characters)
        // A stream, not `XMLParser(data:)`: on Linux the latter fails with an internal error on
        // documents over about 10 MB (a 50k-row sheet), the stream is fed to libxml2 in chunks.
        let parser = XMLParser(stream: InputStream(data: Data(bytes)))
        parser.delegate = events
        let ok = parser.parse()
        if let thrown = events.thrown { throw thrown }
        if !ok {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown XML error"
            throw Malformed(line: parser.lineNumber, reason: reason)
        }
    }

    /// An XML syntax error.
    struct Malformed: Error {
        let line: Int
        let reason: String
    }

    static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        guard thrown == nil else { return }
        // Prefixed names stay as written (`r:id`) and are also reachable by local name unless
        // an unprefixed attribute already has it.
        var attributes = attributeDict
        for (key, value) in attributeDict where key.contains(":") && attributes[Self.localName(key)] == nil {
            attributes[Self.localName(key)] = value
        }
        do { try onStart(Self.localName(elementName), attributes) } catch {
            thrown = error
            parser.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard thrown == nil else { return }
        do { try onEnd(Self.localName(elementName)) } catch {
            thrown = error
            parser.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard thrown == nil else { return }
        onCharacters(string)
    }
}
