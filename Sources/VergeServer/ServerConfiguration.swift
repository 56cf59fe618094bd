import NIOCore
import VergeCache
import VergeEdge

/// How edge segments share JavaScriptCore VMs on an event loop.
public enum EdgeIsolation: String, Sendable, CaseIterable {
    /// One VM per event loop; each segment gets its own realm (global object) in it.
    /// Cheap (a further realm costs ~1.5 MB and a few ms) but one heap: a segment that blows
    /// the heap limit condemns the VM, ending the in-flight requests of every segment on it.
    case sharedVM = "shared-vm"
    /// One VM per segment per event loop: separate heaps (a heap breach ends only that
    /// segment's requests), at ~4 MB and tens of ms more per segment.
    case vmPerSegment = "vm-per-segment"
}

/// Server settings (flags, `PORT`, verge.json).
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 3000
    /// Event loop threads (default: one per core).
    public var threads = System.coreCount
    /// Limits for edge segments (docs/limits.md).
    public var edgeLimits = IsolateLimits.edgeDefaults
    /// Subrequests (`fetch`) one edge request may make.
    public var subrequestLimit = 50
    /// Time until the first response byte before 504 (Vercel: 25 s). `maxDuration` in a
    /// segment's config replaces it for that segment.
    public var timeToFirstByte: TimeAmount = .seconds(25)
    public var isolation = EdgeIsolation.sharedVM
    /// Request body bytes buffered ahead of the reader before the socket stops being read.
    public var bodyBufferLimit = 1 << 20
    /// Print one line per request.
    public var logRequests = true
    /// Development mode: build errors and handler errors are shown in the 500 page.
    public var development = false
    /// HTTPS: PEM certificate chain and private key files. With TLS, ALPN offers HTTP/2
    /// ("h2") and HTTP/1.1; without it, the port speaks HTTP/1.1 and h2c (prior knowledge).
    public var tls: TLSFiles?

    public struct TLSFiles: Sendable {
        public var certificateChainPath: String
        public var privateKeyPath: String

        public init(certificateChainPath: String, privateKeyPath: String) {
            self.certificateChainPath = certificateChainPath
            self.privateKeyPath = privateKeyPath
        }
    }
    /// The response cache (data cache and full-route cache) of both runtimes; nil:
    /// `ResponseCache.shared` (docs/caching.md).
    public var cache: ResponseCache?

    public init() {}
}
