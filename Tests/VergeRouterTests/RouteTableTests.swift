import Foundation
import Testing
@testable import VergeRouter

/// Writes an app directory fixture: path → file contents.
func makeProject(_ files: [String: String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("verge-router-\(UUID().uuidString)")
    for (path, contents) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: url, atomically: true, encoding: .utf8)
    }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("app"), withIntermediateDirectories: true)
    return root
}

func table(_ files: [String: String], swift: [String] = []) throws -> RouteTable {
    let app = try AppDirectory.scan(project: try makeProject(files))
    let registrations = try swift.map { SwiftRouteRegistration(pattern: try RoutePattern(parsing: $0), methods: ["GET"]) }
    return try RouteTable(app: app, swiftRoutes: registrations)
}

let edge = "export const runtime = 'edge';\nexport function GET() { return new Response('x') }\n"

@Suite("Route table")
struct RouteTableTests {
    @Test func everyConventionMapsToItsURL() throws {
        let routes = try table([
            "app/route.ts": edge,
            "app/blog/[slug]/page.tsx": edge,
            "app/docs/[...path]/route.js": edge,
            "app/shop/[[...filters]]/route.ts": edge,
            "app/(marketing)/about/route.ts": edge,
            "app/_components/route.ts": edge,
            "app/api/users/route.mjs": edge,
        ])
        let patterns = Set(routes.routes.map(\.pattern.description))
        #expect(patterns == ["/", "/blog/[slug]", "/docs/[...path]", "/shop/[[...filters]]", "/about", "/api/users"])
    }

    @Test func matchesParamsOfEachKind() throws {
        let routes = try table([
            "app/blog/[slug]/route.ts": edge,
            "app/docs/[...path]/route.ts": edge,
            "app/shop/[[...filters]]/route.ts": edge,
        ])
        #expect(routes.match(path: "/blog/hello%20world")?.params == ["slug": .single("hello world")])
        #expect(routes.match(path: "/docs/a/b/c")?.params == ["path": .multiple(["a", "b", "c"])])
        #expect(routes.match(path: "/docs") == nil, "a catch-all does not match its bare parent")
        #expect(routes.match(path: "/shop")?.params == [:], "an optional catch-all matches its parent")
        #expect(routes.match(path: "/shop/red/xl")?.params == ["filters": .multiple(["red", "xl"])])
        #expect(routes.match(path: "/nope") == nil)
    }

    @Test func precedenceIsStaticThenDynamicThenCatchAllThenOptional() throws {
        let routes = try table([
            "app/a/new/route.ts": edge,
            "app/a/[id]/route.ts": edge,
            "app/a/[id]/[...rest]/route.ts": edge,
            "app/b/[...rest]/route.ts": edge,
            "app/b/[[...maybe]]/route.ts": edge.replacingOccurrences(of: "GET", with: "POST"),
        ].filter { $0.key != "app/b/[[...maybe]]/route.ts" })
        #expect(routes.match(path: "/a/new")?.route.file == "app/a/new/route.ts")
        #expect(routes.match(path: "/a/42")?.route.file == "app/a/[id]/route.ts")
        #expect(routes.match(path: "/a/42/x/y")?.params == ["id": .single("42"), "rest": .multiple(["x", "y"])])
        #expect(routes.match(path: "/b/x")?.route.file == "app/b/[...rest]/route.ts")
    }

    @Test func backtracksWhenAStaticBranchDeadEnds() throws {
        let routes = try table([
            "app/x/static/leaf/route.ts": edge,
            "app/x/[param]/other/route.ts": edge,
        ])
        #expect(routes.match(path: "/x/static/other")?.params == ["param": .single("static")])
    }

