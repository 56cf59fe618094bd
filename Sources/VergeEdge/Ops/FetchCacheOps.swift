import CJavaScriptCore
import NIOCore
import VergeCache
import VergeJS

/// The data cache op behind `fetch` (runtime-apis/36_fetch.js):
///
/// `fetchCached(method, url, headers, body, cache, revalidate, tags)` → `null` when the
/// data cache does not apply (the realm has none, or the policy says no-store: JS then
/// fetches from the network as usual), else the cached response as
/// `[status, statusText, headers (flat), body (Uint8Array), url, redirected, state]`, or a
/// promise of it (a memory miss; it resolves to an Error with `code` when the network
/// failed). `revalidate` is `undefined`, `false` or seconds; `tags` `undefined` or an
/// array of strings (JS validated both). Throws a TypeError for a fetch the segment's
/// `fetchCache` forbids ('only-no-store', 'only-cache').
extension OpRegistry {
    mutating func registerFetchCacheOps() {
        let realm = self.realm
        add("fetchCached") { [unowned realm] frame in
            guard let base = realm.options.dataCache else { return realm.js.makeNull() }
            let invocation = realm.isolate.currentInvocation
            let context = invocation?.cacheContext ?? base
            let js = realm.js

            // Header names first: the decision needs only whether credentials are sent, and
            // most fetches are not cached (values are converted only for those that are).
            let flat = try js.wrap(frame[2]).arrayElements()
            var names: [String] = []
            names.reserveCapacity(flat.count / 2)
            var index = 0
            while index + 1 < flat.count {
                names.append(byteStringToSwift(try flat[index].toString()))
                index += 2
            }
            var revalidate: FetchRevalidate?
            if JSValueIsBoolean(js.context, frame[5]) {
                revalidate = frame.bool(5) ? nil : .never
            } else if JSValueIsNumber(js.context, frame[5]) {
                revalidate = .seconds(try frame.double(5))
            }
            var tags: [String] = []
            if !frame.isNullish(6) {
                for tag in try js.wrap(frame[6]).arrayElements() { tags.append(try tag.toString()) }
            }
            var request = DataFetchRequest(
                method: try frame.string(0), url: try frame.string(1), headers: names.map { ($0, "") },
                body: nil, cache: try frame.string(4), revalidate: revalidate, tags: tags)

            let decision: FetchCacheDecision
            do throws(FetchCachePolicyError) {
                decision = try DataCacheFetch.decide(request, context: context)
            } catch {
                throw JSError.typeError(error.message)
            }
            guard case .cache(let seconds, _) = decision else { return js.makeNull() }
            for (position, name) in names.enumerated() {
                request.headers[position] = (name, byteStringToSwift(try flat[position * 2 + 1].toString()))
            }
            request.body = frame.bytes(3).map { ByteBuffer(bytes: $0) }
            let cachedRequest = request
            let key = DataCacheFetch.key(for: cachedRequest)
            if let found = DataCacheFetch.cachedInMemory(cachedRequest, key: key, revalidate: seconds, context: context) {
                return try cachedResponse(found, in: js)
            }
            if let limit = realm.isolate.limits.subrequestsPerInvocation, let invocation {
                if invocation.subrequests >= limit {
                    throw JSError.typeError(
                        "fetch failed: too many subrequests (the limit is \(limit) per invocation; "
                            + "IsolateLimits.subrequestsPerInvocation). Make fewer fetch() calls per request.")
                }
                invocation.subrequests += 1
            }
            let work: @Sendable () async -> CachedFetchOutcome = {
                do {
                    return .response(try await DataCacheFetch.cached(cachedRequest, key: key, revalidate: seconds, context: context))
                } catch let error as DataFetchError {
                    return .failure(error)
                } catch {
                    return .failure(DataFetchError(message: "fetch failed: \(error)", code: "UND_ERR"))
                }
            }
            return try realm.hostOperation(work) { [unowned realm] outcome in
                switch outcome {
                case .response(let lookup): return try cachedResponse(lookup, in: realm.js)
                case .failure(let error): return makeNetworkError(error.networkError, in: realm.js)
                }
            }
        }
    }
}

enum CachedFetchOutcome: Sendable {
    case response(ResponseCache.Lookup)
    case failure(DataFetchError)
}

/// `[status, statusText, headers, body, url, redirected, state]` for JS.
private func cachedResponse(_ lookup: ResponseCache.Lookup, in js: JSRealm) throws -> JSValueRef {
    let entry = lookup.entry
    var headers: [JSValue] = []
    headers.reserveCapacity(entry.headers.count * 2)
    for header in entry.headers {
        headers.append(js.wrap(swiftToByteString(header.name, in: js)))
        headers.append(js.wrap(swiftToByteString(header.value, in: js)))
    }
    let body = try entry.body.withUnsafeReadableBytes { try js.makeUint8Array(copying: $0) }
    return try js.array([
        js.number(entry.status),
        js.wrap(swiftToByteString(entry.statusText, in: js)),
        js.array(headers),
        js.wrap(body),
        js.string(entry.url),
        js.boolean(entry.redirected),
        js.string(lookup.state.rawValue),
    ]).ref
}
