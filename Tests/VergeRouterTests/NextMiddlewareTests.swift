import Foundation
import Testing
@testable import VergeRouter

@Suite("Next.js middleware matchers (path-to-regexp) and next/* resolution")
struct NextMiddlewareTests {
    func matchers(_ json: String) throws -> MiddlewareDefinition {
        let route = MiddlewareDefinition.route(file: "middleware.ts", project: URL(fileURLWithPath: "/tmp"))
        return MiddlewareDefinition(route: route, matchers: try MiddlewareDefinition.matchers(configJSON: json, file: "middleware.ts"))
    }

    func view(_ target: String, headers: [String: String] = [:]) -> MiddlewareRequestView {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return MiddlewareRequestView(path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : "",
                                     header: { headers[$0] })
    }

    @Test func regexSourcesFollowPathToRegexp() throws {
        let end = "[\\/#\\?]?$"
        let segment = "[^\\/#\\?]+?"
        #expect(try PathToRegexp.regexSource("/about") == "^\\/about" + end)
        #expect(try PathToRegexp.regexSource("/blog/:slug") == "^\\/blog(?:\\/(\(segment)))" + end)
        #expect(try PathToRegexp.regexSource("/about/:path*") == "^\\/about(?:\\/((?:\(segment))(?:\\/(?:\(segment)))*))?" + end)
        #expect(try PathToRegexp.regexSource("/docs/:rest+") == "^\\/docs(?:\\/((?:\(segment))(?:\\/(?:\(segment)))*))" + end)
        #expect(try PathToRegexp.regexSource("/((?!api|_next).*)") == "^(?:\\/((?!api|_next).*))" + end)
        #expect(try PathToRegexp.regexSource("/user/:id(\\d+)") == "^\\/user(?:\\/(\\d+))" + end)
        #expect(try PathToRegexp.regexSource("{/:locale}?/docs") == "^(?:\\/(\(segment)))?\\/docs" + end)
        #expect(try PathToRegexp.regexSource("/a\\:b") == "^\\/a\\:b" + end)
    }

    @Test func invalidPatternsAreErrors() {
        #expect(throws: PathToRegexp.ParseError.self) { try PathToRegexp.regexSource("/:") }
        #expect(throws: PathToRegexp.ParseError.self) { try PathToRegexp.regexSource("/(abc") }
        #expect(throws: PathToRegexp.ParseError.self) { try PathToRegexp.regexSource("/(a(b))") }
        #expect(throws: PathToRegexp.ParseError.self) { try PathToRegexp.regexSource("/{abc") }
        #expect(throws: PathToRegexp.ParseError.self) { try PathToRegexp.regexSource("/()") }
    }

