import CJavaScriptCore

#if canImport(Glibc)
import Glibc
#endif

/// A realm: one JavaScriptCore global context (global object plus its own copies of every
/// built-in) inside a VM. Realms of one VM share a heap and the code cache but no objects
/// unless Swift passes them across; Verge never does.
///
/// Confined to the thread that runs its VM.
public final class JSRealm {
    public let vm: JSVirtualMachine
    public let context: JSGlobalContextRef

    /// Built-ins captured when the realm was created, before any user code could replace them.
    private var intrinsics: [Intrinsic: JSValueRef] = [:]
    /// Native functions created in this realm, so `close()` can drop their closures.
    private var nativeBoxes: [NativeFunctionBox] = []
    private var closed = false

    /// Makes a DOMException(message, name) in this realm; installed by the Web APIs bootstrap.
    public var domExceptionFactory: ((String, String) -> JSValueRef?)?

    enum Intrinsic: CaseIterable {
        case error, typeError, rangeError, syntaxError, evalError, functionPrototype
    }

    public init(vm: JSVirtualMachine, name: String? = nil) {
        self.vm = vm
        context = JSGlobalContextCreateInGroup(vm.group, nil)
        if let name { JSStrings.with(name) { JSGlobalContextSetName(context, $0) } }
        let global = JSContextGetGlobalObject(context)
        func capture(_ path: [String]) -> JSValueRef? {
            var current: JSValueRef? = global
            for key in path {
                guard let object = JSValueToObject(context, current, nil) else { return nil }
                current = JSStrings.with(key) { JSObjectGetProperty(context, object, $0, nil) }
            }
            if let current { JSValueProtect(context, current) }
            return current
        }
        intrinsics[.error] = capture(["Error"])
        intrinsics[.typeError] = capture(["TypeError"])
        intrinsics[.rangeError] = capture(["RangeError"])
        intrinsics[.syntaxError] = capture(["SyntaxError"])
        intrinsics[.evalError] = capture(["EvalError"])
        intrinsics[.functionPrototype] = capture(["Function", "prototype"])
    }

    deinit {
        close()
        JSGlobalContextRelease(context)
    }

    /// Drops what this realm holds from Swift (native closures, captured built-ins) so that
    /// cycles through closures break. The realm must not run code afterwards.
    public func close() {
        guard !closed else { return }
        closed = true
        for box in nativeBoxes { box.body = nil }
        nativeBoxes.removeAll()
        for (_, ref) in intrinsics { JSValueUnprotect(context, ref) }
        intrinsics.removeAll()
        domExceptionFactory = nil
    }

    public var isClosed: Bool { closed }

    public var global: JSValue { wrap(JSContextGetGlobalObject(context)) }
    public var globalObject: JSObjectRef { JSContextGetGlobalObject(context) }

    // MARK: Evaluation

    /// Evaluates `source` as a classic script. Top-level declarations become globals.
    @discardableResult
    public func evaluate(_ source: String, sourceURL: String = "", startingLine: Int = 1,
                         this: JSValue? = nil) throws(JSException) -> JSValue {
        var exception: JSValueRef?
        let thisObject = this.flatMap { JSValueToObject(context, $0.ref, nil) }
        let result = JSStrings.with(source) { sourceString in
            JSStrings.with(sourceURL) { url in
                JSEvaluateScript(context, sourceString, thisObject, sourceURL.isEmpty ? nil : url,
                                 Int32(clamping: startingLine), &exception)
            }
        }
        try check(exception)
        return wrap(result)
    }

    /// Evaluates a script compiled for this realm's VM.
    @discardableResult
    public func evaluate(_ script: JSCompiledScript) throws(JSException) -> JSValue {
        precondition(script.vm === vm, "a compiled script runs only in realms of its own VM")
        var exception: JSValueRef?
        let result = JSScriptEvaluate(context, script.script, nil, &exception)
        try check(exception)
        return wrap(result)
    }

