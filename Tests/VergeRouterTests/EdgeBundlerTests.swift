import Foundation
import Testing
@testable import VergeRouter

@Suite("Edge bundler (esbuild)")
struct EdgeBundlerTests {
    func route(_ project: URL, _ pattern: String) throws -> RouteDefinition {
        let table = try RouteTable(app: try AppDirectory.scan(project: project), swiftRoutes: [])
        return try #require(table.match(path: pattern)?.route)
    }

    @Test func bundlesTypeScriptWithRelativeAndNodeModulesImports() throws {
        let project = try makeProject([
            "app/api/hello/route.ts": """
                import { greet } from '../../../lib/greet';
                import { shout } from 'tiny-shout';
                export const runtime = 'edge';
                export async function GET(request: Request): Promise<Response> {
                  return new Response(shout(greet('edge')));
                }
                """,
            "lib/greet.ts": "export const greet = (who: string): string => `hello ${who}`;\n",
            "node_modules/tiny-shout/package.json": #"{ "name": "tiny-shout", "main": "index.js" }"#,
            "node_modules/tiny-shout/index.js": "exports.shout = (s) => s.toUpperCase() + '!';\n",
        ])
        let bundle = try EdgeBundler(projectRoot: project).bundle(try route(project, "/api/hello"))
        #expect(bundle.source.contains("globalThis.__vergeSegment = { route"))
        #expect(bundle.source.contains("toUpperCase"))
        #expect(bundle.gzipSize > 0 && bundle.gzipSize < bundle.rawSize)
        #expect(FileManager.default.fileExists(atPath: bundle.path))
    }

    @Test func nodeBuiltinImportsFailWithTheEdgeMessage() throws {
        let project = try makeProject([
            "app/api/x/route.ts": "export const runtime = 'edge';\n\nimport fs from 'fs';\nimport { join } from 'node:path';\nexport function GET() { return new Response(String(fs) + join('a')) }\n",
        ])
        #expect {
            _ = try EdgeBundler(projectRoot: project).bundle(try route(project, "/api/x"))
        } throws: { error in
            let text = String(describing: error)
            return text.contains("The edge runtime does not support Node.js 'fs' module (imported from app/api/x/route.ts:3)")
                && text.contains("The edge runtime does not support Node.js 'path' module (imported from app/api/x/route.ts:4)")
        }
    }

    @Test func unresolvableImportsNameTheSpecifier() throws {
        let project = try makeProject(["app/x/route.ts": "import x from 'not-installed';\nexport const runtime = 'edge';\nexport const GET = () => x;\n"])
        #expect {
            _ = try EdgeBundler(projectRoot: project).bundle(try route(project, "/x"))
        } throws: { error in
            String(describing: error).contains("cannot resolve 'not-installed' (imported from app/x/route.ts:1)")
        }
    }

    @Test func bundlesAboveTheCodeSizeLimitAreRefused() throws {
        // Incompressible data: random hex in a string.
        var random = SystemRandomNumberGenerator()
        let blob = (0..<300_000).map { _ in String(random.next() % 16, radix: 16) }.joined()
        let project = try makeProject(["app/big/route.ts": "export const runtime = 'edge';\nconst data = '\(blob)';\nexport const GET = () => new Response(data);\n"])
        #expect {
            _ = try EdgeBundler(projectRoot: project, codeSizeLimit: 64 << 10).bundle(try route(project, "/big"))
        } throws: { error in
            let text = String(describing: error)
            return text.contains("app/big/route.ts") && text.contains("above the code size limit of 64.0 KB")
        }
    }

    @Test func pagesBundleTheirLayouts() throws {
        let project = try makeProject([
            "app/layout.ts": "export default ({ children }) => `<html>${children}</html>`;\nexport const runtime = 'edge';\n",
            "app/about/page.ts": "export default () => '<h1>About</h1>';\n",
        ])
        let bundle = try EdgeBundler(projectRoot: project).bundle(try route(project, "/about"))
        #expect(bundle.source.contains("<html>"))
        #expect(bundle.source.contains("layouts"))
    }
}