    @Test func stringAndArrayMatchers() throws {
        let about = try matchers(#"{"matcher":"/about/:path*"}"#)
        for path in ["/about", "/about/", "/about/a", "/about/a/b", "/ABOUT/x", "/about.json", "/_next/data/build1/about.json"] {
            #expect(about.matches(view(path)), "\(path)")
        }
        for path in ["/", "/aboutx", "/abou", "/x/about"] {
            #expect(!about.matches(view(path)), "\(path)")
        }
        let several = try matchers(#"{"matcher":["/dashboard/:path*","/account"]}"#)
        #expect(several.matches(view("/dashboard/settings")))
        #expect(several.matches(view("/account")))
        #expect(!several.matches(view("/account/x")))
        let all = try matchers(#"{"matcher":"/((?!api|_next/static|_next/image|favicon.ico).*)"}"#)
        #expect(all.matches(view("/")))
        #expect(all.matches(view("/blog/x")))
        #expect(!all.matches(view("/api/users")))
        #expect(!all.matches(view("/_next/static/chunk.js")))
        #expect(!all.matches(view("/favicon.ico")))
        let root = try matchers(#"{"matcher":"/"}"#)
        #expect(root.matches(view("/")))
        #expect(!root.matches(view("/x")))
        let none = try matchers(#"{"runtime":"edge"}"#)
        #expect(none.matchers == nil)
        #expect(none.matches(view("/anything")))
        #expect(try matchers("null").matches(view("/x")))
    }

    @Test func hasAndMissingConditions() throws {
        let definition = try matchers("""
            {"matcher":[{"source":"/api/:path*",
              "has":[{"type":"header","key":"Authorization","value":"Bearer (?<token>.+)"},{"type":"query","key":"v"}],
              "missing":[{"type":"cookie","key":"session","value":"ok"}]},
             {"source":"/admin","has":[{"type":"host","value":"admin\\\\.example\\\\.com"}]}]}
            """)
        #expect(definition.matches(view("/api/x?v=1", headers: ["authorization": "Bearer abc"])))
        #expect(!definition.matches(view("/api/x?v=1", headers: ["authorization": "Basic abc"])))
        #expect(!definition.matches(view("/api/x?w=1", headers: ["authorization": "Bearer abc"])))
        #expect(!definition.matches(view("/api/x?v=", headers: ["authorization": "Bearer abc"])))
        #expect(!definition.matches(view("/api/x?v=1", headers: ["authorization": "Bearer abc", "cookie": "a=b; session=ok"])))
        #expect(definition.matches(view("/api/x?v=1", headers: ["authorization": "Bearer abc", "cookie": "session=expired"])))
        #expect(definition.matches(view("/admin", headers: ["host": "admin.example.com:3000"])))
        #expect(definition.matches(view("/admin", headers: ["host": "ADMIN.example.com"])))
        #expect(!definition.matches(view("/admin", headers: ["host": "www.example.com"])))
        #expect(!definition.matches(view("/admin")))
    }

    @Test func cookieAndQueryParsing() {
        #expect(MiddlewareCondition.cookie(named: "a", in: "x=1; a=%20b; a=second") == " b")
        #expect(MiddlewareCondition.cookie(named: "q", in: "q=\"quoted\"") == "quoted")
        #expect(MiddlewareCondition.cookie(named: "z", in: "a=1") == nil)
        #expect(MiddlewareCondition.queryValue(named: "k", in: "k=1&k=two+words&x") == "two words")
        #expect(MiddlewareCondition.queryValue(named: "x", in: "k=1&x") == "")
        #expect(MiddlewareCondition.queryValue(named: "y", in: "k=1") == nil)
    }

    @Test func configErrorsNameTheEntry() {
        func error(_ json: String) -> String {
            do {
                _ = try matchers(json)
                return "no error"
            } catch {
                return String(describing: error)
            }
        }
        #expect(error(#"{"matcher":"about"}"#).contains("middleware.ts: config.matcher: `source` 'about' does not start with /"))
        #expect(error(#"{"matcher":[{"path":"/x"}]}"#).contains("config.matcher[0]: unknown field 'path'"))
        #expect(error(#"{"matcher":[{"source":"/x","has":[{"type":"header"}]}]}"#).contains("`has[0].key` (a string) is required for type 'header'"))
        #expect(error(#"{"matcher":[{"source":"/x","has":[{"type":"ip","key":"a"}]}]}"#).contains("`has[0].type` must be one of header, cookie, query, host"))
        #expect(error(#"{"matcher":[{"source":"/x","missing":[{"type":"host"}]}]}"#).contains("`missing[0].value` is required for type 'host'"))
        #expect(error(#"{"matcher":"/(a(b))"}"#).contains("invalid `source` '/(a(b))'"))
        #expect(error(#"{"matcher":[42]}"#).contains("config.matcher[0]: must be a path string or an object with `source`"))
        #expect(error(#"{"matcher":[{"source":"/x","has":[{"type":"query","key":"a","value":"("}]}]}"#).contains("is not a valid regular expression"))
    }

    // MARK: next/* in the bundler

    func route(_ project: URL, _ path: String) throws -> RouteDefinition {
        let table = try RouteTable(app: try AppDirectory.scan(project: project), swiftRoutes: [])
        return try #require(table.match(path: path)?.route)
    }

    @Test func nextServerAndHeadersResolveToVergesModules() throws {
        let project = try makeProject([
            "app/x/route.ts": """
                import { NextResponse } from 'next/server'
                import { headers } from 'next/headers'
                export const runtime = 'edge'
                export const GET = async () => NextResponse.json({ a: (await headers()).get('a') })
                """,
        ])
        var bundler = EdgeBundler(projectRoot: project)
        try bundler.enableNextCompat()
        let bundle = try bundler.bundle(try route(project, "/x"))
        #expect(bundle.source.contains("NextResponse = class extends Response"))
        #expect(bundle.inputs.contains { $0.hasSuffix("/.verge/next/server.js") })
        #expect(bundle.inputs.contains { $0.hasSuffix("/.verge/next/headers.js") })
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent(".verge/next/server.js").path))
    }

    @Test func typeOnlyImportsOfNextServerStillBundleIt() throws {
        let project = try makeProject([
            "app/x/route.ts": """
                import type { NextRequest } from 'next/server'
                export const runtime = 'edge'
                export const GET = (request: NextRequest) => new Response(request.nextUrl.pathname)
                """,
            "app/y/route.ts": "export const runtime = 'edge';\nexport const GET = () => new Response('y');\n",
        ])
        var bundler = EdgeBundler(projectRoot: project)
        try bundler.enableNextCompat()
        #expect(try bundler.bundle(try route(project, "/x")).source.contains("NextRequest = class extends Request"))
        #expect(!(try bundler.bundle(try route(project, "/y")).source.contains("NextRequest")))
    }

    @Test func unsupportedNextImportsNameFileAndLine() throws {
        let project = try makeProject([
            "app/x/route.ts": """
                export const runtime = 'edge'
                import { unstable_cache } from 'next/cache'
                import { redirect } from 'next/navigation'
                import next from 'next'
                export const GET = () => new Response(String(unstable_cache) + redirect + next)
                """,
        ])
        var bundler = EdgeBundler(projectRoot: project)
        try bundler.enableNextCompat()
        #expect {
            _ = try bundler.bundle(try route(project, "/x"))
        } throws: { error in
            let text = String(describing: error)
            return text.contains("next/cache is not supported (imported from app/x/route.ts:2)")
                && text.contains("next/navigation is not supported (imported from app/x/route.ts:3)")
                && text.contains("next is not supported (imported from app/x/route.ts:4)")
                && !text.contains(".verge/next")
        }
    }
}
