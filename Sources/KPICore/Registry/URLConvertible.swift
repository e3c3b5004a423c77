import Foundation

/// Something that names a file: a `URL` or a path string.
public protocol URLConvertible {
    /// The file URL.
    var url: URL { get }
}

extension URL: URLConvertible {
    public var url: URL { self }
}

extension String: URLConvertible {
    public var url: URL { URL(fileURLWithPath: self) }
}
