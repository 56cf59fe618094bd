import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Testing
@testable import VergeCache

func sampleEntry(_ key: String, body: String = "hello", revalidate: Double? = 60, tags: [String] = ["t"]) -> CacheEntry {
    CacheEntry(key: key, kind: CacheEntry.Kind(key: key) ?? .fetch, storedAt: 1_700_000_000, revalidate: revalidate, tags: tags,
               status: 200, statusText: "OK", headers: [.init(name: "content-type", value: "text/plain; charset=utf-8")],
               url: "http://example.test/x", redirected: true, body: ByteBuffer(string: body))
}

@Suite("Cache storage: entries, memory LRU, disk store")
struct StorageTests {
    @Test func entriesRoundTripThroughTheBinaryForm() throws {
        let entry = sampleEntry("fetch:abc", body: "héllo \u{0}bytes", revalidate: nil, tags: ["a", "b"])
        let bytes = EntryCodec.encode(entry)
        let decoded = try bytes.withUnsafeBytes { try EntryCodec.decode($0) }
        #expect(decoded.key == entry.key)
        #expect(decoded.kind == .fetch)
        #expect(decoded.revalidate == nil)
        #expect(decoded.tags == ["a", "b"])
        #expect(decoded.headers == entry.headers)
        #expect(decoded.redirected)
        #expect(decoded.etag == entry.etag)
        #expect(decoded.body == entry.body)
        #expect(decoded.storedAt == entry.storedAt)
    }

    @Test func damagedBytesAreRejected() throws {
        let bytes = EntryCodec.encode(sampleEntry("fetch:abc"))
        // Every single-byte flip and every truncation is caught (checksum, length, magic).
        for index in stride(from: 0, to: bytes.count, by: 7) {
            var damaged = bytes
            damaged[index] ^= 0x40
            #expect(throws: EntryCodec.DecodeError.self) { try damaged.withUnsafeBytes { try EntryCodec.decode($0) } }
        }
        for length in [0, 5, 20, bytes.count / 2, bytes.count - 1] {
            let truncated = Array(bytes.prefix(length))
            #expect(throws: EntryCodec.DecodeError.self) { try truncated.withUnsafeBytes { try EntryCodec.decode($0) } }
        }
    }

    @Test func memoryLRUStaysWithinItsByteBoundAndEvictsLeastRecentlyUsed() {
        let one = sampleEntry("fetch:1", body: String(repeating: "a", count: 1000))
        let size = one.byteSize
        let lru = MemoryLRU(byteLimit: size * 3 + size / 2)
        lru.set(one)
        lru.set(sampleEntry("fetch:2", body: String(repeating: "b", count: 1000)))
        lru.set(sampleEntry("fetch:3", body: String(repeating: "c", count: 1000)))
        _ = lru.get("fetch:1") // 1 is now the most recently used: 2 goes first
        lru.set(sampleEntry("fetch:4", body: String(repeating: "d", count: 1000)))
        #expect(lru.get("fetch:2") == nil)
        #expect(lru.get("fetch:1") != nil)
        #expect(lru.get("fetch:3") != nil)
        #expect(lru.get("fetch:4") != nil)
        #expect(lru.currentBytes <= lru.byteLimit)
        // Far more than fits: the bound holds throughout.
        for index in 0..<200 {
            lru.set(sampleEntry("fetch:x\(index)", body: String(repeating: "z", count: 900 + index % 300)))
            #expect(lru.currentBytes <= lru.byteLimit)
        }
        // Larger than the whole bound: not kept in memory at all.
        lru.set(sampleEntry("fetch:huge", body: String(repeating: "h", count: size * 4)))
        #expect(lru.get("fetch:huge") == nil)
        #expect(lru.currentBytes <= lru.byteLimit)
    }

