import Foundation
import NIOConcurrencyHelpers

/// The process's cache of responses, shared by both runtimes: `fetch` results (the data
/// cache: edge handlers through the fetch ops, Swift handlers through `fetch(_:)`) and
/// statically rendered routes (the full-route cache).
///
/// A bounded in-memory LRU sits in front of a `CacheStore` (on disk by default). Freshness is
/// decided here: an entry is fresh until `storedAt + revalidate`, then stale (served once
/// more while one background refresh runs: stale-while-revalidate), and a miss once one of
/// its tags was revalidated after it was stored. Concurrent misses of one key share one
/// producer (one upstream request, one render).
public final class ResponseCache: Sendable {
    public enum State: String, Sendable {
        case hit = "HIT", stale = "STALE", miss = "MISS"
    }

    /// An entry and what its freshness was when it was found.
    public struct Lookup: Sendable {
        public var entry: CacheEntry
        public var state: State
        public init(entry: CacheEntry, state: State) {
            self.entry = entry
            self.state = state
        }
    }

    /// How long an entry stays fresh for one reader.
    public enum Lifetime: Sendable, Equatable {
        /// The entry's own `revalidate`.
        case entry
        /// Until a tag revalidation.
        case forever
        /// `seconds` after it was stored (the reader's `revalidate`, as Next.js does for fetches).
        case seconds(Double)
    }

    /// What a producer made: the entry (its `storedAt` is set by the cache) and whether it
    /// may be stored (only successful responses are).
    public struct Produced: Sendable {
        public var entry: CacheEntry
        public var storable: Bool
        public init(entry: CacheEntry, storable: Bool) {
            self.entry = entry
            self.storable = storable
        }
    }

    /// Counters (tests, diagnostics).
    public struct Statistics: Sendable, Equatable {
        public var hits = 0
        public var staleHits = 0
        public var misses = 0
        /// Producers run (upstream requests or renders), background refreshes included.
        public var produced = 0
        public var backgroundRefreshes = 0
        /// Entries not stored because they were larger than `maxItemBytes`.
        public var tooLarge = 0
    }

    public let clock: any CacheClock
    public let store: (any CacheStore)?
    public let memory: MemoryLRU
    /// Larger bodies are served but not cached (Next.js: 2 MB).
    public let maxItemBytes: Int
    public let log: @Sendable (String) -> Void

    private let tagTimes = NIOLockedValueBox<[String: Double]>([:])
    private let lastStamp = NIOLockedValueBox<Double>(0)
    private let inflight = NIOLockedValueBox<[String: Task<Produced, any Error>]>([:])
    private let counters = NIOLockedValueBox(Statistics())
    private let writer: AsyncStream<WriteOperation>.Continuation?

    enum WriteOperation: Sendable {
        case store(CacheEntry)
        case remove(String)
        case removeKind(CacheEntry.Kind)
        case tags([String], Double)
        case flush(CheckedContinuation<Void, Never>)
    }

    public init(memoryBytes: Int = 50 << 20, store: (any CacheStore)? = nil, clock: any CacheClock = SystemCacheClock(),
                maxItemBytes: Int = 2 << 20, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.clock = clock
        self.store = store
        self.memory = MemoryLRU(byteLimit: memoryBytes)
        self.maxItemBytes = maxItemBytes
        self.log = log
        if let store {
            // One writer drains writes in order (a later store of a key never lands first).
            let (stream, continuation) = AsyncStream<WriteOperation>.makeStream()
            writer = continuation
            Task.detached {
                for await operation in stream {
                    do {
                        switch operation {
                        case .store(let entry): try await store.store(entry)
                        case .remove(let key): try await store.removeEntry(forKey: key)
                        case .removeKind(let kind): try await store.removeEntries(ofKind: kind)
                        case .tags(let tags, let time): try await store.recordTagRevalidation(tags, at: time)
                        case .flush(let done):
                            await store.flush()
                            done.resume()
                        }
                    } catch {
                        log("cache: write failed: \(error)")
                    }
                }
            }
        } else {
            writer = nil
        }
    }

    deinit {
        writer?.finish()
    }

