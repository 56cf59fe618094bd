import NIOCore
import NIOPosix
import Testing
@testable import VergeEdge
import VergeJS

/// The host-facing internals of the request/response modules (what the HTTP server and
/// fetch call from Swift): `requestFromHost`, `requestToHost`, `responseToHost`,
/// `responseFromHost`. User code cannot reach them, so they are tested from Swift.
@Suite struct BodiesHostTests {
    /// Runs `body` with a fresh realm on its isolate's event loop and returns its result.
    func withRealm<T: Sendable>(_ body: @escaping @Sendable (Realm) throws -> T) throws -> T {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let loop = group.next()
        return try loop.submit {
            let isolate = Isolate(eventLoop: loop, name: "bodies-test")
            let realm = try isolate.makeRealm(name: "bodies-test")
            defer { realm.close() }
            return try realm.run { try body(realm) }
        }.wait()
    }

    func exports(_ realm: Realm, _ module: String) throws -> JSValue {
        try realm.hook("requireModule").call([realm.js.string(module)])
    }

    @Test func responseToHostHandsOverAStringBodyAndTheFlatHeaderList() throws {
        let result = try withRealm { realm -> [String] in
            let response = try realm.js.evaluate(
                "new Response('héllo', { status: 201, statusText: 'Made', headers: [['X-A', '1'], ['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']] })")
            let host = try exports(realm, "response").get("responseToHost").call([response])
            let headers = try host.get("headers").arrayElements().map { try $0.toString() }
            let body = try host.get("body")
            let used = try realm.js.evaluate("(r) => r.bodyUsed").call([response])
            return [try host.get("status").toString(), try host.get("statusText").toString(),
                    body.isString ? try body.toString() : "not a string",
                    headers.joined(separator: "|"), String(used.toBool())]
        }
        #expect(result == ["201", "Made", "héllo",
                           "x-a|1|set-cookie|a=1|set-cookie|b=2|content-type|text/plain;charset=UTF-8", "true"])
    }

    @Test func responseToHostGivesBytesForBufferSourcesAndBlobs() throws {
        let result = try withRealm { realm -> [[UInt8]] in
            let toHost = try exports(realm, "response").get("responseToHost")
            let fromBytes = try toHost.call([try realm.js.evaluate("new Response(new Uint8Array([1, 2, 3]))")])
            let fromBlob = try toHost.call([try realm.js.evaluate("new Response(new Blob(['ab', new Uint8Array([0])]))")])
            return [try fromBytes.get("body").bytes() ?? [], try fromBlob.get("body").bytes() ?? []]
        }
        #expect(result == [[1, 2, 3], [97, 98, 0]])
    }

    @Test func responseToHostGivesNullForNoBodyAndRejectsAUsedBody() throws {
        let result = try withRealm { realm -> [String] in
            let toHost = try exports(realm, "response").get("responseToHost")
            let empty = try toHost.call([try realm.js.evaluate("new Response(null, { status: 204 })")])
            var outcome = [String(try empty.get("body").isNull), try empty.get("status").toString()]
            let used = try realm.js.evaluate("const used = new Response('x'); used.text(); used")
            do {
                _ = try toHost.call([used])
                outcome.append("no error")
            } catch let error as JSException {
                outcome.append(error.name)
            }
            do {
                _ = try toHost.call([realm.js.string("not a response")])
                outcome.append("no error")
            } catch let error as JSException {
                outcome.append(error.name)
            }
            return outcome
        }
        #expect(result == ["true", "204", "TypeError", "TypeError"])
    }

    @Test func responseToHostKeepsTheFastPathWhenBodyWasOnlyTouched() throws {
        let result = try withRealm { realm -> [String] in
            let response = try realm.js.evaluate("const touched = new Response('fast'); touched.body; touched")
            let host = try exports(realm, "response").get("responseToHost").call([response])
            let body = try host.get("body")
            let state = try realm.js.evaluate("[touched.bodyUsed, touched.body.locked].join('|')").toString()
            return [body.isString ? try body.toString() : "not a string", state]
        }
        #expect(result == ["fast", "true|true"])
    }

    @Test func responseToHostPassesStreamBodiesThrough() throws {
        let result = try withRealm { realm -> [String] in
            let response = try realm.js.evaluate("""
                globalThis.source = new ReadableStream({ start(c) { c.enqueue(new Uint8Array([1])); c.close(); } });
                new Response(source)
                """)
            let host = try exports(realm, "response").get("responseToHost").call([response])
            let same = try realm.js.evaluate("(b) => b === source").call([try host.get("body")])
            return [String(same.toBool())]
        }
        #expect(result == ["true"])
    }

    @Test func requestFromHostAdoptsTheServerRequest() throws {
        let result = try withRealm { realm -> String in
            let fromHost = try exports(realm, "request").get("requestFromHost")
            let hostInit = try realm.js.evaluate("""
                ({ method: 'POST', url: 'https://example.test/path?q=1',
                   headers: ['Host', 'example.test', 'Content-Type', 'text/plain', 'X-Multi', 'a', 'x-multi', 'b'],
                   body: new Uint8Array([104, 105]) })
                """)
            let request = try fromHost.call([hostInit])
            try realm.js.global.set("hostRequest", request)
            _ = try realm.js.evaluate("""
                globalThis.summary = [hostRequest instanceof Request, hostRequest.method, hostRequest.url,
                  hostRequest.headers.get('host'), hostRequest.headers.get('X-MULTI'), [...hostRequest.headers.keys()].join(','),
                  hostRequest.mode, hostRequest.signal.aborted].join('|');
                hostRequest.text().then((t) => { globalThis.summary += '|' + t; });
                """)
            return try realm.js.global.get("summary").toString()
        }
        #expect(result == "true|POST|https://example.test/path?q=1|example.test|a, b|content-type,host,x-multi|cors|false|hi")
    }

    @Test func requestFromHostHeadersKeepTheRequestGuard() throws {
        let result = try withRealm { realm -> String in
            let fromHost = try exports(realm, "request").get("requestFromHost")
            let request = try fromHost.call([try realm.js.evaluate(
                "({ method: 'GET', url: 'https://example.test/', headers: ['Accept', '*/*'], body: null })")])
            try realm.js.global.set("hostRequest", request)
            return try realm.js.evaluate("""
                hostRequest.headers.set('x-added', '1');
                [hostRequest.headers.get('x-added'), hostRequest.body === null, hostRequest.clone().headers.get('accept')].join('|')
                """).toString()
        }
        #expect(result == "1|true|*/*")
    }

    @Test func requestToHostDescribesTheRequestForFetch() throws {
        let result = try withRealm { realm -> [String] in
            let toHost = try exports(realm, "request").get("requestToHost")
            let request = try realm.js.evaluate(
                "new Request('https://example.test/upload', { method: 'put', body: 'data', redirect: 'manual', headers: { 'X-A': '1' } })")
            let host = try toHost.call([request])
            let headers = try host.get("headers").arrayElements().map { try $0.toString() }
            let body = try host.get("body").bytes() ?? []
            let signalIsObject = try host.get("signal").isObject
            let used = try realm.js.evaluate("(r) => r.bodyUsed").call([request]).toBool()
            return [try host.get("method").toString(), try host.get("url").toString(), headers.joined(separator: "|"),
                    String(decoding: body, as: UTF8.self), try host.get("redirect").toString(),
                    String(signalIsObject), String(used)]
        }
        #expect(result == ["PUT", "https://example.test/upload", "x-a|1|content-type|text/plain;charset=UTF-8",
                           "data", "manual", "true", "true"])
    }

    @Test func responseFromHostBuildsAnImmutableFetchResponse() throws {
        let result = try withRealm { realm -> String in
            let fromHost = try exports(realm, "response").get("responseFromHost")
            let hostInit = try realm.js.evaluate("""
                ({ status: 404, statusText: 'Not Found', headers: ['Content-Type', 'text/plain', 'X-A', '1'],
                   body: new Uint8Array([110, 111]), url: 'https://example.test/final#frag', redirected: true })
                """)
            let response = try fromHost.call([hostInit])
            try realm.js.global.set("hostResponse", response)
            _ = try realm.js.evaluate("""
                let immutable = false;
                try { hostResponse.headers.set('x', 'y'); } catch (e) { immutable = e instanceof TypeError; }
                globalThis.summary = [hostResponse.status, hostResponse.statusText, hostResponse.ok, hostResponse.url,
                  hostResponse.redirected, hostResponse.type, hostResponse.headers.get('x-a'), immutable].join('|');
                hostResponse.text().then((t) => { globalThis.summary += '|' + t; });
                """)
            return try realm.js.global.get("summary").toString()
        }
        #expect(result == "404|Not Found|false|https://example.test/final|true|default|1|true|no")
    }
}
