// verge-bench: the Swift side of `make bench` (scripts/bench drives it; see docs/benchmarks.md).
//
//   verge-bench isolate [--samples N]      isolate and realm micro-benchmarks, "key<TAB>value" lines
//   verge-bench nio-hello --port P          raw SwiftNIO hello server (no routing, no JS): the ceiling
//   verge-bench app <dev|build|start|routes> [options]
//                                           benchmarks/apps/http served by a VergeApp with one Swift route
//
// Every loop here is bounded by a sample count.
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Verge
import VergeJS

#if canImport(Glibc)
import Glibc
#endif

// MARK: Measuring

@inline(__always)
func nowNanoseconds() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
}

@inline(__always)
func threadCPUNanoseconds() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
}

/// The process's resident set size in bytes (/proc/self/statm).
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// p-th percentile (nearest rank) of nanosecond samples, in milliseconds.
func percentile(_ samples: [Int64], _ p: Double) -> Double {
    guard !samples.isEmpty else { return .nan }
    let sorted = samples.sorted()
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
    return Double(sorted[min(max(rank, 0), sorted.count - 1)]) / 1e6
}

func emit(_ key: String, _ value: Double) {
    print("\(key)\t\(String(format: "%.4f", value))")
}

func emitLatency(_ key: String, _ samples: [Int64], cpu: [Int64] = []) {
    emit("\(key).p50_ms", percentile(samples, 50))
    emit("\(key).p99_ms", percentile(samples, 99))
    if !cpu.isEmpty { emit("\(key).cpu_p50_ms", percentile(cpu, 50)) }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
}

// MARK: Isolate micro-benchmarks

/// The same trivial handler the Node peer evaluates (benchmarks/peers/node-vm-micro.js).
let trivialSource = "(function handler(name) { return 'Hello, ' + name + '!'; })"

func realmOptions(eager: Bool) -> RealmOptions {
    var options = RealmOptions()
    options.eagerAPIs = eager
    options.console = ConsoleSink { _, _ in }
    return options
}

