// examples/mixed: edge routes in JS and TS (app/), Swift routes here, one server.
//   swift run mixed-example dev        # serve with rebuilds on change
//   swift run mixed-example build && swift run mixed-example start --port 3000
import Foundation
import Verge

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let files = root.appendingPathComponent("files")
let app = try VergeApp(directory: root.path)

// A Swift-only route (nodejs by definition).
try app.nodejs("/swift/hello") { route in
    route.get { request, _ in
        .text("Hello from Swift (nodejs runtime), \(request.query("name") ?? "world")\n")
    }
}

// The app/dashboard/settings segment resolves to 'nodejs' (it overrides its layout), so
// this handler serves it.
try app.nodejs("/dashboard/settings") { route in
    route.get { request, _ in
        .html("<h1>Settings</h1><p>Served by Swift; user agent: \(request.headers.first(name: "user-agent") ?? "unknown")</p>")
    }
    route.post { request, _ in
        let body = try await request.body.collect(upTo: 1 << 20)
        return try .json(["saved": body.readableBytes])
    }
}

// A streaming Swift route reading a file from disk in chunks.
try app.nodejs("/swift/files/[name]") { route in
    route.get { _, context in
        let name = try context.params.string("name")
        guard !name.contains("/"), !name.hasPrefix(".") else { throw HTTPError(.badRequest, "bad file name") }
        return Response(body: .file(path: files.appendingPathComponent(name).path))
    }
}

// A streaming Swift route producing chunks as an AsyncSequence.
try app.nodejs("/swift/count") { route in
    route.get { request, _ in
        let upTo = Int(request.query("to") ?? "5") ?? 5
        let stream = AsyncStream<String> { continuation in
            Task {
                for index in 1...max(1, upTo) {
                    continuation.yield("\(index)\n")
                    try? await Task.sleep(for: .milliseconds(100))
                }
                continuation.finish()
            }
        }
        return Response(headers: ["content-type": "text/plain; charset=utf-8"], body: .textStream(stream))
    }
}

await app.run()
