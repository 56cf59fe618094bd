import Dispatch
import Foundation
import NIOConcurrencyHelpers

#if canImport(Glibc)
import Glibc
#endif

/// A `CacheStore` in a directory (`.verge/cache/`), surviving restarts:
///
///     VERSION                          "1"
///     fetch/ab/ab12….entry             one file per entry: SHA-256 of the key, in hex
///     route/cd/cd34….entry
///     tags                             tag revalidation times, one "time<TAB>tag" a line, checksummed
///     tmp/                             files being written (emptied at open)
///
/// Writes are crash-safe: each file is written to `tmp/`, fsync'ed, renamed over the old one
/// (atomic on POSIX), and the directory is fsync'ed. Every entry carries a SHA-256 checksum
/// (see `EntryCodec`); a file that fails it, or is truncated, is logged, deleted and treated
/// as a miss. Blocking file I/O runs on the store's own queues, never on an event loop.
public final class DiskCacheStore: CacheStore {
    public let directory: URL
    private let log: @Sendable (String) -> Void
    /// Writes go in order (one queue); reads run concurrently.
    private let writes = DispatchQueue(label: "verge.cache.disk.write")
    private let reads = DispatchQueue(label: "verge.cache.disk.read", attributes: .concurrent)
    private let tagsLock = NIOLock()

    static let formatVersion = "1"

    /// Opens (creating if needed) the store in `directory`. A directory written by another
    /// format version is emptied.
    public init(directory: URL, log: @escaping @Sendable (String) -> Void = { _ in }) throws {
        self.directory = directory.standardizedFileURL
        self.log = log
        let fm = FileManager.default
        try fm.createDirectory(at: self.directory, withIntermediateDirectories: true)
        let versionFile = self.directory.appendingPathComponent("VERSION")
        let existing = (try? String(contentsOf: versionFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        if existing != DiskCacheStore.formatVersion {
            if existing != nil { log("cache: \(self.directory.path) was written by format \(existing ?? "?"); starting empty") }
            for kind in CacheEntry.Kind.allCases { try? fm.removeItem(at: self.directory.appendingPathComponent(kind.directoryName)) }
            try? fm.removeItem(at: self.directory.appendingPathComponent("tags"))
        }
        try? fm.removeItem(at: self.directory.appendingPathComponent("tmp"))
        try fm.createDirectory(at: self.directory.appendingPathComponent("tmp"), withIntermediateDirectories: true)
        for kind in CacheEntry.Kind.allCases {
            try fm.createDirectory(at: self.directory.appendingPathComponent(kind.directoryName), withIntermediateDirectories: true)
        }
        if existing != DiskCacheStore.formatVersion {
            try DiskCacheStore.writeAtomically(Array((DiskCacheStore.formatVersion + "\n").utf8), to: versionFile,
                                               temporaryDirectory: self.directory.appendingPathComponent("tmp"))
        }
    }

    /// The file of `key`.
    public func fileURL(forKey key: String) -> URL {
        let hash = sha256Hex(key)
        let kind = CacheEntry.Kind(key: key) ?? .fetch
        return directory.appendingPathComponent(kind.directoryName)
            .appendingPathComponent(String(hash.prefix(2)))
            .appendingPathComponent(hash + ".entry")
    }

    // MARK: CacheStore

    public func entry(forKey key: String) async -> CacheEntry? {
        let url = fileURL(forKey: key)
        return await withCheckedContinuation { continuation in
            reads.async { continuation.resume(returning: self.readEntry(at: url, key: key)) }
        }
    }

    public func store(_ entry: CacheEntry) async throws {
        let url = fileURL(forKey: entry.key)
        let bytes = EntryCodec.encode(entry)
        let temporary = directory.appendingPathComponent("tmp")
        try await onWriteQueue {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try DiskCacheStore.writeAtomically(bytes, to: url, temporaryDirectory: temporary)
        }
    }

    public func removeEntry(forKey key: String) async throws {
        let url = fileURL(forKey: key)
        try await onWriteQueue {
            if unlink(url.path) != 0 && errno != ENOENT {
                throw DiskCacheError.io("could not remove \(url.path): \(String(cString: strerror(errno)))")
            }
        }
    }

    public func removeEntries(ofKind kind: CacheEntry.Kind) async throws {
        let folder = directory.appendingPathComponent(kind.directoryName)
        let trash = directory.appendingPathComponent("tmp").appendingPathComponent("removed-\(UUID().uuidString)")
        try await onWriteQueue {
            let fm = FileManager.default
            // Renamed away first (atomic), then deleted: a crash never leaves half a folder.
            if fm.fileExists(atPath: folder.path) {
                try fm.moveItem(at: folder, to: trash)
                try? fm.removeItem(at: trash)
            }
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        }
    }

    public func tagRevalidations() async -> [String: Double] {
        let url = directory.appendingPathComponent("tags")
        return await withCheckedContinuation { continuation in
            writes.async { continuation.resume(returning: self.readTags(at: url)) }
        }
    }

    public func recordTagRevalidation(_ tags: [String], at time: Double) async throws {
        let url = directory.appendingPathComponent("tags")
        let temporary = directory.appendingPathComponent("tmp")
        try await onWriteQueue {
            var all = self.readTags(at: url)
            for tag in tags { all[tag] = max(all[tag] ?? 0, time) }
            var text = ""
            for (tag, at) in all.sorted(by: { $0.key < $1.key }) {
                text += "\(at.bitPattern)\t\(tag)\n"
            }
            var bytes = Array(text.utf8)
            bytes.append(contentsOf: Array(("#" + sha256Hex(text) + "\n").utf8))
            try DiskCacheStore.writeAtomically(bytes, to: url, temporaryDirectory: temporary)
        }
    }

    public func flush() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            writes.async { continuation.resume() }
        }
    }