/// Everything runs on one event loop thread, as in the server (`Isolate` is confined to it).
func isolateBenchmarks(loop: any EventLoop, samples: Int) throws {
    let limits = IsolateLimits.edgeDefaults
    // Memory is measured first, in a process that has freed nothing yet (RSS deltas are
    // honest only while the allocator has no freed pages to reuse), and without the 128 MB
    // heap limit: 100 eager realms in one VM exceed it, which condemns the VM.
    var memoryLimits = limits
    memoryLimits.heapBytes = nil
    var kept: [Any] = []
    // 5. Memory per idle realm: RSS growth over 100 realms kept alive in one warm VM.
    for eager in [false, true] {
        let isolate = Isolate(eventLoop: loop, limits: memoryLimits, name: "memory")
        var realms: [Realm] = []
        for _ in 0..<3 { realms.append(try isolate.makeRealm(name: "warmup", options: realmOptions(eager: eager))) }
        realms[0].js.collectGarbage()
        usleep(100_000)
        let before = residentBytes()
        for _ in 0..<100 { realms.append(try isolate.makeRealm(name: "idle", options: realmOptions(eager: eager))) }
        realms[0].js.collectGarbage()
        let after = residentBytes()
        emit("memory.realm.\(eager ? "eager" : "lazy")_mb", Double(after - before) / 100 / 1_048_576)
        kept.append((isolate, realms))
    }

    // 6. Memory per VM: RSS growth over 20 isolates, each with one idle (lazy) realm.
    do {
        var isolates: [Isolate] = []
        var realms: [Realm] = []
        let warm = Isolate(eventLoop: loop, limits: memoryLimits, name: "vm-warmup")
        realms.append(try warm.makeRealm(name: "warmup", options: realmOptions(eager: false)))
        isolates.append(warm)
        realms[0].js.collectGarbage()
        usleep(100_000)
        let before = residentBytes()
        for _ in 0..<20 {
            let isolate = Isolate(eventLoop: loop, limits: memoryLimits, name: "vm")
            let realm = try isolate.makeRealm(name: "idle", options: realmOptions(eager: false))
            realm.js.collectGarbage()
            isolates.append(isolate)
            realms.append(realm)
        }
        let after = residentBytes()
        emit("memory.vm_mb", Double(after - before) / 20 / 1_048_576)
        kept.append((isolates, realms))
    }
    // Freed only now, so that no measurement above reused pages another one freed.
    kept.removeAll()


    // 1. Ready realm in a fresh VM (a new isolate each time; it compiles the runtime-apis core).
    for eager in [false, true] {
        var times: [Int64] = []
        var cpu: [Int64] = []
        for index in 0..<(samples + 5) {
            let start = nowNanoseconds()
            let startCPU = threadCPUNanoseconds()
            let isolate = Isolate(eventLoop: loop, limits: limits, name: "fresh")
            let realm = try isolate.makeRealm(name: "fresh", options: realmOptions(eager: eager))
            let elapsed = nowNanoseconds() - start
            let elapsedCPU = threadCPUNanoseconds() - startCPU
            realm.close()
            if index >= 5 {   // the first few warm up the process
                times.append(elapsed)
                cpu.append(elapsedCPU)
            }
        }
        emitLatency("realm.fresh_vm.\(eager ? "eager" : "lazy")", times, cpu: cpu)
    }

    // 2. Ready realm in a warm VM (one isolate that already made realms: compiled code reused).
    for eager in [false, true] {
        let isolate = Isolate(eventLoop: loop, limits: limits, name: "warm")
        for _ in 0..<10 { try isolate.makeRealm(name: "warmup", options: realmOptions(eager: eager)).close() }
        var times: [Int64] = []
        var cpu: [Int64] = []
        for _ in 0..<samples {
            let start = nowNanoseconds()
            let startCPU = threadCPUNanoseconds()
            let realm = try isolate.makeRealm(name: "warm", options: realmOptions(eager: eager))
            times.append(nowNanoseconds() - start)
            cpu.append(threadCPUNanoseconds() - startCPU)
            realm.close()
        }
        emitLatency("realm.warm_vm.\(eager ? "eager" : "lazy")", times, cpu: cpu)
    }

    // 2b. For comparison: a bare JavaScriptCore context in a warm VM (no Web APIs, no ops),
    //     which is what the bootstrap adds to.
    do {
        let isolate = Isolate(eventLoop: loop, limits: limits, name: "bare")
        try isolate.makeRealm(name: "warmup", options: realmOptions(eager: false)).close()
        var times: [Int64] = []
        var cpu: [Int64] = []
        for _ in 0..<samples {
            let start = nowNanoseconds()
            let startCPU = threadCPUNanoseconds()
            let context = JSRealm(vm: isolate.vm, name: "bare")
            context.setEvalEnabled(false, message: "Code generation from strings disallowed for this context")
            times.append(nowNanoseconds() - start)
            cpu.append(threadCPUNanoseconds() - startCPU)
            context.close()
        }
        emitLatency("realm.warm_vm.bare", times, cpu: cpu)
    }

    // 3. Evaluate-and-call of a trivial function in a ready realm (a realm per sample, so the
    //    source is evaluated in a context that has not seen it, as at a segment's cold boot),
    //    and the whole: new realm + evaluate + call.
    do {
        let isolate = Isolate(eventLoop: loop, limits: limits, name: "call")
        var evalCall: [Int64] = []
        var whole: [Int64] = []
        for index in 0..<(samples + 10) {
            let start = nowNanoseconds()
            let realm = try isolate.makeRealm(name: "call", options: realmOptions(eager: false))
            let ready = nowNanoseconds()
            let result = try realm.run { () throws -> String in
                let function = try realm.js.evaluate(trivialSource, sourceURL: "trivial.js")
                return try function.call([realm.js.string("world")]).toString()
            }
            let end = nowNanoseconds()
            guard result == "Hello, world!" else { throw BenchFailure(description: "trivial function returned \(result)") }
            realm.close()
            if index >= 10 {
                evalCall.append(end - ready)
                whole.append(end - start)
            }
        }
        emitLatency("eval_call.ready_realm", evalCall)
        emitLatency("eval_call.new_realm", whole)

        // 4. Calling an already-evaluated function from Swift through the isolate seam
        //    (CPU accounting, watchdog, microtask checkpoint): mean over a batch.
        let realm = try isolate.makeRealm(name: "calls", options: realmOptions(eager: false))
        let function = try realm.run { try realm.js.evaluate(trivialSource, sourceURL: "trivial.js") }
        let argument = realm.js.string("world")
        for _ in 0..<1000 { _ = try realm.run { try function.call([argument]) } }
        let calls = 100_000
        let start = nowNanoseconds()
        let startCPU = threadCPUNanoseconds()
        for _ in 0..<calls { _ = try realm.run { try function.call([argument]) } }
        emit("call.warm.mean_us", Double(nowNanoseconds() - start) / Double(calls) / 1000)
        emit("call.warm.cpu_mean_us", Double(threadCPUNanoseconds() - startCPU) / Double(calls) / 1000)
        realm.close()
    }

}

