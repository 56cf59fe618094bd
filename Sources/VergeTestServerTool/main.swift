// `verge-test-server`: runs the loopback test server (Sources/VergeTestServer) until
// killed, printing its origin on the first line, e.g. for benchmarks:
//   VERGE_TEST_SERVER=$(...) verge run benchmarks/web-apis/fetch.js
import Foundation
import NIOCore
import NIOPosix
import VergeTestServer

let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
let server = try await TestServer.start(group: group)
FileHandle.standardOutput.write(Data((server.origin + "\n").utf8))
while true {
    try await Task.sleep(for: .seconds(3600))
}
