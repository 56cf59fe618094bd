import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
@testable import Verge

/// Route handlers and middleware written the way the Next.js documentation shows them,
/// served by the real server, with no `next` package installed.
@Suite("Next.js compatibility: next/server, next/headers, middleware")
struct NextCompatTests {
    @Test func nextResponseJsonAndNextUrlSearchParams() async throws {
        let server = try await TestServer.start([
            "app/api/search/route.ts": """
                import { type NextRequest, NextResponse } from 'next/server'
                export const runtime = 'edge'

                export function GET(request: NextRequest) {
                  const searchParams = request.nextUrl.searchParams
                  const query = searchParams.get('query')
                  return NextResponse.json({
                    query,
                    tags: searchParams.getAll('tag'),
                    pathname: request.nextUrl.pathname,
                    basePath: request.nextUrl.basePath,
                    isURL: request.nextUrl instanceof URL,
                    clone: request.nextUrl.clone().href === request.nextUrl.href,
                    isNextRequest: request.constructor.name,
                  }, { status: 201, headers: { 'x-extra': 'yes' } })
                }
                """,
        ])
        defer { Task { await server.stop() } }
        let reply = try await server.request("/api/search?query=edge%20runtime&tag=a&tag=b")
        #expect(reply.status == 201)
        #expect(reply.headers.first(name: "content-type") == "application/json")
        #expect(reply.headers.first(name: "x-extra") == "yes")
        #expect(reply.body == #"{"query":"edge runtime","tags":["a","b"],"pathname":"/api/search","basePath":"","isURL":true,"clone":true,"isNextRequest":"NextRequest"}"#)
    }

    @Test func typeOnlyImportsStillGetANextRequest() async throws {
        // TypeScript drops `import { NextRequest }` used only as a type; the handler must
        // still receive a NextRequest, as its type says.
        let server = try await TestServer.start([
            "app/api/typed/route.ts": """
                import { NextRequest } from 'next/server'
                export const runtime = 'edge'
                export async function GET(request: NextRequest) {
                  return new Response(request.nextUrl.searchParams.get('name') ?? 'none')
                }
                """,
            "app/api/plain/route.ts": """
                export const runtime = 'edge'
                export async function GET(request: Request) {
                  return new Response(String('nextUrl' in request))
                }
                """,
        ])
        defer { Task { await server.stop() } }
        #expect(try await server.request("/api/typed?name=ada").body == "ada")
        #expect(try await server.request("/api/plain").body == "false")
    }

    @Test func redirects() async throws {
        let server = try await TestServer.start([
            "app/go/route.ts": """
                import { NextResponse, type NextRequest } from 'next/server'
                export const runtime = 'edge'
                export async function GET(request: NextRequest) {
                  const permanent = request.nextUrl.searchParams.has('permanent')
                  return NextResponse.redirect(new URL('/login?from=go', request.url), permanent ? 308 : undefined)
                }
                export async function POST() {
                  return NextResponse.redirect('/relative')
                }
                """,
        ])
        defer { Task { await server.stop() } }
        let temporary = try await server.request("/go")
        #expect(temporary.status == 307)
        #expect(temporary.headers.first(name: "location") == "\(server.base)/login?from=go")
        let permanent = try await server.request("/go?permanent")
        #expect(permanent.status == 308)
        let relative = try await server.request("/go", method: .POST)
        #expect(relative.status == 500)
        #expect(server.log.contains { $0.contains("URL is malformed \"/relative\". Please use only absolute URLs") })
    }

