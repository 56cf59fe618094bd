import Foundation

/// Next.js's implicit tags: every response rendered for a route carries tags naming its
/// layouts, its route and its path, so `revalidatePath` is a tag revalidation. Data fetched
/// while rendering a path carries them too (its data goes when the path is revalidated).
public enum ImplicitTags {
    public static let prefix = "_N_T_"

    public enum PathType: String, Sendable {
        /// The route file at that pattern (a page or a route handler).
        case page
        /// Every route under that pattern.
        case layout
    }

    /// The tags of a response for `pathname` served by the route `pattern` ("/blog/[slug]")
    /// whose leaf is a page or a route handler (`kind`: "page" or "route").
    public static func forRoute(pattern: String, kind: String, pathname: String) -> [String] {
        var tags = [prefix + "/layout"]
        var current = ""
        for segment in pattern.split(separator: "/", omittingEmptySubsequences: true) {
            current += "/" + segment
            tags.append(prefix + current + "/layout")
        }
        tags.append(prefix + current + "/" + kind)
        if kind == "route" { tags.append(prefix + current + "/page") }
        let path = normalize(pathname)
        if !tags.contains(prefix + path) { tags.append(prefix + path) }
        return tags
    }

    /// The tag `revalidatePath(path, type)` revalidates.
    public static func tag(forPath path: String, type: PathType?) -> String {
        let normalized = normalize(path)
        guard let type else { return prefix + normalized }
        return prefix + (normalized == "/" ? "" : normalized) + "/" + type.rawValue
    }

    /// "/blog/hello%20world/" → "/blog/hello world" (decoded, no trailing slash, leading slash).
    public static func normalize(_ path: String) -> String {
        var text = path.removingPercentEncodingIfPossible
        if let query = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = String(text[..<query]) }
        if !text.hasPrefix("/") { text = "/" + text }
        while text.count > 1 && text.hasSuffix("/") { text.removeLast() }
        return text
    }
}

extension String {
    var removingPercentEncodingIfPossible: String {
        guard contains("%") else { return self }
        return removingPercentEncoding ?? self
    }
}
