import NIOCore

/// A task executor that runs jobs on one NIO event loop. Swift handlers run as tasks that
/// prefer it, so a request is read, handled and answered on its connection's loop without
/// two hops through the global concurrent pool (the brief measured such hops at half the
/// throughput of raw SwiftNIO). A handler that blocks its thread therefore blocks the loop:
/// blocking work belongs on `NIOThreadPool` or in `Task.detached` (docs/node-handlers.md).
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    let loop: any EventLoop

    init(loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
