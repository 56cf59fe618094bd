import Foundation
import NIOCore
import VergeCache
import VergeEdge
import VergeJS
import VergeRouter

/// A segment's realm on one event loop, ready to serve: its bundle evaluated and its
/// exports read.
final class SegmentInstance {
    let routeID: String
    let realm: Realm
    let isolate: Isolate
    /// What `server.prepareSegment` returned (handlers, Allow).
    let segment: JSValue
    let handle: JSValue
    let abortRequest: JSValue
    let generation: Int
    /// Identifies the bundle and environment it was built from.
    let version: Int
    /// Requests in flight on this instance.
    var inFlight = 0

    init(routeID: String, realm: Realm, isolate: Isolate, segment: JSValue, handle: JSValue, abortRequest: JSValue,
         generation: Int, version: Int) {
        self.version = version
        self.routeID = routeID
        self.realm = realm
        self.isolate = isolate
        self.segment = segment
        self.handle = handle
        self.abortRequest = abortRequest
        self.generation = generation
    }

    /// A realm left half-updated by a limit, or on a condemned isolate, is not reused.
    var isHealthy: Bool { !realm.isClosed && !realm.mayBeCorrupt && !isolate.isCondemned }
}

/// The edge runtime of one event loop: its isolates, the realm of each segment, and the
/// edge requests in flight. Confined to its loop (every JS call happens there, on the
/// thread that read the request: no hop on the hot path).
final class EdgeHost {
    let loop: any EventLoop
    let configuration: ServerConfiguration
    let log: LogSink
    private var sharedIsolate: Isolate?
    private var isolatesBySegment: [String: Isolate] = [:]
    private var instances: [String: SegmentInstance] = [:]
    /// Bundles compiled per VM (a compiled script holds its VM, so the identity cannot be
    /// reused while the entry exists), by "route-id|version". A recycled VM's entries go with it.
    private var compiled: [ObjectIdentifier: [String: JSCompiledScript]] = [:]
    var exchanges: [Int: EdgeExchange] = [:]
    private var nextRequestID = 1
    /// Where this loop's Swift handlers run (the loop itself).
    let taskExecutor: EventLoopTaskExecutor
    /// Ends of responses of this loop's connections, flushed once per tick.
    let flusher: ResponseFlusher

    init(loop: any EventLoop, configuration: ServerConfiguration, log: LogSink) {
        self.loop = loop
        self.taskExecutor = EventLoopTaskExecutor(loop: loop)
        self.flusher = ResponseFlusher(loop: loop)
        self.configuration = configuration
        self.log = log
    }

    func makeRequestID() -> Int {
        defer { nextRequestID &+= 1 }
        return nextRequestID
    }

    /// The ready instance of `route`, booting it (cold start) when needed. `kind` is what
    /// `prepareSegment` gets ("route", "page" or "middleware"); `name` tags its logs.
    func instance(for route: RouteDefinition, application: ServedApplication, kind: String? = nil,
                  name: String? = nil) throws -> SegmentInstance {
        do {
            let instance = try boot(route, application: application, kind: kind, name: name)
            if instance.isHealthy { return instance }
            log.write("[\(name ?? route.segmentName)] its VM was recycled at the heap limit while it booted; booting it in a fresh VM")
            retire(instance)
            return try boot(route, application: application, kind: kind, name: name)
        } catch let error as EdgeError {
            // A shared VM can reach its heap limit while this segment boots, through the
            // memory of the others: the VM is recycled, and the segment boots once more in a
            // fresh one (a segment that alone exceeds the limit fails again, and is reported).
            switch error {
            case .heapLimitExceeded, .isolateCondemned:
                log.write("[\(name ?? route.segmentName)] its VM reached the heap limit while it booted; booting it in a fresh VM")
                return try boot(route, application: application, kind: kind, name: name)
            default:
                throw error
            }
        }
    }

