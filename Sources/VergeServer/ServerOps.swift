import VergeEdge
import VergeJS

/// The host ops the HTTP server adds to its edge realms (runtime-apis/50_server.js calls
/// them). Each finds its request by id on this loop's host.
extension EdgeHost {
    func serverOps() -> [HostOp] {
        [
            HostOp("serverRespond") { [unowned self] _ in
                { [unowned self] frame in
                    guard let exchange = self.exchanges[try frame.int(0)] else { return nil }
                    try exchange.respond(status: try frame.int(1), statusText: try frame.string(2),
                                         kind: try frame.int(4), frame: frame)
                    return nil
                }
            },
            HostOp("serverWrite") { [unowned self] realm in
                { [unowned self, unowned realm] frame in
                    guard let exchange = self.exchanges[try frame.int(0)] else { return realm.js.makeBoolean(false) }
                    return try exchange.write(frame)
                }
            },
            HostOp("serverEnd") { [unowned self] _ in
                { [unowned self] frame in
                    self.exchanges[try frame.int(0)]?.end()
                    return nil
                }
            },
            HostOp("serverFail") { [unowned self] _ in
                { [unowned self] frame in
                    self.exchanges[try frame.int(0)]?.fail(message: try frame.string(1))
                    return nil
                }
            },
            HostOp("serverBodyRead") { [unowned self] realm in
                { [unowned self, unowned realm] frame in
                    guard let exchange = self.exchanges[try frame.int(0)] else {
                        let promise = try JSDeferredPromise(in: realm.js)
                        promise.reject(JSError.typeError("the request is over"))
                        return promise.promise.ref
                    }
                    return try exchange.readBody()
                }
            },
            HostOp("serverBodyCancel") { [unowned self] _ in
                { [unowned self] frame in
                    self.exchanges[try frame.int(0)]?.cancelBody()
                    return nil
                }
            },
            // The request the running JS belongs to: the tag of the isolate's current
            // invocation (timers and host-operation completions are charged to the request
            // that started them). next/headers finds its request context through it.
            HostOp("serverCurrentRequest") { realm in
                { [unowned realm] _ in
                    realm.js.makeNumber(Double(realm.isolate.currentInvocation?.tag ?? 0))
                }
            },
            // (id, target, hasRequestHeaders, requestHeaderBlock, responseHeaderBlock)
            HostOp("serverContinue") { [unowned self] _ in
                { [unowned self] frame in
                    guard let exchange = self.exchanges[try frame.int(0)] else { return nil }
                    let hasRequestHeaders = frame.bool(2)
                    exchange.continueRouting(target: try frame.string(1),
                                             requestHeaderBlock: hasRequestHeaders ? try frame.string(3) : nil,
                                             responseHeaderBlock: try frame.string(4))
                    return nil
                }
            },
        ]
    }
}
