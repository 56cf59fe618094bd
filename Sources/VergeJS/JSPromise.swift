import CJavaScriptCore

/// A promise created in JavaScript and settled later from Swift (JSObjectMakeDeferredPromise).
/// Settling it runs its reactions in the microtask checkpoint that follows the settling call.
public final class JSDeferredPromise {
    public let promise: JSValue
    private var resolveFunction: JSValue?
    private var rejectFunction: JSValue?

    public init(in realm: JSRealm) throws(JSException) {
        var resolve: JSObjectRef?
        var reject: JSObjectRef?
        var exception: JSValueRef?
        let promise = JSObjectMakeDeferredPromise(realm.context, &resolve, &reject, &exception)
        try realm.check(exception)
        guard let promise, let resolve, let reject else {
            throw realm.exception(.error("could not create a promise"))
        }
        self.promise = realm.wrap(promise)
        resolveFunction = realm.wrap(resolve)
        rejectFunction = realm.wrap(reject)
    }

    public var realm: JSRealm { promise.realm }
    public var isSettled: Bool { resolveFunction == nil }

    /// Resolves with `value` (which may itself be a thenable). Later calls do nothing.
    public func resolve(_ value: JSValueRef?) {
        guard let resolve = resolveFunction else { return }
        settle()
        _ = try? resolve.callRaw([value ?? realm.makeUndefined()])
    }

    public func resolve(_ value: JSValue) { resolve(value.ref) }

    /// Rejects with `reason`. Later calls do nothing.
    public func reject(_ reason: JSValueRef?) {
        guard let reject = rejectFunction else { return }
        settle()
        _ = try? reject.callRaw([reason ?? realm.makeUndefined()])
    }

    /// Rejects with the JS error for a Swift error.
    public func reject(_ error: any Error) {
        reject(realm.errorValue(for: error))
    }

    private func settle() {
        resolveFunction = nil
        rejectFunction = nil
    }
}