    @Test func responseCacheMemoryBoundIsRespectedAndTheDiskStillAnswers() async throws {
        let directory = try temporaryDirectory()
        let cache = try await ResponseCache.open(directory: directory, memoryBytes: 8_000)
        for index in 0..<40 {
            var entry = sampleEntry("fetch:k\(index)", body: String(repeating: "x", count: 1000))
            entry.storedAt = cache.stamp()
            cache.insert(entry)
            #expect(cache.memory.currentBytes <= 8_000)
        }
        await cache.flush()
        #expect(cache.memory.count < 40)
        // Evicted from memory, still on disk.
        let first = await cache.lookup("fetch:k0", lifetime: .forever)
        #expect(first?.entry.body.readableBytes == 1000)
        #expect(cache.memory.currentBytes <= 8_000)
    }

    @Test func entriesAndTagRevalidationsSurviveARestart() async throws {
        let directory = try temporaryDirectory()
        let clock = ManualCacheClock()
        do {
            let cache = try await ResponseCache.open(directory: directory, clock: clock)
            var kept = sampleEntry("fetch:kept", tags: ["keep"])
            kept.storedAt = cache.stamp()
            cache.insert(kept)
            var dropped = sampleEntry("fetch:dropped", tags: ["drop"])
            dropped.storedAt = cache.stamp()
            cache.insert(dropped)
            cache.revalidateTag("drop")
            await cache.flush()
        }
        let reopened = try await ResponseCache.open(directory: directory, clock: clock)
        let kept = await reopened.lookup("fetch:kept", lifetime: .entry)
        #expect(kept?.entry.body == ByteBuffer(string: "hello"))
        #expect(kept?.state == .hit)
        // Revalidated before the restart: still a miss after it.
        #expect(await reopened.lookup("fetch:dropped", lifetime: .entry) == nil)
    }

    @Test func aCorruptEntryIsAMissAndIsLogged() async throws {
        let directory = try temporaryDirectory()
        let store = try DiskCacheStore(directory: directory)
        try await store.store(sampleEntry("fetch:good"))
        try await store.store(sampleEntry("fetch:bad"))
        try await store.store(sampleEntry("route:/page"))
        let bad = store.fileURL(forKey: "fetch:bad")
        var bytes = try Data(contentsOf: bad)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: bad)
        let route = store.fileURL(forKey: "route:/page")
        let whole = try Data(contentsOf: route)
        try whole.prefix(whole.count - 10).write(to: route) // truncated, as by a crash without rename

