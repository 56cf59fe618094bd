/// Where cache entries live beyond the process's memory. `ResponseCache` keeps a bounded
/// in-memory LRU in front of one store; `DiskCacheStore` is the one Verge ships
/// (`.verge/cache/`). A store shared by several server instances (a network service, a
/// shared volume) implements the same protocol: see docs/caching.md.
///
/// Contract:
/// - `entry(forKey:)` never returns a damaged entry: a corrupt, truncated or unreadable one
///   is logged, dropped, and reported as absent (a miss).
/// - `store(_:)` is atomic per key: a reader sees the previous entry or the new one, never
///   a mix, even if the process dies mid-write. When it returns the entry is durable.
/// - Freshness is the cache's business, not the store's: entries are returned whatever
///   their age; `ResponseCache` decides HIT / STALE / MISS from `storedAt`, `revalidate`
///   and the tag revalidation times.
/// - Tag revalidations (`revalidateTag`, `revalidatePath`) are recorded as "tag → time":
///   an entry stored before a revalidation of one of its tags is a miss. A shared store
///   shares these times too, so a revalidation on one instance reaches every instance.
public protocol CacheStore: Sendable {
    /// The entry stored under `key`, or nil (absent, damaged, or unreadable).
    func entry(forKey key: String) async -> CacheEntry?
    /// Stores `entry` under `entry.key`, replacing any previous one, durably and atomically.
    func store(_ entry: CacheEntry) async throws
    /// Removes the entry under `key` (no error when absent).
    func removeEntry(forKey key: String) async throws
    /// Removes every entry of `kind` (`verge build` drops the previous build's routes).
    func removeEntries(ofKind kind: CacheEntry.Kind) async throws
    /// Every recorded tag revalidation: tag → time (seconds since 1970).
    func tagRevalidations() async -> [String: Double]
    /// Records that `tags` were revalidated at `time`.
    func recordTagRevalidation(_ tags: [String], at time: Double) async throws
    /// Returns once every write accepted so far is durable.
    func flush() async
}