    private func boot(_ route: RouteDefinition, application: ServedApplication, kind: String?,
                      name: String?) throws -> SegmentInstance {
        let version = application.version(of: route.id)
        if let existing = instances[route.id] {
            if existing.isHealthy && existing.version == version { return existing }
            retire(existing)
        }
        guard let bundle = application.bundles[route.id] else {
            throw EdgeServeError.notBuilt(route.file ?? route.id)
        }
        let isolate = isolateFor(route)
        var options = RealmOptions()
        options.env = application.edgeEnvironment
        let log = self.log
        let tag = name ?? route.segmentName
        options.console = ConsoleSink { level, text in
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                log.write("[\(tag)] \(level == .error || level == .warn ? level.name + ": " : "")\(line)")
            }
        }
        options.onUncaught = { error in
            log.write("[\(tag)] \(error.message)")
        }
        options.hostOps = serverOps()
        options.dataCache = RequestCacheContext(cache: configuration.cache ?? ResponseCache.shared, segment: route.config)
        let realm = try isolate.makeRealm(name: tag, options: options)
        do {
            let vmID = ObjectIdentifier(isolate.vm)
            let key = "\(route.id)|\(version)"
            let script: JSCompiledScript
            if let cached = compiled[vmID]?[key] {
                script = cached
            } else {
                script = try JSCompiledScript(vm: isolate.vm, source: bundle.source, sourceURL: route.file ?? route.id)
                compiled[vmID, default: [:]][key] = script
            }
            let startup = Invocation(cpuBudget: configuration.edgeLimits.startupCPUTime, realmName: tag)
            let instance = try realm.run(invocation: startup) { () throws -> SegmentInstance in
                // The server module first: it defines the hook next/server registers with
                // while the bundle evaluates.
                let server = try realm.module("server")
                try realm.js.evaluate(script)
                let namespace = try realm.js.global.get(EdgeBundler.globalName)
                let segment = try server.invoke("prepareSegment", [
                    try namespace.get("route"), try namespace.get("layouts"),
                    realm.js.string(kind ?? route.kind.rawValue),
                ])
                return SegmentInstance(routeID: route.id, realm: realm, isolate: isolate, segment: segment,
                                       handle: try server.get("handle"), abortRequest: try server.get("abortRequest"),
                                       generation: application.generation, version: version)
            }
            instances[route.id] = instance
            return instance
        } catch {
            realm.close()
            throw error
        }
    }

    private func isolateFor(_ route: RouteDefinition) -> Isolate {
        switch configuration.isolation {
        case .sharedVM:
            if let shared = sharedIsolate {
                if !shared.isCondemned { return shared }
                compiled.removeValue(forKey: ObjectIdentifier(shared.vm))
            }
            let isolate = Isolate(eventLoop: loop, limits: configuration.edgeLimits, name: "edge")
            sharedIsolate = isolate
            return isolate
        case .vmPerSegment:
            if let existing = isolatesBySegment[route.id] {
                if !existing.isCondemned { return existing }
                compiled.removeValue(forKey: ObjectIdentifier(existing.vm))
            }
            let isolate = Isolate(eventLoop: loop, limits: configuration.edgeLimits, name: route.segmentName)
            isolatesBySegment[route.id] = isolate
            return isolate
        }
    }

    /// Closes an instance once its requests are done (new requests get a fresh one).
    private func retire(_ instance: SegmentInstance) {
        instances.removeValue(forKey: instance.routeID)
        if instance.inFlight == 0 { instance.realm.close() } else { retiring.append(instance) }
    }

    private var retiring: [SegmentInstance] = []

    func requestFinished(on instance: SegmentInstance) {
        instance.inFlight -= 1
        if instance.inFlight == 0, let index = retiring.firstIndex(where: { $0 === instance }) {
            retiring.remove(at: index)
            instance.realm.close()
        }
    }

    /// Drops every instance (a new build generation, or shutdown).
    func retireAll() {
        for instance in Array(instances.values) { retire(instance) }
        compiled.removeAll()
    }

    var instanceCount: Int { instances.count }
    var isolateCount: Int { (sharedIsolate == nil ? 0 : 1) + isolatesBySegment.count }
}

enum EdgeServeError: Error, CustomStringConvertible {
    case notBuilt(String)

    var description: String {
        switch self {
        case .notBuilt(let file): return "\(file) has no edge bundle; run `verge build`"
        }
    }
}