    @Test func cookieRoundTrip() async throws {
        let server = try await TestServer.start([
            "app/api/cookies/route.ts": """
                import { NextResponse, type NextRequest } from 'next/server'
                export const runtime = 'edge'
                export async function GET(request: NextRequest) {
                  const theme = request.cookies.get('theme')?.value
                  const response = NextResponse.json({
                    theme,
                    all: request.cookies.getAll().map((c) => c.name),
                    has: request.cookies.has('session'),
                    size: request.cookies.size,
                  })
                  response.cookies.set('session', 'abc 123', {
                    httpOnly: true, secure: true, sameSite: 'strict', path: '/app', domain: 'example.com',
                    expires: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)), priority: 'high', partitioned: true,
                  })
                  response.cookies.set({ name: 'lang', value: 'fr', maxAge: 3600 })
                  response.cookies.delete('old')
                  return response
                }
                """,
        ])
        defer { Task { await server.stop() } }
        let reply = try await server.request("/api/cookies", headers: ["cookie": "theme=dark; session=s1; fav=%E2%9C%93"])
        #expect(reply.body == #"{"theme":"dark","all":["theme","session","fav"],"has":true,"size":3}"#)
        let cookies = reply.headers["set-cookie"]
        #expect(cookies.count == 3)
        #expect(cookies.first == "session=abc%20123; Path=/app; Expires=Wed, 02 Jan 2030 03:04:05 GMT; Domain=example.com; Secure; HttpOnly; SameSite=strict; Partitioned; Priority=high")
        #expect(cookies.dropFirst().first?.hasPrefix("lang=fr; Path=/; Expires=") == true)
        #expect(cookies.dropFirst().first?.hasSuffix("; Max-Age=3600") == true)
        #expect(cookies.last == "old=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT")
    }

    @Test func nextHeadersInARouteHandler() async throws {
        let server = try await TestServer.start([
            "app/api/me/route.ts": """
                import { cookies, headers } from 'next/headers'
                export const runtime = 'edge'

                export async function GET() {
                  const headersList = await headers()
                  const cookieStore = await cookies()
                  const legacy = headers().get('x-legacy')     // the Next.js 14 synchronous style
                  const token = cookieStore.get('token')
                  cookieStore.set('visited', 'yes', { httpOnly: true })
                  cookies().set({ name: 'count', value: '1', path: '/api' })
                  cookieStore.delete('token')
                  let readonly = 'writable'
                  try { headersList.set('x', 'y') } catch (error) { readonly = error.message }
                  return Response.json({
                    agent: headersList.get('user-agent'),
                    legacy,
                    token: token?.value,
                    afterSet: cookieStore.get('visited')?.value,
                    readonly,
                  })
                }

                export async function POST() {
                  const cookieStore = await cookies()
                  cookieStore.set('theme', 'from-cookies-api')
                  cookieStore.set('keep', 'cookies-api')
                  const response = new Response('ok')
                  response.headers.append('set-cookie', 'theme=from-response; Path=/')
                  return response
                }
                """,
        ])
        defer { Task { await server.stop() } }
        let reply = try await server.request("/api/me", headers: ["user-agent": "tests/1.0", "x-legacy": "sync", "cookie": "token=t0k"])
        #expect(reply.status == 200)
        #expect(reply.body.contains(#""agent":"tests/1.0","legacy":"sync","token":"t0k","afterSet":"yes""#))
        #expect(reply.body.contains("Headers cannot be modified"))
        let cookies = reply.headers["set-cookie"]
        #expect(cookies.contains("visited=yes; Path=/; HttpOnly"))
        #expect(cookies.contains("count=1; Path=/api"))
        #expect(cookies.contains("token=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT"))
        // A cookie the response sets itself wins over cookies().set() of the same name.
        let post = try await server.request("/api/me", method: .POST)
        #expect(post.headers["set-cookie"].sorted() == ["keep=cookies-api; Path=/", "theme=from-response; Path=/"])
    }

    @Test func headersOutsideARequestFailClearly() async throws {
        let server = try await TestServer.start([
            "app/api/early/route.ts": """
                import { headers } from 'next/headers'
                export const runtime = 'edge'
                let atLoad = 'not called'
                try { headers() } catch (error) { atLoad = error.message }
                export function GET() { return new Response(atLoad) }
                """,
        ])
        defer { Task { await server.stop() } }
        #expect(try await server.request("/api/early").body.hasPrefix("`headers` was called outside a request scope"))
    }

