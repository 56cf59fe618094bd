import CJavaScriptCore

/// The arguments of a call from JavaScript into a Swift closure. Argument references are
/// valid for the duration of the call (JavaScriptCore scans the stack); wrap one in a
/// `JSValue` to keep it longer.
public struct JSCallFrame {
    public let realm: JSRealm
    public let this: JSObjectRef?
    public let count: Int
    let argv: UnsafePointer<JSValueRef?>?

    public var context: JSContextRef { realm.context }

    /// The argument at `index`, or undefined when fewer were passed.
    public subscript(_ index: Int) -> JSValueRef {
        if index < count, let argv, let value = argv[index] { return value }
        return JSValueMakeUndefined(realm.context)
    }

    /// The argument at `index` wrapped (protected) for keeping.
    public func value(_ index: Int) -> JSValue { realm.wrap(self[index]) }

    public func isUndefined(_ index: Int) -> Bool { JSValueIsUndefined(context, self[index]) }
    public func isNullish(_ index: Int) -> Bool {
        let v = self[index]
        return JSValueIsUndefined(context, v) || JSValueIsNull(context, v)
    }

    /// ToString(argument).
    public func string(_ index: Int) throws(JSException) -> String {
        try realm.string(from: self[index])
    }

    /// ToNumber(argument).
    public func double(_ index: Int) throws(JSException) -> Double {
        var exception: JSValueRef?
        let number = JSValueToNumber(context, self[index], &exception)
        try realm.check(exception)
        return number
    }

    /// ToNumber(argument) as an Int; NaN and infinities become 0 (callers validate in JS).
    public func int(_ index: Int) throws(JSException) -> Int {
        let number = try double(index)
        guard number.isFinite, abs(number) < 9.007199254740992e15 else { return 0 }
        return Int(number)
    }

    public func bool(_ index: Int) -> Bool { JSValueToBoolean(context, self[index]) }

    /// The bytes of an ArrayBuffer or typed-array argument, borrowed for the call (no copy).
    /// The pointer is invalid once the closure returns or runs JavaScript.
    public func bytes(_ index: Int) -> UnsafeRawBufferPointer? {
        realm.bytes(of: self[index])
    }

    /// The object argument at `index`, or a TypeError.
    public func object(_ index: Int) throws(JSException) -> JSObjectRef {
        let value = self[index]
        guard JSValueIsObject(context, value), let object = JSValueToObject(context, value, nil) else {
            throw realm.exception(.typeError("argument \(index + 1) is not an object"))
        }
        return object
    }
}

/// The Swift side of a native function: reads its frame, returns a value (nil = undefined)
/// or throws (JSError, JSException or any Error, which becomes a JS Error).
public typealias JSNativeFunction = (JSCallFrame) throws -> JSValueRef?

final class NativeFunctionBox {
    weak var realm: JSRealm?
    var body: JSNativeFunction?
    init(realm: JSRealm, body: @escaping JSNativeFunction) {
        self.realm = realm
        self.body = body
    }
}

/// One JSClass for every native function: callable objects whose private data is the box.
nonisolated(unsafe) private let nativeFunctionClass: JSClassRef = {
    var definition = kJSClassDefinitionEmpty
    definition.className = UnsafeRawPointer(("VergeNativeFunction" as StaticString).utf8Start)
        .assumingMemoryBound(to: CChar.self)
    definition.callAsFunction = { ctx, function, this, argc, argv, exception in
        guard let data = JSObjectGetPrivate(function) else { return JSValueMakeUndefined(ctx) }
        let box = Unmanaged<NativeFunctionBox>.fromOpaque(data).takeUnretainedValue()
        guard let realm = box.realm, let body = box.body else {
            // The realm was closed; fail loudly in JS rather than crash.
            var message: JSValueRef? = JSStrings.with("native function called after its realm closed") {
                JSValueMakeString(ctx, $0)
            }
            exception?.pointee = JSObjectMakeError(ctx, 1, &message, nil)
            return JSValueMakeUndefined(ctx)
        }
        let frame = JSCallFrame(realm: realm, this: this, count: argc, argv: argv)
        do {
            return try body(frame) ?? JSValueMakeUndefined(ctx)
        } catch {
            exception?.pointee = realm.errorValue(for: error)
            return JSValueMakeUndefined(ctx)
        }
    }
    definition.finalize = { object in
        guard let data = JSObjectGetPrivate(object) else { return }
        Unmanaged<NativeFunctionBox>.fromOpaque(data).release()
    }
    return JSClassCreate(&definition)
}()

extension JSRealm {
    /// A JS function backed by a Swift closure. It has Function.prototype as its prototype and
    /// the given `name` and `length`. The closure is dropped when the realm closes.
    public func function(_ name: String, length: Int = 0, _ body: @escaping JSNativeFunction) -> JSValue {
        wrap(makeFunction(name, length: length, body))
    }

    /// A callable object backed by a Swift closure, for functions only the runtime's own JS
    /// ever holds (the ops): no `name`, `length` or Function.prototype (so not `call`,
    /// `apply` or `bind` either), which spares three property writes per function when a
    /// realm boots with dozens of them. The closure is dropped when the realm closes.
    public func makeInternalFunction(_ body: @escaping JSNativeFunction) -> JSObjectRef {
        let box = NativeFunctionBox(realm: self, body: body)
        register(box)
        return JSObjectMake(context, nativeFunctionClass, Unmanaged.passRetained(box).toOpaque())!
    }

    /// Like `function`, returning the raw object.
    public func makeFunction(_ name: String, length: Int = 0, _ body: @escaping JSNativeFunction) -> JSObjectRef {
        let box = NativeFunctionBox(realm: self, body: body)
        register(box)
        let object = JSObjectMake(context, nativeFunctionClass, Unmanaged.passRetained(box).toOpaque())!
        // Own `name` and `length` first: once Function.prototype (whose `name` and `length`
        // are read-only) is the prototype, JSObjectSetProperty would be refused.
        let attributes = JSPropertyAttributes(kJSPropertyAttributeReadOnly | kJSPropertyAttributeDontEnum)
        JSStrings.with("name") { JSObjectSetProperty(context, object, $0, makeString(name), attributes, nil) }
        JSStrings.with("length") {
            JSObjectSetProperty(context, object, $0, makeNumber(Double(length)), attributes, nil)
        }
        if let prototype = functionPrototype {
            JSObjectSetPrototype(context, object, prototype)
        }
        return object
    }
}

extension JSCallFrame {
    /// ToString(argument) as UTF-16 code units, borrowed for `body` (no copy to a Swift
    /// String; lone surrogates are kept). The pointer is invalid after `body` returns.
    public func withUTF16<R>(_ index: Int, _ body: (UnsafePointer<UInt16>?, Int) throws -> R) throws -> R {
        var exception: JSValueRef?
        guard let string = JSValueToStringCopy(context, self[index], &exception) else {
            try realm.check(exception)
            return try body(nil, 0)
        }
        defer { JSStringRelease(string) }
        return try body(JSStringGetCharactersPtr(string), JSStringGetLength(string))
    }
}

extension JSRealm {
    /// A JS string from UTF-16 code units (copied).
    public func makeString(utf16 units: UnsafePointer<UInt16>?, count: Int) -> JSValueRef {
        let string = JSStringCreateWithCharacters(units, count)
        defer { JSStringRelease(string) }
        return JSValueMakeString(context, string)
    }
}