    // MARK: Values

    public func wrap(_ ref: JSValueRef?) -> JSValue {
        JSValue(ref ?? JSValueMakeUndefined(context), in: self)
    }

    public var undefined: JSValue { wrap(JSValueMakeUndefined(context)) }
    public var null: JSValue { wrap(JSValueMakeNull(context)) }
    public func boolean(_ value: Bool) -> JSValue { wrap(JSValueMakeBoolean(context, value)) }
    public func number(_ value: Double) -> JSValue { wrap(JSValueMakeNumber(context, value)) }
    public func number(_ value: Int) -> JSValue { wrap(JSValueMakeNumber(context, Double(value))) }
    public func string(_ value: String) -> JSValue { wrap(makeString(value)) }

    /// A plain object, optionally with properties.
    public func object(_ properties: [(String, JSValue)] = []) -> JSValue {
        let object = JSObjectMake(context, nil, nil)
        for (key, value) in properties {
            JSStrings.with(key) { JSObjectSetProperty(context, object, $0, value.ref, 0, nil) }
        }
        return wrap(object)
    }

    public func array(_ elements: [JSValue]) throws(JSException) -> JSValue {
        var exception: JSValueRef?
        let refs = elements.map { Optional($0.ref) }
        let array = refs.withUnsafeBufferPointer {
            JSObjectMakeArray(context, $0.count, $0.baseAddress, &exception)
        }
        try check(exception)
        return wrap(array)
    }

    /// `JSON.parse(text)`, or nil when `text` is not JSON.
    public func parseJSON(_ text: String) -> JSValue? {
        guard let ref = JSStrings.with(text, { JSValueMakeFromJSONString(context, $0) }) else { return nil }
        return wrap(ref)
    }

    // MARK: Raw values (no protection: keep them on the stack, inside one call)

    public func makeString(_ value: String) -> JSValueRef {
        JSStrings.with(value) { JSValueMakeString(context, $0) }
    }

    public func makeNumber(_ value: Double) -> JSValueRef { JSValueMakeNumber(context, value) }
    public func makeBoolean(_ value: Bool) -> JSValueRef { JSValueMakeBoolean(context, value) }
    public func makeUndefined() -> JSValueRef { JSValueMakeUndefined(context) }
    public func makeNull() -> JSValueRef { JSValueMakeNull(context) }

    /// ToString(value) in Swift.
    public func string(from ref: JSValueRef) throws(JSException) -> String {
        var exception: JSValueRef?
        guard let jsString = JSValueToStringCopy(context, ref, &exception) else {
            try check(exception)
            return ""
        }
        defer { JSStringRelease(jsString) }
        return JSStrings.string(jsString)
    }

    // MARK: Errors

    /// Throws a JSException when `exception` is set.
    public func check(_ exception: JSValueRef?) throws(JSException) {
        if let exception { throw JSException(thrown: exception, in: self) }
    }

    /// The JS error object for a Swift error raised into JavaScript.
    public func errorValue(for error: any Error) -> JSValueRef {
        switch error {
        case let error as JSError:
            return errorValue(for: error)
        case let exception as JSException:
            if let value = exception.value, value.realm.vm === vm { return value.ref }
            return makeError(.error, message: exception.description)
        default:
            return makeError(.error, message: String(describing: error))
        }
    }

    public func errorValue(for error: JSError) -> JSValueRef {
        switch error {
        case .error(let message): return makeError(.error, message: message)
        case .typeError(let message): return makeError(.typeError, message: message)
        case .rangeError(let message): return makeError(.rangeError, message: message)
        case .syntaxError(let message): return makeError(.syntaxError, message: message)
        case .evalError(let message): return makeError(.evalError, message: message)
        case .domException(let name, let message):
            if let factory = domExceptionFactory, let value = factory(message, name) { return value }
            let error = makeError(.error, message: message)
            if let object = JSValueToObject(context, error, nil) {
                JSStrings.with("name") { JSObjectSetProperty(context, object, $0, makeString(name), 0, nil) }
            }
            return error
        case .exception(let exception):
            return errorValue(for: exception)
        }
    }