    @Test func concurrentRequestsEachSeeTheirOwnHeadersAcrossAwaits() async throws {
        let server = try await TestServer.start([
            "app/api/who/route.ts": """
                import { headers, cookies } from 'next/headers'
                export const runtime = 'edge'
                const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

                export async function GET() {
                  const seen: string[] = []
                  const delay = Number((await headers()).get('x-delay'))
                  seen.push((await headers()).get('x-id')!)
                  await sleep(delay)
                  seen.push((await headers()).get('x-id')!)
                  await crypto.subtle.digest('SHA-256', new TextEncoder().encode(seen.join()))
                  seen.push(headers().get('x-id')!)
                  await sleep(delay / 2)
                  seen.push((await cookies()).get('id')!.value)
                  return Response.json(seen)
                }
                """,
        ])
        defer { Task { await server.stop() } }
        async let slow = server.request("/api/who", headers: ["x-id": "A", "x-delay": "300", "cookie": "id=a"])
        try await Task.sleep(for: .milliseconds(50))
        async let fast = server.request("/api/who", headers: ["x-id": "B", "x-delay": "20", "cookie": "id=b"])
        let (a, b) = try await (slow, fast)
        #expect(a.body == #"["A","A","A","a"]"#)
        #expect(b.body == #"["B","B","B","b"]"#)
    }

    @Test func rewriteFromARouteHandlerServesTheOtherRoute() async throws {
        let server = try await TestServer.start([
            "app/api/old/route.ts": """
                import { NextResponse, type NextRequest } from 'next/server'
                export const runtime = 'edge'
                export function GET(request: NextRequest) {
                  return NextResponse.rewrite(new URL('/api/new?from=old', request.url), { headers: { 'x-rewritten': '1' } })
                }
                """,
            "app/api/new/route.ts": """
                import { NextResponse, type NextRequest } from 'next/server'
                export const runtime = 'edge'
                export function GET(request: NextRequest) {
                  return NextResponse.json({ path: request.nextUrl.pathname, from: request.nextUrl.searchParams.get('from') })
                }
                """,
            "app/api/loop/route.ts": """
                import { NextResponse, type NextRequest } from 'next/server'
                export const runtime = 'edge'
                export function GET(request: NextRequest) { return NextResponse.rewrite(request.url) }
                """,
        ])
        defer { Task { await server.stop() } }
        let reply = try await server.request("/api/old")
        #expect(reply.status == 200)
        #expect(reply.body == #"{"path":"/api/new","from":"old"}"#)
        #expect(reply.headers.first(name: "x-rewritten") == "1")
        #expect(reply.headers.first(name: "x-middleware-rewrite") == nil)
        let loop = try await server.request("/api/loop")
        #expect(loop.status == 500)
        #expect(loop.body.contains("too many rewrites"))
    }

    @Test func afterRunsOnceTheResponseIsSentWithTheRequestContext() async throws {
        let server = try await TestServer.start([
            "app/api/after/route.ts": """
                import { after, NextResponse, type NextRequest } from 'next/server'
                import { headers } from 'next/headers'
                export const runtime = 'edge'
                const log: string[] = []
                export async function GET(request: NextRequest) {
                  if (request.nextUrl.searchParams.has('read')) return NextResponse.json(log)
                  after(async () => {
                    await new Promise((resolve) => setTimeout(resolve, 20))
                    log.push('after ' + (await headers()).get('x-id'))
                  })
                  log.push('handler')
                  return new Response('ok')
                }
                """,
        ])
        defer { Task { await server.stop() } }
        #expect(try await server.request("/api/after", headers: ["x-id": "7"]).body == "ok")
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await server.request("/api/after?read").body == #"["handler","after 7"]"#)
    }

    @Test func onlyNextResponsesCarryDirectivesFromRouteHandlers() async throws {
        // A response that merely has Next.js's header (one fetched from elsewhere, say) is
        // not a rewrite: only NextResponse.rewrite() in a route handler is.
        let server = try await TestServer.start([
            "app/api/plain/route.ts": """
                import { NextResponse } from 'next/server'
                export const runtime = 'edge'
                export function GET() {
                  return new Response('plain', { headers: { 'x-middleware-rewrite': 'http://127.0.0.1:1/elsewhere' } })
                }
                export function POST() { return NextResponse.next() }
                """,
        ])
        defer { Task { await server.stop() } }
        let reply = try await server.request("/api/plain")
        #expect(reply.body == "plain")
        let next = try await server.request("/api/plain", method: .POST)
        #expect(next.status == 200)
        #expect(next.headers.first(name: "x-middleware-next") == nil)
    }