        let lines = NIOLockedValueBox<[String]>([])
        let cache = try await ResponseCache.open(directory: directory) { line in lines.withLockedValue { $0.append(line) } }
        #expect(await cache.lookup("fetch:good", lifetime: .forever) != nil)
        #expect(await cache.lookup("fetch:bad", lifetime: .forever) == nil)
        #expect(await cache.lookup("route:/page", lifetime: .forever) == nil)
        let logged = lines.withLockedValue { $0 }
        #expect(logged.contains { $0.contains("corrupt entry") && $0.contains("checksum mismatch") })
        #expect(logged.contains { $0.contains("corrupt entry") && $0.contains("length mismatch") })
        // The damaged file is gone; a new store replaces it.
        #expect(try await eventually { !FileManager.default.fileExists(atPath: bad.path) })
        var fresh = sampleEntry("fetch:bad", body: "fresh")
        fresh.storedAt = cache.stamp()
        cache.insert(fresh)
        await cache.flush()
        let again = try await ResponseCache.open(directory: directory)
        #expect(await again.lookup("fetch:bad", lifetime: .forever)?.entry.body == ByteBuffer(string: "fresh"))
    }

    @Test func writesAreAtomicNoTemporaryFilesAreLeft() async throws {
        let directory = try temporaryDirectory()
        let cache = try await ResponseCache.open(directory: directory)
        for index in 0..<20 {
            var entry = sampleEntry("fetch:same", body: "version \(index)")
            entry.storedAt = cache.stamp()
            cache.insert(entry)
        }
        await cache.flush()
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("tmp").path)
        #expect(leftovers.isEmpty)
        let reopened = try await ResponseCache.open(directory: directory)
        // Writes land in order: the last one wins.
        #expect(await reopened.lookup("fetch:same", lifetime: .forever)?.entry.body == ByteBuffer(string: "version 19"))
    }

    @Test func removingAKindDropsOnlyThatKind() async throws {
        let directory = try temporaryDirectory()
        let cache = try await ResponseCache.open(directory: directory)
        for key in ["route:/a", "route:/b", "fetch:c"] {
            var entry = sampleEntry(key)
            entry.storedAt = cache.stamp()
            cache.insert(entry)
        }
        await cache.removeAll(ofKind: .route)
        let reopened = try await ResponseCache.open(directory: directory)
        #expect(await reopened.lookup("route:/a", lifetime: .forever) == nil)
        #expect(await reopened.lookup("fetch:c", lifetime: .forever) != nil)
    }

    @Test func freshnessStaleAndTagInvalidationFollowTheClock() async throws {
        let clock = ManualCacheClock()
        let cache = ResponseCache(clock: clock)
        var entry = sampleEntry("fetch:f", revalidate: 10, tags: ["news"])
        entry.storedAt = cache.stamp()
        cache.insert(entry)
        #expect(cache.cachedInMemory("fetch:f", lifetime: .entry)?.state == .hit)
        clock.advance(by: 9.9)
        #expect(cache.cachedInMemory("fetch:f", lifetime: .entry)?.state == .hit)
        clock.advance(by: 0.2)
        #expect(cache.cachedInMemory("fetch:f", lifetime: .entry)?.state == .stale)
        #expect(cache.cachedInMemory("fetch:f", lifetime: .seconds(60))?.state == .hit)
        #expect(cache.cachedInMemory("fetch:f", lifetime: .forever)?.state == .hit)
        // A revalidation of another tag changes nothing; of its own tag, or of a reader's
        // tag, makes it a miss (same clock instant: stamps still order them).
        cache.revalidateTag("sports")
        #expect(cache.cachedInMemory("fetch:f", lifetime: .forever) != nil)
        cache.revalidateTag("news")
        #expect(cache.cachedInMemory("fetch:f", lifetime: .forever) == nil)
        var again = sampleEntry("fetch:f", revalidate: 10, tags: [])
        again.storedAt = cache.stamp()
        cache.insert(again)
        #expect(cache.cachedInMemory("fetch:f", lifetime: .forever) != nil)
        cache.revalidatePath("/blog/a b")
        #expect(cache.cachedInMemory("fetch:f", lifetime: .forever, extraTags: ["_N_T_/blog/a b"]) == nil)
    }

    @Test func implicitTagsFollowNextJS() {
        let tags = ImplicitTags.forRoute(pattern: "/blog/[slug]", kind: "page", pathname: "/blog/hello%20world/")
        #expect(tags == ["_N_T_/layout", "_N_T_/blog/layout", "_N_T_/blog/[slug]/layout", "_N_T_/blog/[slug]/page", "_N_T_/blog/hello world"])
        #expect(ImplicitTags.tag(forPath: "/blog/[slug]", type: .page) == "_N_T_/blog/[slug]/page")
        #expect(ImplicitTags.tag(forPath: "/", type: .layout) == "_N_T_/layout")
        #expect(ImplicitTags.tag(forPath: "/blog/hello world", type: nil) == "_N_T_/blog/hello world")
        #expect(ImplicitTags.forRoute(pattern: "/", kind: "page", pathname: "/") == ["_N_T_/layout", "_N_T_/page", "_N_T_/"])
    }

    @Test func coalescingRunsOneProducerForConcurrentMisses() async throws {
        let cache = ResponseCache()
        let runs = NIOLockedValueBox(0)
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    let lookup = try await cache.get("fetch:slow", lifetime: .forever) {
                        runs.withLockedValue { $0 += 1 }
                        try await Task.sleep(for: .milliseconds(200))
                        return .init(entry: sampleEntry("fetch:slow", body: "made"), storable: true)
                    }
                    return String(buffer: lookup.entry.body)
                }
            }
            var all: [String] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 20 && results.allSatisfy { $0 == "made" })
        #expect(runs.withLockedValue { $0 } == 1)
    }
}
