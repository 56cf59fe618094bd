import NIOConcurrencyHelpers

/// The in-memory front of the cache: least recently used entries go first once the total
/// size passes `byteLimit`. An entry larger than the whole limit is not kept in memory
/// (the store still has it). Thread-safe.
public final class MemoryLRU: @unchecked Sendable {
    private final class Node {
        let key: String
        var entry: CacheEntry
        var size: Int
        var older: Node?
        weak var newer: Node?

        init(key: String, entry: CacheEntry, size: Int) {
            self.key = key
            self.entry = entry
            self.size = size
        }
    }

    public let byteLimit: Int
    private let lock = NIOLock()
    private var nodes: [String: Node] = [:]
    /// Most recently used.
    private var newest: Node?
    /// Least recently used (evicted first).
    private weak var oldest: Node?
    private var bytes = 0

    public init(byteLimit: Int) {
        self.byteLimit = max(0, byteLimit)
    }

    /// Bytes held now (never above `byteLimit`).
    public var currentBytes: Int { lock.withLock { bytes } }
    public var count: Int { lock.withLock { nodes.count } }

    public func get(_ key: String) -> CacheEntry? {
        lock.withLock {
            guard let node = nodes[key] else { return nil }
            moveToFront(node)
            return node.entry
        }
    }

    /// Keeps `entry` as the most recently used, evicting the least recently used past the limit.
    public func set(_ entry: CacheEntry) {
        let size = entry.byteSize
        lock.withLock {
            if let existing = nodes[entry.key] { unlink(existing) }
            guard size <= byteLimit else { return }
            let node = Node(key: entry.key, entry: entry, size: size)
            nodes[entry.key] = node
            link(node)
            while bytes > byteLimit, let victim = oldest { unlink(victim) }
        }
    }

    public func remove(_ key: String) {
        lock.withLock {
            if let node = nodes[key] { unlink(node) }
        }
    }

    /// Removes every entry whose key starts with `prefix`.
    public func removeAll(withPrefix prefix: String) {
        lock.withLock {
            for node in nodes.values where node.key.hasPrefix(prefix) { unlink(node) }
        }
    }

    /// Removes the entries carrying any of `tags`.
    public func removeAll(taggedWithAnyOf tags: Set<String>) {
        lock.withLock {
            for node in nodes.values where node.entry.tags.contains(where: tags.contains) { unlink(node) }
        }
    }

    // MARK: List (lock held)

    private func link(_ node: Node) {
        node.older = newest
        node.newer = nil
        newest?.newer = node
        newest = node
        if oldest == nil { oldest = node }
        bytes += node.size
    }

    private func unlink(_ node: Node) {
        guard nodes[node.key] === node else { return }
        nodes.removeValue(forKey: node.key)
        let older = node.older
        let newer = node.newer
        if let newer { newer.older = older } else { newest = older }
        if let older { older.newer = newer } else { oldest = newer }
        node.older = nil
        node.newer = nil
        bytes -= node.size
    }

    private func moveToFront(_ node: Node) {
        guard newest !== node else { return }
        let older = node.older
        let newer = node.newer
        newer?.older = older
        if let older { older.newer = newer } else { oldest = newer }
        node.older = newest
        node.newer = nil
        newest?.newer = node
        newest = node
    }
}