    @Test func userAgentHelper() async throws {
        let server = try await TestServer.start([
            "app/api/ua/route.ts": """
                import { NextRequest, NextResponse, userAgent } from 'next/server'
                export const runtime = 'edge'
                export function GET(request: NextRequest) {
                  const { browser, device, engine, os, cpu, isBot } = userAgent(request)
                  return NextResponse.json({ browser: browser.name, major: browser.major, device: device.type ?? 'desktop',
                                             vendor: device.vendor, engine: engine.name, os: os.name, osVersion: os.version,
                                             cpu: cpu.architecture, isBot })
                }
                """,
        ])
        defer { Task { await server.stop() } }
        let iphone = try await server.request("/api/ua", headers: [
            "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
        ])
        #expect(iphone.body == #"{"browser":"Mobile Safari","major":"17","device":"mobile","vendor":"Apple","engine":"WebKit","os":"iOS","osVersion":"17.1","isBot":false}"#)
        let windows = try await server.request("/api/ua", headers: [
            "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        ])
        #expect(windows.body == #"{"browser":"Chrome","major":"120","device":"desktop","engine":"Blink","os":"Windows","osVersion":"10","cpu":"amd64","isBot":false}"#)
        let bot = try await server.request("/api/ua", headers: ["user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"])
        #expect(bot.body.hasSuffix(#""isBot":true}"#))
    }

    @Test func geoAndIp() async throws {
        let server = try await TestServer.start([
            "app/api/geo/route.ts": """
                import { NextRequest, NextResponse } from 'next/server'
                export const runtime = 'edge'
                export function GET(request: NextRequest) {
                  return NextResponse.json({ ip: request.ip ?? 'unknown', geo: request.geo ?? 'unknown' })
                }
                """,
        ])
        defer { Task { await server.stop() } }
        #expect(try await server.request("/api/geo").body == #"{"ip":"unknown","geo":"unknown"}"#)
        let located = try await server.request("/api/geo", headers: [
            "x-forwarded-for": "203.0.113.7, 10.0.0.1", "x-vercel-ip-country": "FR", "x-vercel-ip-city": "Saint-%C3%89tienne",
        ])
        #expect(located.body == #"{"ip":"203.0.113.7","geo":{"country":"FR","city":"Saint-Étienne"}}"#)
        #expect(try await server.request("/api/geo", headers: ["x-real-ip": "198.51.100.2"]).body.contains(#""ip":"198.51.100.2""#))
    }

    // MARK: Middleware

    static let echoRoute = """
        import { type NextRequest, NextResponse } from 'next/server'
        export const runtime = 'edge'
        export async function GET(request: NextRequest) {
          return NextResponse.json({
            route: request.nextUrl.pathname,
            search: request.nextUrl.search,
            fromMiddleware: request.headers.get('x-from-middleware'),
            agent: request.headers.get('user-agent'),
          }, { headers: { 'x-route': '1', 'x-shared': 'route' } })
        }
        export async function POST(request: NextRequest) {
          return new Response('route got ' + await request.text())
        }
        """

    @Test func middlewareMatcherAndHeaderForwarding() async throws {
        let server = try await TestServer.start([
            "middleware.ts": """
                import { NextResponse } from 'next/server'
                import type { NextRequest } from 'next/server'

                export function middleware(request: NextRequest) {
                  const requestHeaders = new Headers(request.headers)
                  requestHeaders.set('x-from-middleware', request.nextUrl.pathname)
                  const response = NextResponse.next({ request: { headers: requestHeaders } })
                  response.headers.set('x-middleware-ran', '1')
                  response.headers.set('x-shared', 'middleware')
                  response.cookies.set('seen', 'yes')
                  return response
                }

                export const config = {
                  matcher: '/about/:path*',
                }
                """,
            "app/about/[[...rest]]/route.ts": NextCompatTests.echoRoute,
            "app/contact/route.ts": NextCompatTests.echoRoute,
        ])
        defer { Task { await server.stop() } }
        for path in ["/about", "/about/team", "/about/team/ada"] {
            let reply = try await server.request(path, headers: ["user-agent": "tests"])
            #expect(reply.status == 200)
            #expect(reply.body.contains(#""fromMiddleware":"\#(path)","agent":"tests""#), "\(path): \(reply.body)")
            #expect(reply.headers.first(name: "x-middleware-ran") == "1")
            #expect(reply.headers.first(name: "x-route") == "1")
            // As in Next.js, a header middleware set wins over the route's.
            #expect(reply.headers["x-shared"] == ["middleware"])
            #expect(reply.headers["set-cookie"] == ["seen=yes; Path=/"])
            #expect(!reply.headers.contains { $0.name.hasPrefix("x-middleware-") && $0.name != "x-middleware-ran" })
        }
        let other = try await server.request("/contact")
        #expect(other.body.contains(#""fromMiddleware":null"#))
        #expect(other.headers.first(name: "x-middleware-ran") == nil)
        let notFound = try await server.request("/about-us")
        #expect(notFound.status == 404)
        #expect(notFound.headers.first(name: "x-middleware-ran") == nil)
        #expect(server.log.contains { $0.contains("GET /about/team 200 edge /about/[[...rest]]") && $0.contains("middleware→next") })
    }

    /// examples/next, served as it is in the repository: the README's walk-through.
    @Test func theNextExampleWorksAsItsReadmeSays() async throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../examples/next").standardizedFileURL
        var files: [String: String] = [:]
        let enumerator = try #require(FileManager.default.enumerator(at: example, includingPropertiesForKeys: nil))
        for case let file as URL in enumerator where file.pathExtension == "ts" {
            let relative = String(file.standardizedFileURL.path.dropFirst(example.path.count + 1))
            files[relative] = try String(contentsOf: file, encoding: .utf8)
        }
        #expect(files.keys.contains("middleware.ts") && files.count == 5, "\(files.keys.sorted())")
        let server = try await TestServer.start(files)
        defer { Task { await server.stop() } }

        let signedOut = try await server.request("/dashboard")
        #expect(signedOut.status == 307)
        #expect(signedOut.headers.first(name: "location") == "\(server.base)/api/login?next=%2Fdashboard")

        let login = try await server.request("/api/login?user=ada")
        #expect(login.status == 307)
        #expect(login.headers.first(name: "location") == "\(server.base)/dashboard")
        let session = try #require(login.headers["set-cookie"].first)
        // As Next.js's cookie serializer: maxAge also sets Expires.
        #expect(session.hasPrefix("user=ada; Path=/; Expires=") && session.hasSuffix(" GMT; Max-Age=3600; HttpOnly; SameSite=lax"), "\(session)")
        #expect(try await server.request("/api/login").status == 400)

        let dashboard = try await server.request("/dashboard", headers: ["cookie": "user=ada"])
        #expect(dashboard.status == 200)
        #expect(dashboard.body == "Welcome back, ada!\n")
        #expect(dashboard.headers.first(name: "x-request-path") == "/dashboard")

        let me = try await server.request("/api/me", headers: ["cookie": "user=ada", "user-agent": "curl/8.0"])
        #expect(me.body == #"{"user":"ada","agent":"curl/8.0"}"#)
        #expect(me.headers["set-cookie"] == ["last-seen=1970-01-01T00%3A00%3A00.000Z; Path=/"])

        let search = try await server.request("/api/search?q=edge&tag=a&tag=b", headers: [
            "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        ])
        #expect(search.body == #"{"q":"edge","tags":["a","b"],"browser":"Chrome","isBot":false}"#)

        let signOut = try await server.request("/api/login", method: .DELETE)
        #expect(signOut.headers.first(name: "set-cookie")?.hasPrefix("user=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT") == true)
    }

    @Test func middlewareRewriteToAnotherOriginPassesReplacedRequestHeaders() async throws {
        let upstream = try await TestServer.start(["app/echo/route.ts": NextCompatTests.echoRoute])
        defer { Task { await upstream.stop() } }
        let server = try await TestServer.start([
            "middleware.ts": """
                import { NextResponse, type NextRequest } from 'next/server'

                export function middleware(request: NextRequest) {
                  const headers = new Headers(request.headers)
                  headers.set('x-from-middleware', 'proxied')
                  return NextResponse.rewrite('\(upstream.base)/echo', { request: { headers } })
                }

                export const config = { matcher: '/proxy' }
                """,
        ])
        defer { Task { await server.stop() } }
        let reply = try await server.request("/proxy", headers: ["user-agent": "tests"])
        #expect(reply.status == 200, "\(reply.body)")
        #expect(reply.body.contains(#""fromMiddleware":"proxied","agent":"tests""#), "\(reply.body)")
        #expect(reply.headers.first(name: "x-route") == "1")
    }

    @Test func middlewareNegativeLookaheadMatcherRedirectAndRewrite() async throws {
        let server = try await TestServer.start([
            "middleware.js": """
                import { NextResponse } from 'next/server'

                export function middleware(request) {
                  const { pathname } = request.nextUrl
                  if (pathname === '/old') return NextResponse.redirect(new URL('/new', request.url))
                  if (pathname === '/dashboard') return NextResponse.rewrite(new URL('/app/home?tab=main', request.url))
                  if (pathname === '/blocked') return new Response('blocked by middleware', { status: 403 })
                  if (pathname === '/json') return NextResponse.json({ from: 'middleware' })
                  // Returning nothing goes on to the route.
                }

                export const config = {
                  matcher: ['/((?!api|_next/static|_next/image|favicon.ico).*)'],
                }
                """,
            "app/app/home/route.ts": NextCompatTests.echoRoute,
            "app/api/blocked/route.js": "export const runtime = 'edge';\nexport const GET = () => new Response('api not matched');\n",
            "app/free/route.js": "export const runtime = 'edge';\nexport const GET = () => new Response('free');\n",
        ])
        defer { Task { await server.stop() } }
        let redirect = try await server.request("/old")
        #expect(redirect.status == 307)
        #expect(redirect.headers.first(name: "location") == "\(server.base)/new")
        let rewrite = try await server.request("/dashboard?ignored=1")
        #expect(rewrite.status == 200)
        #expect(rewrite.body.contains(#""route":"/app/home","search":"?tab=main""#))
        let blocked = try await server.request("/blocked")
        #expect(blocked.status == 403)
        #expect(blocked.body == "blocked by middleware")
        #expect(try await server.request("/json").body == #"{"from":"middleware"}"#)
        #expect(try await server.request("/api/blocked").body == "api not matched")
        #expect(try await server.request("/free").body == "free")
    }

    @Test func middlewareHasAndMissingConditions() async throws {
        let server = try await TestServer.start([
            "middleware.ts": """
                import { NextResponse, type NextRequest } from 'next/server'
                export default function middleware(request: NextRequest) {
                  return new NextResponse('stopped by middleware', { status: 401 })
                }
                export const config = {
                  matcher: [
                    {
                      source: '/secret/:path*',
                      has: [{ type: 'header', key: 'x-team', value: 'core-(?<member>.*)' }],
                      missing: [{ type: 'cookie', key: 'pass' }],
                    },
                    { source: '/preview', has: [{ type: 'query', key: 'draft' }] },
                    { source: '/host', has: [{ type: 'host', value: 'admin\\\\..*' }] },
                  ],
                }
                """,
            "app/secret/[[...rest]]/route.ts": "export const runtime = 'edge';\nexport const GET = () => new Response('secret route');\n",
            "app/preview/route.ts": "export const runtime = 'edge';\nexport const GET = () => new Response('preview route');\n",
            "app/host/route.ts": "export const runtime = 'edge';\nexport const GET = () => new Response('host route');\n",
        ])
        defer { Task { await server.stop() } }
        #expect(try await server.request("/secret/x", headers: ["x-team": "core-ada"]).status == 401)
        #expect(try await server.request("/secret", headers: ["x-team": "core-ada"]).status == 401)
        #expect(try await server.request("/secret/x", headers: ["x-team": "other"]).body == "secret route")
        #expect(try await server.request("/secret/x").body == "secret route")
        #expect(try await server.request("/secret/x", headers: ["x-team": "core-ada", "cookie": "a=1; pass=1"]).body == "secret route")
        #expect(try await server.request("/preview?draft=1").status == 401)
        #expect(try await server.request("/preview?x=1").body == "preview route")
        #expect(try await server.request("/host", headers: ["host": "admin.example.com:8080"]).status == 401)
        #expect(try await server.request("/host", headers: ["host": "www.example.com"]).body == "host route")
    }

    @Test func middlewareSeesTheBodyAndSoDoesTheRoute() async throws {
        let server = try await TestServer.start([
            "middleware.ts": """
                import { NextResponse, type NextRequest } from 'next/server'
                export async function middleware(request: NextRequest) {
                  if (request.method !== 'POST') return
                  const text = await request.text()
                  if (text.includes('forbidden')) return new Response('middleware refused', { status: 400 })
                  return NextResponse.next({ headers: { 'x-body-length': String(text.length) } })
                }
                """,
            "app/submit/route.ts": NextCompatTests.echoRoute,
        ], routes: { app in
            try app.nodejs("/swift") { route in
                route.post { request, _ in
                    .text("swift got " + String(buffer: try await request.body.collect(upTo: 1 << 20)))
                }
            }
        })
        defer { Task { await server.stop() } }
        let payload = String(repeating: "x", count: 200_000)
        let reply = try await server.request("/submit", method: .POST, body: payload)
        #expect(reply.status == 200)
        #expect(reply.body == "route got " + payload)
        #expect(reply.headers.first(name: "x-body-length") == "200000")
        let refused = try await server.request("/submit", method: .POST, body: "this is forbidden")
        #expect(refused.status == 400)
        let swift = try await server.request("/swift", method: .POST, body: "hello")
        #expect(swift.body == "swift got hello")
        #expect(swift.headers.first(name: "x-body-length") == "5")
        #expect(try await server.request("/submit").body.contains(#""route":"/submit""#))
    }

    @Test func nextHeadersInsideMiddlewareAndPages() async throws {
        let server = try await TestServer.start([
            "middleware.ts": """
                import { cookies } from 'next/headers'
                export async function middleware() {
                  (await cookies()).set('from-middleware', '1')
                }
                export const config = { matcher: '/page' }
                """,
            "app/page/page.ts": """
                import { cookies, headers } from 'next/headers'
                export const runtime = 'edge'
                export default async function Page() {
                  const theme = (await cookies()).get('theme')?.value
                  let error = ''
                  try { (await cookies()).set('x', 'y') } catch (e) { error = e.message }
                  return `<p>${theme} ${(await headers()).get('x-id')} ${error.slice(0, 47)}</p>`
                }
                """,
        ])
        defer { Task { await server.stop() } }
        let reply = try await server.request("/page", headers: ["cookie": "theme=dark", "x-id": "42"])
        #expect(reply.body == "<p>dark 42 Cookies can only be modified in a Server Action</p>")
        #expect(reply.headers["set-cookie"] == ["from-middleware=1; Path=/"])
    }

    @Test func middlewareMustExportAFunction() async throws {
        await #expect {
            _ = try await TestServer.start([
                "middleware.ts": "export const config = { matcher: '/x' }\n",
                "app/x/route.ts": "export const runtime = 'edge';\nexport const GET = () => new Response('x');\n",
            ])
        } throws: { error in
            String(describing: error).contains("middleware.ts: middleware must export a function named `middleware`")
        }
        await #expect {
            _ = try await TestServer.start([
                "middleware.ts": "export function middleware() {}\nexport const config = { matcher: ['x/:path*'] }\n",
                "app/x/route.ts": "export const runtime = 'edge';\nexport const GET = () => new Response('x');\n",
            ])
        } throws: { error in
            String(describing: error).contains("middleware.ts: config.matcher[0]: `source` 'x/:path*' does not start with /")
        }
    }

    // MARK: Build-time resolution

    @Test func otherNextModulesFailTheBuildNamingTheImport() async throws {
        await #expect {
            _ = try await TestServer.start([
                "app/api/og/route.tsx": """
                    import { NextResponse } from 'next/server'
                    import { ImageResponse } from 'next/og'
                    export const runtime = 'edge'
                    export function GET() { return new ImageResponse(null) }
                    """,
            ])
        } throws: { error in
            String(describing: error).contains("next/og is not supported (imported from app/api/og/route.tsx:2): Verge's edge runtime provides only next/server and next/headers")
        }
    }

    @Test func nextServerWinsOverAnInstalledNextPackage() async throws {
        let server = try await TestServer.start([
            "node_modules/next/package.json": #"{ "name": "next", "version": "15.0.0" }"#,
            "node_modules/next/server.js": "throw new Error('the installed next package was bundled');\n",
            "app/api/x/route.ts": """
                import { NextResponse } from 'next/server'
                import { ResponseCookies } from 'next/dist/server/web/spec-extension/cookies'
                export const runtime = 'edge'
                export const GET = () => NextResponse.json({ ok: typeof ResponseCookies === 'function' })
                """,
        ])
        defer { Task { await server.stop() } }
        #expect(try await server.request("/api/x").body == #"{"ok":true}"#)
    }
}
