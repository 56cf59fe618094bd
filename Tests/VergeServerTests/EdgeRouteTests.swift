import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
@testable import Verge

let helloRoute = """
    export const runtime = 'edge';
    export function GET(request) { return new Response('hello ' + new URL(request.url).pathname); }
    """

@Suite("Edge routes behind the HTTP server")
struct EdgeRouteTests {
    @Test func methodsHeadOptionsAnd405() async throws {
        let server = try await TestServer.start([
            "app/api/items/route.ts": """
                export const runtime = 'edge';
                export async function GET(request: Request) {
                  return Response.json({ url: request.url, agent: request.headers.get('x-agent') });
                }
                export async function POST(request: Request) {
                  const body = await request.json();
                  return Response.json({ got: body }, { status: 201 });
                }
                """,
        ])
        defer { Task { await server.stop() } }
        let get = try await server.request("/api/items?x=1", headers: ["x-agent": "tests"])
        #expect(get.status == 200)
        #expect(get.body == #"{"url":"http://127.0.0.1:\#(server.port)/api/items?x=1","agent":"tests"}"#)
        #expect(get.headers.first(name: "content-type") == "application/json")
        let post = try await server.request("/api/items", method: .POST, headers: ["content-type": "application/json"], body: #"{"a":[1,2]}"#)
        #expect(post.status == 201)
        #expect(post.body == #"{"got":{"a":[1,2]}}"#)
        let put = try await server.request("/api/items", method: .PUT)
        #expect(put.status == 405)
        #expect(put.headers.first(name: "allow") == "GET, HEAD, OPTIONS, POST")
        let options = try await server.request("/api/items", method: .OPTIONS)
        #expect(options.status == 204)
        #expect(options.headers.first(name: "allow") == "GET, HEAD, OPTIONS, POST")
        let head = try await server.request("/api/items", method: .HEAD)
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
    }

    /// A response answered whole is encoded by the server itself (head and body in one
    /// buffer) unless its headers need NIO's encoder (the handler framed it, or a value is not
    /// ASCII): both ways give the same framing on the wire, HEAD and HTTP/1.0 included.
    @Test func wholeResponsesAreFramedAlikeByEitherEncoder() async throws {
        let server = try await TestServer.start([
            "app/w/[kind]/route.js": """
                export const runtime = 'edge';
                export async function GET(request, { params }) {
                  const { kind } = await params;
                  if (kind === 'text') return new Response('h\\u00e9llo', { status: 201, statusText: 'Made', headers: { 'X-A': '1' } });
                  if (kind === 'bytes') return new Response(new Uint8Array([104, 105]), { headers: { 'x-b': '2' } });
                  if (kind === 'empty') return new Response(null, { status: 204 });
                  if (kind === 'none') return new Response(null, { headers: { 'x-c': '3' } });
                  if (kind === 'framed') return new Response('abc', { headers: { 'content-length': '3' } });
                  return new Response('caf\\u00e9', { headers: { 'x-d': 'caf\\u00e9' } });
                }
                """,
        ])
        defer { Task { await server.stop() } }
        let requests = ["text", "bytes", "empty", "none", "framed", "latin"].map { "GET /w/\($0) HTTP/1.1\r\nHost: a\r\n\r\n" }.joined()
            + "HEAD /w/text HTTP/1.1\r\nHost: a\r\n\r\n"
            + "GET /w/text HTTP/1.0\r\nHost: a\r\n\r\n"
        let received = try await rawExchange(port: server.port, requests) { $0.hasSuffix("connection: close\r\n\r\nh\u{e9}llo") }
        let expected = [
            "HTTP/1.1 201 Made\r\nx-a: 1\r\ncontent-type: text/plain;charset=UTF-8\r\ncontent-length: 6\r\n\r\nh\u{e9}llo",
            "HTTP/1.1 200 OK\r\nx-b: 2\r\ncontent-length: 2\r\n\r\nhi",
            "HTTP/1.1 204 No Content\r\n\r\n",
            "HTTP/1.1 200 OK\r\nx-c: 3\r\ncontent-length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\ncontent-length: 3\r\ncontent-type: text/plain;charset=UTF-8\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nx-d: caf\u{e9}\r\ncontent-type: text/plain;charset=UTF-8\r\ncontent-length: 5\r\n\r\ncaf\u{e9}",
            "HTTP/1.1 201 Made\r\nx-a: 1\r\ncontent-type: text/plain;charset=UTF-8\r\ncontent-length: 6\r\n\r\n",
            "HTTP/1.0 201 Made\r\nx-a: 1\r\ncontent-type: text/plain;charset=UTF-8\r\ncontent-length: 6\r\nconnection: close\r\n\r\nh\u{e9}llo",
        ]
        #expect(received == expected.joined(), "\(received.debugDescription)")
    }

    @Test func paramsOfEachKind() async throws {
        let echo = """
            export const runtime = 'edge';
            export async function GET(request, { params }) { return Response.json(await params); }
            """
        let server = try await TestServer.start([
            "app/blog/[slug]/route.js": echo,
            "app/docs/[...path]/route.js": echo,
            "app/shop/[[...filters]]/route.js": echo,
        ])
        defer { Task { await server.stop() } }
        #expect(try await server.request("/blog/hello%20world").body == #"{"slug":"hello world"}"#)
        #expect(try await server.request("/docs/a/b").body == #"{"path":["a","b"]}"#)
        #expect(try await server.request("/shop").body == "{}")
        #expect(try await server.request("/shop/red").body == #"{"filters":["red"]}"#)
        #expect(try await server.request("/docs").status == 404)
    }

    @Test func pagesAreWrappedByTheirLayouts() async throws {
        let server = try await TestServer.start([
            "app/layout.ts": "export const runtime = 'edge';\nexport default ({ children }) => `<html><body>${children}</body></html>`;\n",
            "app/blog/layout.ts": "export default async ({ children, params }) => `<article>${children}</article>`;\n",
            "app/blog/[slug]/page.ts": "export default async ({ params }) => `<h1>${(await params).slug}</h1>`;\n",
        ])
        defer { Task { await server.stop() } }
        let page = try await server.request("/blog/first")
        #expect(page.status == 200)
        #expect(page.body == "<html><body><article><h1>first</h1></article></body></html>")
        #expect(page.headers.first(name: "content-type") == "text/html; charset=utf-8")
        #expect(try await server.request("/blog/first", method: .POST).status == 405)
    }

    @Test func responsesStreamFirstChunkBeforeTheLastIsProduced() async throws {
        let server = try await TestServer.start([
            "app/stream/route.ts": """
                export const runtime = 'edge';
                let release: () => void = () => {};
                export function GET() {
                  const encoder = new TextEncoder();
                  const stream = new ReadableStream({
                    async start(controller) {
                      controller.enqueue(encoder.encode('first\\n'));
                      await new Promise<void>((resolve) => { release = resolve; });
                      controller.enqueue(encoder.encode('last\\n'));
                      controller.close();
                    },
                  });
                  return new Response(stream);
                }
                export function POST() { release(); return new Response('released'); }
                """,
        ])
        defer { Task { await server.stop() } }
        let response = try await server.client.execute(HTTPClientRequest(url: server.base + "/stream"), timeout: .seconds(10))
        var iterator = response.body.makeAsyncIterator()
        #expect(try await iterator.next().map { String(buffer: $0) } == "first\n")
        _ = try await server.request("/stream", method: .POST)
        var rest = ""
        while let chunk = try await iterator.next() { rest += String(buffer: chunk) }
        #expect(rest == "last\n")
    }

    @Test func requestBodiesStreamIntoJavaScript() async throws {
        let server = try await TestServer.start([
            "app/upload/route.ts": """
                export const runtime = 'edge';
                export async function POST(request: Request) {
                  let bytes = 0, chunks = 0;
                  const reader = request.body!.getReader();
                  for (;;) {
                    const { value, done } = await reader.read();
                    if (done) break;
                    bytes += value.byteLength; chunks++;
                  }
                  return Response.json({ bytes, streamed: chunks > 1 });
                }
                """,
        ])
        defer { Task { await server.stop() } }
        let payload = String(repeating: "x", count: 4_000_000)
        let reply = try await server.request("/upload", method: .POST, body: payload)
        #expect(reply.body == #"{"bytes":4000000,"streamed":true}"#)
    }

    @Test func handlerErrorsAnswer500AndLogTheStack() async throws {
        let server = try await TestServer.start([
            "app/throws/route.ts": "export const runtime = 'edge';\nfunction deep() { throw new Error('kaput'); }\nexport function GET() { deep(); }\n",
            "app/rejects/route.ts": "export const runtime = 'edge';\nexport async function GET() { throw new TypeError('async kaput'); }\n",
            "app/wrong/route.ts": "export const runtime = 'edge';\nexport function GET() { return 'not a response'; }\n",
        ])
        defer { Task { await server.stop() } }
        for path in ["/throws", "/rejects", "/wrong"] {
            let reply = try await server.request(path)
            #expect(reply.status == 500, "\(path)")
            #expect(reply.body == "Internal Server Error\n", "\(path)")
        }
        try await Task.sleep(for: .milliseconds(100))
        let log = server.log.joined(separator: "\n")
        #expect(log.contains("Error: kaput"))
        #expect(log.contains("at deep ("))
        #expect(log.contains("TypeError: async kaput"))
        #expect(log.contains("not a Response"))
    }

    @Test func cpuLimitEndsOnlyTheOffendingRequest() async throws {
        let server = try await TestServer.start([
            "app/spin/route.ts": "export const runtime = 'edge';\nexport function GET() { for (;;) {} }\n",
            "app/ok/route.ts": helloRoute,
        ]) { _ in } configure: { configuration in
            configuration.edgeLimits.cpuTimePerInvocation = .milliseconds(30)
        }
        defer { Task { await server.stop() } }
        let spin = try await server.request("/spin")
        #expect(spin.status == 503)
        #expect(spin.body.contains("CPU time limit"))
        #expect(try await server.request("/ok").body == "hello /ok")
        #expect(try await server.request("/spin").status == 503, "the segment recovers with a fresh realm")
    }

    @Test func timeToFirstByteLimitAnswers504() async throws {
        let server = try await TestServer.start([
            "app/slow/route.ts": "export const runtime = 'edge';\nexport const maxDuration = 0.2;\nexport function GET() { return new Promise(() => {}); }\n",
        ])
        defer { Task { await server.stop() } }
        let reply = try await server.request("/slow")
        #expect(reply.status == 504)
    }

    @Test func concurrentRequestsShareTheSegmentRealm() async throws {
        let server = try await TestServer.start([
            "app/count/route.ts": """
                export const runtime = 'edge';
                let served = 0;
                export async function GET() {
                  served++;
                  await new Promise((resolve) => setTimeout(resolve, 20));
                  return new Response(String(served));
                }
                """,
        ])
        defer { Task { await server.stop() } }
        let replies = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask { Int(try await server.request("/count").body) ?? -1 }
            }
            var values: [Int] = []
            for try await value in group { values.append(value) }
            return values
        }
        #expect(replies.count == 20)
        #expect(replies.max() ?? 0 >= 2, "requests interleave in one realm")
        let stats = await server.server.edgeStatistics()
        #expect(stats.realms == 1)
    }

    @Test func segmentsAreIsolatedFromEachOther() async throws {
        let server = try await TestServer.start([
            "app/polluter/route.ts": """
                export const runtime = 'edge';
                export function GET() {
                  (Object.prototype as any).polluted = 'yes';
                  (globalThis as any).leak = 'secret';
                  Response.json = () => new Response('hijacked');
                  return new Response('polluted');
                }
                """,
            "app/victim/route.ts": """
                export const runtime = 'edge';
                export function GET() {
                  return Response.json({ polluted: ({} as any).polluted ?? null, leak: (globalThis as any).leak ?? null });
                }
                """,
        ])
        defer { Task { await server.stop() } }
        #expect(try await server.request("/polluter").body == "polluted")
        #expect(try await server.request("/victim").body == #"{"polluted":null,"leak":null}"#)
    }

    @Test func clientDisconnectAbortsTheSignalAndCancelsTheStream() async throws {
        let server = try await TestServer.start([
            "app/sse/route.ts": """
                export const runtime = 'edge';
                export let state = { cancelled: false, aborted: false };
                export function GET(request: Request) {
                  if (new URL(request.url).searchParams.has('state')) return Response.json(state);
                  request.signal.addEventListener('abort', () => { state.aborted = true; });
                  const encoder = new TextEncoder();
                  let timer: any;
                  const stream = new ReadableStream({
                    start(controller) { timer = setInterval(() => controller.enqueue(encoder.encode('data: tick\\n\\n')), 10); },
                    cancel() { clearInterval(timer); state.cancelled = true; },
                  });
                  return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
                }
                """,
        ])
        defer { Task { await server.stop() } }
        let text = try await rawExchange(port: server.port, "GET /sse HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(text.contains("200"))
        // rawExchange closed the connection after the head: the abort is immediate, the
        // cancel comes with the next write that finds the socket gone. Poll (bounded).
        var state = try await server.request("/sse?state=1")
        for _ in 0..<50 where state.body != #"{"cancelled":true,"aborted":true}"# {
            try await Task.sleep(for: .milliseconds(100))
            state = try await server.request("/sse?state=1")
        }
        #expect(state.body == #"{"cancelled":true,"aborted":true}"#)
    }

    @Test func aSignalFirstReadAfterTheClientLeftIsAlreadyAborted() async throws {
        // The server makes a request's signal only when it is first read: one read after the
        // client disconnected must be aborted, with the AbortError the server gave. The
        // response stream here never produces a chunk: its cancel must still run when the
        // client leaves (not only when a write finds the client gone).
        let server = try await TestServer.start([
            "app/late/route.ts": """
                export const runtime = 'edge';
                export let state = { checked: false, aborted: false, reason: '' };
                export function GET(request: Request) {
                  if (new URL(request.url).searchParams.has('state')) return Response.json(state);
                  // Read for the first time once the client has left: the server cancels the
                  // body then (a fixed delay raced the client's close in a loaded test run).
                  const stream = new ReadableStream({
                    cancel() {
                      setTimeout(() => {
                        state = { checked: true, aborted: request.signal.aborted, reason: request.signal.reason?.name ?? '' };
                      }, 10);
                    },
                  });
                  return new Response(stream);
                }
                """,
        ])
        defer { Task { await server.stop() } }
        let text = try await rawExchange(port: server.port, "GET /late HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(text.contains("200"))
        var state = try await server.request("/late?state=1")
        for _ in 0..<50 where !state.body.contains(#""checked":true"#) {
            try await Task.sleep(for: .milliseconds(50))
            state = try await server.request("/late?state=1")
        }
        #expect(state.body == #"{"checked":true,"aborted":true,"reason":"AbortError"}"#)
    }

    @Test func consoleGoesToTheLogTaggedWithTheSegmentAndEnvComesFromDotEnv() async throws {
        setenv("VERGE_TEST_HOST_ONLY", "host", 1)
        let server = try await TestServer.start([
            ".env": "GREETING=hi from dotenv\n",
            "app/env/route.ts": """
                export const runtime = 'edge';
                export function GET() {
                  console.log('handling env');
                  return Response.json({ greeting: process.env.GREETING, runtime: process.env.VERGE_RUNTIME, host: process.env.VERGE_TEST_HOST_ONLY ?? null, path: process.env.PATH ?? null });
                }
                """,
        ])
        defer { Task { await server.stop() } }
        let reply = try await server.request("/env")
        #expect(reply.body == #"{"greeting":"hi from dotenv","runtime":"edge","host":null,"path":null}"#)
        try await Task.sleep(for: .milliseconds(100))
        #expect(server.log.contains("[/env] handling env"))
        #expect(server.log.contains { $0.hasPrefix("GET /env 200 edge /env ") && $0.contains("cpu=") })
    }
}