/// Runs the isolate benchmarks on a one-thread event loop and waits for them.
func runIsolateBenchmarks(samples: Int) throws {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    defer { try? group.syncShutdownGracefully() }
    let loop = group.next()
    try loop.submit { try isolateBenchmarks(loop: loop, samples: samples) }.wait()
}

// MARK: Raw SwiftNIO hello (the ceiling: no routing, no JS)

final class HelloHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private var keepAlive = true
    private let body: ByteBuffer
    private let headers: HTTPHeaders

    init() {
        body = ByteBuffer(string: "Hello, world!")
        headers = HTTPHeaders([("content-type", "text/plain; charset=utf-8"), ("content-length", "13")])
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            keepAlive = head.isKeepAlive
        case .body:
            break
        case .end:
            var responseHeaders = headers
            if !keepAlive { responseHeaders.add(name: "connection", value: "close") }
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: responseHeaders))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            if keepAlive {
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            } else {
                let channel = context.channel
                context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
            }
        }
    }
}

func serveNIOHello(port: Int, threads: Int) throws {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
    // The same socket and pipeline options as VergeServer's HTTPServer.
    let bootstrap = ServerBootstrap(group: group)
        .serverChannelOption(.backlog, value: 1024)
        .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
        .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
        .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
        .childChannelOption(.maxMessagesPerRead, value: 16)
        .childChannelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                try channel.pipeline.syncOperations.addHandler(HelloHandler())
            }
        }
    let channel = try bootstrap.bind(host: "127.0.0.1", port: port).wait()
    print("NIO hello listening on http://127.0.0.1:\(channel.localAddress?.port ?? port)")
    fflush(nil)
    try channel.closeFuture.wait()
}

// MARK: Command line

func option(_ name: String, in arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func usage() -> Never {
    FileHandle.standardError.write(Data("""
    usage: verge-bench isolate [--samples N]
           verge-bench nio-hello [--port P] [--threads N]
           verge-bench app <dev|build|start|routes> [options]

    """.utf8))
    exit(64)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else { usage() }

switch command {
case "isolate":
    let samples = Int(option("--samples", in: arguments) ?? "200") ?? 200
    guard (10...100_000).contains(samples) else { usage() }
    do {
        try runIsolateBenchmarks(samples: samples)
    } catch {
        FileHandle.standardError.write(Data("verge-bench isolate: \(error)\n".utf8))
        exit(1)
    }

case "nio-hello":
    let port = Int(option("--port", in: arguments) ?? "8090") ?? 8090
    let threads = Int(option("--threads", in: arguments) ?? "1") ?? 1
    do {
        try serveNIOHello(port: port, threads: max(1, threads))
    } catch {
        FileHandle.standardError.write(Data("verge-bench nio-hello: cannot listen on 127.0.0.1:\(port): \(error)\n".utf8))
        exit(1)
    }

case "app":
    // benchmarks/apps/http: edge routes in app/, one Swift route registered here.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("apps/http")
    do {
        let app = try VergeApp(directory: root.path)
        try app.nodejs("/swift/hello") { route in
            route.get { _, _ in
                .text("Hello, world!")
            }
        }
        await app.run(arguments: Array(arguments.dropFirst()))
    } catch {
        FileHandle.standardError.write(Data("verge-bench app: \(error)\n".utf8))
        exit(1)
    }

default:
    usage()
}
