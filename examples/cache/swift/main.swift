// examples/cache: the data cache and the full-route cache, in both runtimes.
//   UPSTREAM=http://127.0.0.1:PORT (an HTTP origin to fetch from; `verge-test-server` prints one)
//   swift run cache-example build && swift run cache-example start --port 3000
//   (edge routes read UPSTREAM from the project's .env; pass another project directory to
//   build/start to use a copy, as benchmarks/cache/run.sh does)
// Routes (docs/caching.md):
//   /static        a Swift page rendered at build (dynamic = 'force-static')    ○
//   /dynamic       the same page rendered per request                          λ
//   /news          ISR: regenerated in the background every 60 s              ◐
//   /posts/[id]    ISR with staticParams (ids 1-3 at build, others on demand)  ◐
//   /swift/cached  a Swift handler whose fetch hits the data cache             λ
//   /edge/cached   an edge handler whose fetch hits the data cache (same entry) λ
//   /edge/uncached the same fetch with cache: 'no-store'                       λ
//   POST /revalidate?tag=…|path=…  revalidateTag / revalidatePath
import Foundation
import Verge

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let app = try VergeApp(directory: root.path)
let upstream = ProcessInfo.processInfo.environment["UPSTREAM"] ?? "http://127.0.0.1:8080"

func page(_ title: String) -> String {
    let items = (1...40).map { "<li>Item \($0): the quick brown fox jumps over the lazy dog</li>" }.joined()
    return "<!doctype html><html><head><title>\(title)</title></head><body><h1>\(title)</h1><ul>\(items)</ul></body></html>"
}

try app.nodejs("/static") { route in
    route.get { _, _ in .html(page("Static")) }
}.config.dynamic = .forceStatic

try app.nodejs("/dynamic") { route in
    route.get { _, _ in .html(page("Dynamic")) }
}

try app.nodejs("/news") { route in
    route.get { _, _ in .html(page("News at \(Date())")) }
}.config.revalidate = .seconds(60)

let posts = try app.nodejs("/posts/[id]") { route in
    route.get { _, context in .html(page("Post \(try context.params.string("id"))")) }
    route.staticParams { (1...3).map { ["id": String($0)] } }
}
posts.config.revalidate = .seconds(3600)

try app.nodejs("/swift/cached") { route in
    route.get { _, _ in
        let response = try await fetch(upstream + "/content-length?n=100", cache: .forceCache, tags: ["upstream"])
        return .text(response.text(), headers: ["x-data-cache": response.cacheState?.rawValue ?? "-"])
    }
}

try app.nodejs("/revalidate") { route in
    route.post { request, _ in
        if let tag = request.query("tag") { revalidateTag(tag) }
        if let path = request.query("path") { revalidatePath(path) }
        return .text("revalidated\n")
    }
}

await app.run()
