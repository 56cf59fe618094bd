// swift-tools-version:6.1
import PackageDescription

// Verge: one HTTP server, one file-system router, two runtimes per route segment
// (edge = JavaScriptCore sandbox, nodejs = native Swift). See docs/architecture.md.

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
]

let package = Package(
    name: "Verge",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Verge", targets: ["Verge"]),
        .executable(name: "verge", targets: ["VergeCLI"]),
        .executable(name: "mixed-example", targets: ["MixedExample"]),
        .executable(name: "cache-example", targets: ["CacheExample"]),
        .executable(name: "verge-test-server", targets: ["VergeTestServerTool"]),
        .executable(name: "verge-bench", targets: ["VergeBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-http2.git", from: "1.46.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // JavaScriptCore's C API (Debian: libjavascriptcoregtk-4.1-dev), plus declarations
        // of exported functions its public headers omit.
        .systemLibrary(
            name: "CJavaScriptCore",
            pkgConfig: "javascriptcoregtk-4.1",
            providers: [.apt(["libjavascriptcoregtk-4.1-dev"])]
        ),
        // Small C helpers where native code is clearly faster or required:
        // UTF-8/UTF-16 transcoding, ICU's UTS #46 (IDNA), zlib.
        .target(
            name: "CVergeNative",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("z"),
                             .linkedLibrary("brotlidec"), .linkedLibrary("brotlienc")]
        ),
        // Swift binding over the JavaScriptCore C API.
        .target(
            name: "VergeJS",
            dependencies: ["CJavaScriptCore", "CVergeNative"],
            swiftSettings: swiftSettings
        ),
        // The edge sandbox: isolates, their event loops, host ops, limits.
        .target(
            name: "VergeEdge",
            dependencies: [
                "VergeJS", "CVergeNative", "VergeCache", "VergeRouter",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings,
            plugins: ["EmbedRuntimeAPIs"]
        ),
        // Build-time tool: turns runtime-apis/*.js into a Swift source embedded in VergeEdge.
        .executableTarget(
            name: "RuntimeAPIsEmbedder",
            swiftSettings: swiftSettings
        ),
        .plugin(
            name: "EmbedRuntimeAPIs",
            capability: .buildTool(),
            dependencies: ["RuntimeAPIsEmbedder"],
            path: "Sources/EmbedRuntimeAPIsPlugin"
        ),
        // The response cache shared by both runtimes: fetch data cache and full-route cache,
        // an in-memory LRU in front of a crash-safe store on disk (docs/caching.md).
        .target(
            name: "VergeCache",
            dependencies: [
                "VergeRouter",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The app directory: routes, segment config, the route table, edge bundles (esbuild).
        .target(
            name: "VergeRouter",
            dependencies: ["CVergeNative"],
            swiftSettings: swiftSettings
        ),
        // The HTTP server: SwiftNIO, edge exchanges on the event loop, Swift handlers.
        .target(
            name: "VergeServer",
            dependencies: [
                "VergeEdge", "VergeRouter", "VergeJS", "CVergeNative", "VergeCache",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // A loopback HTTP server with test endpoints (echo, redirects, encodings, slow and
        // stalled bodies…) for fetch tests, `verge conformance` and benchmarks.
        .target(
            name: "VergeTestServer",
            dependencies: [
                "CVergeNative",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // `verge-test-server`: the test server as a process (benchmarks, manual testing).
        .executableTarget(
            name: "VergeTestServerTool",
            dependencies: [
                "VergeTestServer",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The public Swift API.
        .target(
            name: "Verge",
            dependencies: [
                "VergeEdge", "VergeServer", "VergeRouter", "VergeJS", "VergeCache",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The conformance suite runner: testharness.js files in fresh edge sandboxes.
        .target(
            name: "VergeConformance",
            dependencies: [
                "VergeEdge",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The `verge` command.
        .executableTarget(
            name: "VergeCLI",
            dependencies: [
                "Verge", "VergeConformance", "VergeTestServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // examples/mixed: edge routes in JS/TS plus Swift routes, served by one VergeApp.
        .executableTarget(
            name: "MixedExample",
            dependencies: ["Verge"],
            path: "examples/mixed/swift",
            swiftSettings: swiftSettings
        ),
        // `make bench`: isolate micro-benchmarks, the raw SwiftNIO hello ceiling, and the
        // HTTP benchmark app (benchmarks/apps/http plus a Swift route). docs/benchmarks.md.
        .executableTarget(
            name: "VergeBench",
            dependencies: [
                "Verge", "VergeJS",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "benchmarks/VergeBench",
            swiftSettings: swiftSettings
        ),
        // examples/cache: the data cache and static rendering / ISR (docs/caching.md).
        .executableTarget(
            name: "CacheExample",
            dependencies: ["Verge"],
            path: "examples/cache/swift",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VergeJSTests",
            dependencies: ["VergeJS"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VergeEdgeTests",
            dependencies: ["VergeEdge", "VergeTestServer"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VergeRouterTests",
            dependencies: ["VergeRouter"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VergeServerTests",
            dependencies: [
                "Verge",
                "VergeServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VergeConformanceTests",
            dependencies: [
                "VergeConformance", "VergeEdge",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VergeCacheTests",
            dependencies: [
                "Verge", "VergeCache",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VergeCLITests",
            dependencies: ["VergeCLI"],
            swiftSettings: swiftSettings
        ),
    ]
)