    @Test func twoFilesOnOneURLThroughGroupsIsAnErrorNamingBoth() throws {
        #expect {
            _ = try table(["app/(a)/about/route.ts": edge, "app/(b)/about/route.ts": edge])
        } throws: { error in
            let text = String(describing: error)
            return text.contains("app/(a)/about/route.ts") && text.contains("app/(b)/about/route.ts")
        }
    }

    @Test func routeBesidePageIsAnError() throws {
        #expect {
            _ = try table(["app/about/route.ts": edge, "app/about/page.ts": edge])
        } throws: { error in
            let text = String(describing: error)
            return text.contains("app/about/page.ts") && text.contains("app/about/route.ts") && text.contains("cannot share")
        }
    }

    @Test func differentParameterNamesAtOneLevelIsAnError() throws {
        #expect(throws: RouterError.self) {
            _ = try table(["app/p/[id]/route.ts": edge, "app/p/[slug]/edit/route.ts": edge])
        }
    }

    @Test func malformedFolderNamesAreErrors() throws {
        #expect(throws: RouterError.self) { _ = try table(["app/a[b]/route.ts": edge]) }
        #expect(throws: RouterError.self) { _ = try table(["app/[...a]/b/route.ts": edge]) }
    }

    @Test func configMergesAlongTheRoute() throws {
        let routes = try table([
            "app/layout.ts": "export const runtime = 'edge'\nexport const revalidate = 60\nexport const preferredRegion = ['iad1', 'sfo1']\n",
            "app/a/layout.ts": "export const revalidate = 10\nexport const dynamic = 'force-dynamic'\n",
            "app/a/b/route.ts": "export const revalidate = 30\nexport const runtime = 'nodejs'\nexport const maxDuration = 5\n",
            "app/c/route.ts": "export const fetchCache = 'force-no-store'\n",
        ])
        let ab = try #require(routes.match(path: "/a/b")?.route)
        #expect(ab.runtime == .nodejs, "the leaf overrides the layout")
        #expect(ab.config.revalidate == .seconds(10), "the lowest revalidate wins")
        #expect(ab.config.dynamic == .forceDynamic)
        #expect(ab.config.maxDuration == 5)
        #expect(ab.config.preferredRegion == ["iad1", "sfo1"])
        let c = try #require(routes.match(path: "/c")?.route)
        #expect(c.runtime == .edge, "a layout's runtime applies below it")
        #expect(c.config.fetchCache == .forceNoStore)
        #expect(c.config.revalidate == .seconds(60))
    }

    @Test func revalidateFalseLosesToANumber() throws {
        let merged = SegmentConfig(revalidate: .never).merged(with: SegmentConfig(revalidate: .seconds(0)))
        #expect(merged.revalidate == .seconds(0))
        let kept = SegmentConfig(revalidate: .seconds(5)).merged(with: SegmentConfig(revalidate: .never))
        #expect(kept.revalidate == .seconds(5))
    }

    @Test func defaultRuntimeIsNodejsAndNeedsASwiftHandler() throws {
        let routes = try table(["app/plain/route.ts": "export function GET() {}"])
        #expect(routes.routes.first?.runtime == .nodejs)
        #expect {
            try routes.validateNodeHandlers()
        } throws: { error in
            let text = String(describing: error)
            return text.contains("app/plain/route.ts") && text.contains("export const runtime = 'edge'")
                && text.contains("app.nodejs(\"/plain\")")
        }
        let served = try table(["app/plain/route.ts": "export function GET() {}"], swift: ["/plain"])
        try served.validateNodeHandlers()
        #expect(served.routes.first?.swiftHandler == 0)
    }

    @Test func swiftRoutesJoinTheTable() throws {
        let routes = try table(["app/x/route.ts": edge], swift: ["/api/files/[name]", "/(group)/y"])
        #expect(routes.match(path: "/api/files/report.pdf")?.params == ["name": .single("report.pdf")])
        #expect(routes.match(path: "/y")?.route.runtime == .nodejs)
    }

    @Test func anEdgeFileAlsoRegisteredInSwiftIsAnError() throws {
        #expect(throws: RouterError.self) { _ = try table(["app/x/route.ts": edge], swift: ["/x"]) }
    }
}

@Suite("Segment config parsing")
struct SegmentConfigParserTests {
    func parse(_ source: String) throws(ConfigError) -> SegmentConfig {
        try SegmentConfigParser.parse(source: source, file: "app/x/route.ts")
    }

    @Test func readsEveryLiteralForm() throws {
        let config = try parse("""
            import { x } from './y';
            // export const runtime = 'nodejs'  (a comment, ignored)
            const s = "export const runtime = 'nodejs'";
            export const runtime = "edge";
            export const dynamic = 'force-static' as const;
            export const dynamicParams = false
            export const revalidate: number = 3600;
            export const fetchCache = `only-cache`;
            export const preferredRegion = ['iad1', "fra1"];
            export const maxDuration = 30;
            export async function GET(request) { const runtime = 'nodejs'; return new Response(runtime) }
            """)
        #expect(config == SegmentConfig(runtime: .edge, dynamic: .forceStatic, dynamicParams: false,
                                        revalidate: .seconds(3600), fetchCache: .onlyCache,
                                        preferredRegion: ["iad1", "fra1"], maxDuration: 30))
    }

    @Test func nestedDeclarationsAreNotExports() throws {
        let config = try parse("function f() { if (x) { return } }\nexport const GET = () => { const runtime = 'nodejs' }\n")
        #expect(config.runtime == nil)
    }

    @Test func invalidValuesNameTheFileLineAndAllowedValues() throws {
        do {
            _ = try parse("\n\nexport const runtime = 'deno';\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.description == "app/x/route.ts:3: `runtime` is 'deno'; allowed values are 'nodejs' and 'edge'")
        }
        do {
            _ = try parse("const r = 'edge';\nexport const runtime = r;\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.message.contains("must be a string literal"))
        }
        #expect(throws: ConfigError.self) { _ = try parse("export const revalidate = 60 * 60") }
        #expect(throws: ConfigError.self) { _ = try parse("export const revalidate = -1") }
        #expect(throws: ConfigError.self) { _ = try parse("export const dynamic = 'sometimes'") }
        #expect(throws: ConfigError.self) { _ = try parse("export const maxDuration = 0") }
    }

    @Test func regexLiteralsAndTemplatesDoNotConfuseTheScanner() throws {
        let config = try parse("""
            const re = /export const runtime = '{'/g;
            const t = `${ { a: 1 } } export const runtime = 'nodejs'`;
            export const runtime = 'edge';
            """)
        #expect(config.runtime == .edge)
    }
}