    /// A JSException holding a freshly made JS error for `error`.
    public func exception(_ error: JSError) -> JSException {
        JSException(thrown: errorValue(for: error), in: self)
    }

    func makeError(_ kind: Intrinsic, message: String) -> JSValueRef {
        let messageRef: JSValueRef? = makeString(message)
        if let constructorRef = intrinsics[kind], let constructor = JSValueToObject(context, constructorRef, nil) {
            var args = [messageRef]
            if let error = args.withUnsafeMutableBufferPointer({
                JSObjectCallAsConstructor(context, constructor, 1, $0.baseAddress, nil)
            }) {
                return error
            }
        }
        var args = [messageRef]
        return args.withUnsafeMutableBufferPointer { JSObjectMakeError(context, 1, $0.baseAddress, nil) }
    }

    // MARK: Sandbox controls

    /// Turns eval and every Function constructor into an EvalError(message) thrower.
    public func setEvalEnabled(_ enabled: Bool, message: String) {
        JSStrings.with(message) { JSGlobalContextSetEvalEnabled(context, enabled, $0) }
    }

    /// `function(promise, reason)` runs for each rejection left unhandled after a microtask checkpoint.
    public func setUnhandledRejectionCallback(_ function: JSValue) throws(JSException) {
        var exception: JSValueRef?
        JSGlobalContextSetUnhandledRejectionCallback(context, try function.objectRef(), &exception)
        try check(exception)
    }

    /// The VM's heap figures, read through this realm.
    public func heapStatistics() -> JSHeapStatistics {
        let stats = JSGetMemoryUsageStatistics(context)
        func read(_ key: String) -> Int {
            let value = JSStrings.with(key) { JSObjectGetProperty(context, stats, $0, nil) }
            let number = JSValueToNumber(context, value, nil)
            return number.isFinite ? Int(number) : 0
        }
        return JSHeapStatistics(heapSize: read("heapSize"), heapCapacity: read("heapCapacity"),
                                extraMemorySize: read("extraMemorySize"), objectCount: read("objectCount"))
    }

    /// Runs a full, synchronous garbage collection (tests and memory measurements only).
    public func collectGarbage() {
        JSSynchronousGarbageCollectForDebugging(context)
    }

    // MARK: Native functions

    func register(_ box: NativeFunctionBox) { nativeBoxes.append(box) }

    var functionPrototype: JSValueRef? { intrinsics[.functionPrototype] }
}

/// A script parsed once for a VM and evaluated in any of its realms (JSScriptRef), so every
/// realm after the first skips parsing and reuses the VM's compiled code.
public final class JSCompiledScript {
    public let vm: JSVirtualMachine
    let script: JSScriptRef
    public let sourceURL: String

    /// Parses `source`; a syntax error throws with its line.
    public init(vm: JSVirtualMachine, source: String, sourceURL: String, startingLine: Int = 1) throws(JSException) {
        self.vm = vm
        self.sourceURL = sourceURL
        var errorMessage: JSStringRef?
        var errorLine: Int32 = 0
        let created = JSStrings.with(source) { sourceString in
            JSStrings.with(sourceURL) { url in
                JSScriptCreateFromString(vm.group, url, Int32(clamping: startingLine), sourceString,
                                         &errorMessage, &errorLine)
            }
        }
        guard let created else {
            var message = "could not parse script"
            if let errorMessage {
                message = JSStrings.string(errorMessage)
                JSStringRelease(errorMessage)
            }
            throw JSException(name: "SyntaxError", message: message, sourceURL: sourceURL,
                              line: Int(errorLine))
        }
        script = created
    }

    deinit { JSScriptRelease(script) }
}