    /// A cache over a `DiskCacheStore` in `directory` (e.g. `.verge/cache`), with the tag
    /// revalidations recorded there loaded.
    public static func open(directory: URL, memoryBytes: Int = 50 << 20, clock: any CacheClock = SystemCacheClock(),
                            maxItemBytes: Int = 2 << 20, log: @escaping @Sendable (String) -> Void = { _ in }) async throws -> ResponseCache {
        let store = try DiskCacheStore(directory: directory, log: log)
        let cache = ResponseCache(memoryBytes: memoryBytes, store: store, clock: clock, maxItemBytes: maxItemBytes, log: log)
        await cache.loadTagRevalidations()
        return cache
    }

    /// Reads the tag revalidation times recorded in the store.
    public func loadTagRevalidations() async {
        guard let store else { return }
        let times = await store.tagRevalidations()
        tagTimes.withLockedValue { current in
            for (tag, time) in times { current[tag] = max(current[tag] ?? 0, time) }
        }
        if let latest = times.values.max() {
            lastStamp.withLockedValue { $0 = max($0, latest) }
        }
    }

    public var statistics: Statistics { counters.withLockedValue { $0 } }

    // MARK: Process-wide cache

    private static let sharedBox = NIOLockedValueBox<ResponseCache?>(nil)

    /// The cache of this process: the server sets it (`.verge/cache`); until then, a
    /// memory-only cache.
    public static var shared: ResponseCache {
        get {
            sharedBox.withLockedValue { current in
                if let current { return current }
                let made = ResponseCache()
                current = made
                return made
            }
        }
        set { sharedBox.withLockedValue { $0 = newValue } }
    }

    /// The cache of the running request (a Swift handler or a static render), else `shared`.
    public static var current: ResponseCache { RequestCacheContext.current?.cache ?? shared }

    // MARK: Time

    /// A strictly increasing time: an entry stored after a revalidation is always newer
    /// than it, even within one tick of the clock.
    public func stamp() -> Double {
        let now = clock.now()
        return lastStamp.withLockedValue { last in
            let next = max(now, last.nextUp)
            last = next
            return next
        }
    }

    // MARK: Reading

    /// The state of `entry` for a reader, nil when one of its tags (or of `extraTags`) was
    /// revalidated after it was stored.
    public func state(of entry: CacheEntry, lifetime: Lifetime, extraTags: [String] = []) -> State? {
        let invalidated = tagTimes.withLockedValue { times -> Bool in
            if times.isEmpty { return false }
            for tag in entry.tags { if let time = times[tag], time > entry.storedAt { return true } }
            for tag in extraTags { if let time = times[tag], time > entry.storedAt { return true } }
            return false
        }
        if invalidated { return nil }
        let revalidate: Double?
        switch lifetime {
        case .entry: revalidate = entry.revalidate
        case .forever: revalidate = nil
        case .seconds(let seconds): revalidate = seconds
        }
        if let revalidate, clock.now() >= entry.storedAt + revalidate { return .stale }
        return .hit
    }

    /// The entry under `key` if it is in memory and not invalidated (no I/O: the hot path
    /// of edge requests, on the event loop).
    public func cachedInMemory(_ key: String, lifetime: Lifetime, extraTags: [String] = []) -> Lookup? {
        guard let entry = memory.get(key) else { return nil }
        guard let state = state(of: entry, lifetime: lifetime, extraTags: extraTags) else {
            memory.remove(key)
            return nil
        }
        count(state)
        return Lookup(entry: entry, state: state)
    }

    /// The entry under `key` from memory, else from the store (then kept in memory).
    public func lookup(_ key: String, lifetime: Lifetime, extraTags: [String] = []) async -> Lookup? {
        if let found = cachedInMemory(key, lifetime: lifetime, extraTags: extraTags) { return found }
        guard let store, let entry = await store.entry(forKey: key) else { return nil }
        guard let state = state(of: entry, lifetime: lifetime, extraTags: extraTags) else { return nil }
        memory.set(entry)
        count(state)
        return Lookup(entry: entry, state: state)
    }

    private func count(_ state: State) {
        counters.withLockedValue {
            switch state {
            case .hit: $0.hits += 1
            case .stale: $0.staleHits += 1
            case .miss: $0.misses += 1
            }
        }
    }

    // MARK: Writing