    // MARK: Files

    private func onWriteQueue(_ work: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            writes.async {
                do {
                    try work()
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private func readEntry(at url: URL, key: String) -> CacheEntry? {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno != ENOENT { log("cache: cannot read \(url.path): \(String(cString: strerror(errno))); treated as a miss") }
            return nil
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(size, 1), alignment: 8)
        defer { buffer.deallocate() }
        guard let base = buffer.baseAddress else { return nil }
        var read = 0
        while read < size {
            let count = Glibc.read(fd, base + read, size - read)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            read += count
        }
        do {
            let entry = try EntryCodec.decode(UnsafeRawBufferPointer(rebasing: buffer[0..<read]))
            guard entry.key == key else {
                log("cache: \(url.path) holds another key; treated as a miss")
                return nil
            }
            return entry
        } catch {
            log("cache: corrupt entry \(url.path) (\(error)); deleted, treated as a miss")
            // Removed on the write queue so it cannot race a concurrent store of the same key.
            let path = url.path
            let inode = info.st_ino
            writes.async {
                // Only if it is still the damaged file (a new store renames a fresh inode in).
                var now = stat()
                if stat(path, &now) == 0, now.st_ino == inode { unlink(path) }
            }
            return nil
        }
    }

    private func readTags(at url: URL) -> [String: Double] {
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else { return [:] }
        guard let marker = text.range(of: "#", options: .backwards) else {
            log("cache: \(url.path) has no checksum; tag revalidations ignored")
            return [:]
        }
        let body = String(text[..<marker.lowerBound])
        let checksum = text[marker.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        guard sha256Hex(body) == checksum else {
            log("cache: \(url.path) is corrupt (checksum mismatch); tag revalidations ignored")
            return [:]
        }
        var tags: [String: Double] = [:]
        for line in body.split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t"), let bits = UInt64(line[..<tab]) else { continue }
            tags[String(line[line.index(after: tab)...])] = Double(bitPattern: bits)
        }
        return tags
    }

    /// Writes `bytes` to a temporary file, fsyncs it, renames it to `url`, fsyncs the folder.
    static func writeAtomically(_ bytes: [UInt8], to url: URL, temporaryDirectory: URL) throws {
        let temporary = temporaryDirectory.appendingPathComponent(UUID().uuidString)
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DiskCacheError.io("cannot create \(temporary.path): \(String(cString: strerror(errno)))") }
        var failure: String?
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var written = 0
            while written < raw.count {
                let count = write(fd, base + written, raw.count - written)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else {
                    failure = "cannot write \(temporary.path): \(String(cString: strerror(errno)))"
                    return
                }
                written += count
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = "cannot fsync \(temporary.path): \(String(cString: strerror(errno)))" }
        close(fd)
        if let failure {
            unlink(temporary.path)
            throw DiskCacheError.io(failure)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary.path)
            throw DiskCacheError.io("cannot rename into \(url.path): \(message)")
        }
        let folder = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }
}

public enum DiskCacheError: Error, CustomStringConvertible {
    case io(String)

    public var description: String {
        switch self {
        case .io(let message): return "cache store: \(message) (check that the cache directory is writable and the disk is not full)"
        }
    }
}

extension CacheEntry.Kind {
    var directoryName: String {
        switch self {
        case .fetch: return "fetch"
        case .route: return "route"
        }
    }
}