    /// Keeps `entry` (memory now, the store in the background, in order). Entries larger
    /// than `maxItemBytes` are not kept.
    public func insert(_ entry: CacheEntry) {
        guard entry.body.readableBytes <= maxItemBytes else {
            counters.withLockedValue { $0.tooLarge += 1 }
            log("cache: not caching \(entry.url) (\(entry.body.readableBytes) bytes; items over \(maxItemBytes) bytes are not cached)")
            return
        }
        memory.set(entry)
        writer?.yield(.store(entry))
    }

    public func remove(_ key: String) {
        memory.remove(key)
        writer?.yield(.remove(key))
    }

    /// Drops every entry of `kind` (memory and store) and waits for the store.
    public func removeAll(ofKind kind: CacheEntry.Kind) async {
        memory.removeAll(withPrefix: kind.prefix)
        writer?.yield(.removeKind(kind))
        await flush()
    }

    /// Returns once every write so far reached the store (durably).
    public func flush() async {
        guard let writer else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            if case .terminated = writer.yield(.flush(continuation)) { continuation.resume() }
        }
    }

    // MARK: Producing (coalesced)

    /// Runs `work` for `key` unless a run for it is already in flight, in which case it
    /// waits for that one: concurrent misses make one upstream request. A storable result
    /// is inserted before the waiters resume.
    public func produce(_ key: String, _ work: @escaping @Sendable () async throws -> Produced) async throws -> Produced {
        try await task(for: key, background: false, work).value
    }

    /// Starts a refresh of `key` unless one is in flight (stale-while-revalidate: at most
    /// one background refresh per key). Failures keep the stale entry and are logged.
    public func refreshInBackground(_ key: String, _ work: @escaping @Sendable () async throws -> Produced) {
        _ = task(for: key, background: true, work)
    }

    private func task(for key: String, background: Bool, _ work: @escaping @Sendable () async throws -> Produced) -> Task<Produced, any Error> {
        inflight.withLockedValue { map in
            if let existing = map[key] { return existing }
            let started = stamp()
            counters.withLockedValue {
                $0.produced += 1
                if background { $0.backgroundRefreshes += 1 }
            }
            let made = Task { [self] () async throws -> Produced in
                defer { _ = self.inflight.withLockedValue { $0.removeValue(forKey: key) } }
                do {
                    var produced = try await work()
                    // Stamped when the work started: a revalidation during the work wins.
                    produced.entry.storedAt = started
                    if produced.storable { self.insert(produced.entry) }
                    return produced
                } catch {
                    if background { self.log("cache: background revalidation of \(key) failed (the stale entry stays): \(error)") }
                    throw error
                }
            }
            map[key] = made
            return made
        }
    }

    /// The whole read path: a fresh entry is a HIT; a stale one is served (STALE) while one
    /// background refresh runs; otherwise `work` runs (coalesced) and its result is a MISS.
    /// `bypass` skips reading (development: `cache-control: no-cache`) but still stores.
    public func get(_ key: String, lifetime: Lifetime, extraTags: [String] = [], bypass: Bool = false,
                    _ work: @escaping @Sendable () async throws -> Produced) async throws -> Lookup {
        if !bypass, let found = await lookup(key, lifetime: lifetime, extraTags: extraTags) {
            if found.state == .stale { refreshInBackground(key, work) }
            return found
        }
        counters.withLockedValue { $0.misses += 1 }
        let produced = try await produce(key, work)
        return Lookup(entry: produced.entry, state: .miss)
    }

    // MARK: Invalidation

    /// Marks `tags` revalidated now: entries carrying them become misses (memory and store,
    /// for every runtime), the next read fetches or renders anew.
    public func revalidateTags(_ tags: [String]) {
        guard !tags.isEmpty else { return }
        let time = stamp()
        tagTimes.withLockedValue { times in
            for tag in tags { times[tag] = time }
        }
        memory.removeAll(taggedWithAnyOf: Set(tags))
        writer?.yield(.tags(tags, time))
    }

    /// `revalidateTag(tag)` of Next.js.
    public func revalidateTag(_ tag: String) {
        revalidateTags([tag])
    }

    /// `revalidatePath(path, type)` of Next.js: a concrete path ("/blog/hello"), or a route
    /// pattern with `type` (`.page` for that route, `.layout` for everything under it).
    public func revalidatePath(_ path: String, type: ImplicitTags.PathType? = nil) {
        revalidateTags([ImplicitTags.tag(forPath: path, type: type)])
    }
}
