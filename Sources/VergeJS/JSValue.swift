import CJavaScriptCore

/// A JavaScript value held by Swift. The value is protected from garbage collection for
/// exactly as long as this object lives (JSValueProtect in init, JSValueUnprotect in deinit),
/// and it keeps its realm alive.
///
/// Like its realm, a JSValue belongs to the thread that runs its VM; it is not Sendable.
public final class JSValue {
    public let realm: JSRealm
    public let ref: JSValueRef

    /// Wraps and protects `ref`, which must belong to `realm`'s VM.
    public init(_ ref: JSValueRef, in realm: JSRealm) {
        self.realm = realm
        self.ref = ref
        JSValueProtect(realm.context, ref)
    }

    deinit {
        JSValueUnprotect(realm.context, ref)
    }

    var ctx: JSContextRef { realm.context }

    // MARK: Type tests

    public var isUndefined: Bool { JSValueIsUndefined(ctx, ref) }
    public var isNull: Bool { JSValueIsNull(ctx, ref) }
    public var isNullish: Bool { isUndefined || isNull }
    public var isBoolean: Bool { JSValueIsBoolean(ctx, ref) }
    public var isNumber: Bool { JSValueIsNumber(ctx, ref) }
    public var isString: Bool { JSValueIsString(ctx, ref) }
    public var isSymbol: Bool { JSValueIsSymbol(ctx, ref) }
    public var isBigInt: Bool { JSValueIsBigInt(ctx, ref) }
    public var isObject: Bool { JSValueIsObject(ctx, ref) }
    public var isArray: Bool { JSValueIsArray(ctx, ref) }
    public var isDate: Bool { JSValueIsDate(ctx, ref) }
    public var isFunction: Bool {
        guard let object = JSValueToObject(ctx, ref, nil), JSValueIsObject(ctx, ref) else { return false }
        return JSObjectIsFunction(ctx, object)
    }
    public var isConstructor: Bool {
        guard JSValueIsObject(ctx, ref), let object = JSValueToObject(ctx, ref, nil) else { return false }
        return JSObjectIsConstructor(ctx, object)
    }
    public var typedArrayType: JSTypedArrayType {
        JSValueGetTypedArrayType(ctx, ref, nil)
    }

    // MARK: Conversions (ECMAScript ToBoolean, ToNumber, ToString)

    public func toBool() -> Bool { JSValueToBoolean(ctx, ref) }

    public func toDouble() throws(JSException) -> Double {
        var exception: JSValueRef?
        let number = JSValueToNumber(ctx, ref, &exception)
        try realm.check(exception)
        return number
    }

    public func toInt32() throws(JSException) -> Int32 {
        var exception: JSValueRef?
        let number = JSValueToInt32(ctx, ref, &exception)
        try realm.check(exception)
        return number
    }

    public func toString() throws(JSException) -> String {
        try realm.string(from: ref)
    }

    /// `JSON.stringify(value)`, or nil when the value has no JSON form (undefined, a function).
    public func toJSON(indent: UInt32 = 0) throws(JSException) -> String? {
        var exception: JSValueRef?
        let json = JSValueCreateJSONString(ctx, ref, indent, &exception)
        try realm.check(exception)
        guard let json else { return nil }
        defer { JSStringRelease(json) }
        return JSStrings.string(json)
    }

    /// The object for this value, or a TypeError when it is not an object.
    public func objectRef() throws(JSException) -> JSObjectRef {
        guard JSValueIsObject(ctx, ref), let object = JSValueToObject(ctx, ref, nil) else {
            throw realm.exception(JSError.typeError("value is not an object"))
        }
        return object
    }

    // MARK: Properties

    public subscript(_ name: String) -> JSValue {
        get { (try? get(name)) ?? realm.undefined }
    }

    public func get(_ name: String) throws(JSException) -> JSValue {
        let object = try objectRef()
        var exception: JSValueRef?
        let result = JSStrings.with(name) { JSObjectGetProperty(ctx, object, $0, &exception) }
        try realm.check(exception)
        return realm.wrap(result)
    }

    public func set(_ name: String, _ value: JSValue, attributes: JSPropertyAttributes = 0) throws(JSException) {
        try set(name, raw: value.ref, attributes: attributes)
    }

    public func set(_ name: String, raw value: JSValueRef, attributes: JSPropertyAttributes = 0) throws(JSException) {
        let object = try objectRef()
        var exception: JSValueRef?
        JSStrings.with(name) { JSObjectSetProperty(ctx, object, $0, value, attributes, &exception) }
        try realm.check(exception)
    }

    public func has(_ name: String) -> Bool {
        guard let object = try? objectRef() else { return false }
        return JSStrings.with(name) { JSObjectHasProperty(ctx, object, $0) }
    }

    @discardableResult
    public func delete(_ name: String) throws(JSException) -> Bool {
        let object = try objectRef()
        var exception: JSValueRef?
        let deleted = JSStrings.with(name) { JSObjectDeleteProperty(ctx, object, $0, &exception) }
        try realm.check(exception)
        return deleted
    }

    public func get(index: Int) throws(JSException) -> JSValue {
        let object = try objectRef()
        var exception: JSValueRef?
        let result = JSObjectGetPropertyAtIndex(ctx, object, UInt32(index), &exception)
        try realm.check(exception)
        return realm.wrap(result)
    }

    public func set(index: Int, _ value: JSValue) throws(JSException) {
        let object = try objectRef()
        var exception: JSValueRef?
        JSObjectSetPropertyAtIndex(ctx, object, UInt32(index), value.ref, &exception)
        try realm.check(exception)
    }

    /// Own enumerable string-keyed property names.
    public func propertyNames() throws(JSException) -> [String] {
        let object = try objectRef()
        let names = JSObjectCopyPropertyNames(ctx, object)
        defer { JSPropertyNameArrayRelease(names) }
        let count = JSPropertyNameArrayGetCount(names)
        return (0..<count).map { JSStrings.string(JSPropertyNameArrayGetNameAtIndex(names, $0)) }
    }

    /// Elements of an array-like value (reads `length`, then each index).
    public func arrayElements() throws(JSException) -> [JSValue] {
        let length = Int(try get("length").toDouble())
        var result: [JSValue] = []
        result.reserveCapacity(length)
        for index in 0..<length { result.append(try get(index: index)) }
        return result
    }

    // MARK: Calls

    /// Calls this function with `this` and arguments.
    @discardableResult
    public func call(this: JSValue? = nil, _ arguments: [JSValue] = []) throws(JSException) -> JSValue {
        try callRaw(this: this?.ref, arguments.map { Optional($0.ref) })
    }

    /// Calls this function with raw argument references (they stay valid: they are on the stack).
    @discardableResult
    public func callRaw(this: JSValueRef? = nil, _ arguments: [JSValueRef?]) throws(JSException) -> JSValue {
        let function = try objectRef()
        guard JSObjectIsFunction(ctx, function) else {
            throw realm.exception(JSError.typeError("value is not a function"))
        }
        var thisObject: JSObjectRef?
        if let this, JSValueIsObject(ctx, this) { thisObject = JSValueToObject(ctx, this, nil) }
        var exception: JSValueRef?
        let result = arguments.withUnsafeBufferPointer { buffer in
            JSObjectCallAsFunction(ctx, function, thisObject, buffer.count, buffer.baseAddress, &exception)
        }
        try realm.check(exception)
        return realm.wrap(result)
    }

    /// Calls this function with `arguments` and drops the result: no array to pass, and no
    /// protected wrapper made for the result (the server's per-request call).
    public func callDiscardingResult(_ arguments: UnsafeBufferPointer<JSValueRef?>) throws(JSException) {
        let function = try objectRef()
        guard JSObjectIsFunction(ctx, function) else {
            throw realm.exception(JSError.typeError("value is not a function"))
        }
        var exception: JSValueRef?
        _ = JSObjectCallAsFunction(ctx, function, nil, arguments.count, arguments.baseAddress, &exception)
        try realm.check(exception)
    }

    /// `new this(...arguments)`.
    public func construct(_ arguments: [JSValue] = []) throws(JSException) -> JSValue {
        let constructor = try objectRef()
        guard JSObjectIsConstructor(ctx, constructor) else {
            throw realm.exception(JSError.typeError("value is not a constructor"))
        }
        var exception: JSValueRef?
        let refs = arguments.map { Optional($0.ref) }
        let result = refs.withUnsafeBufferPointer { buffer in
            JSObjectCallAsConstructor(ctx, constructor, buffer.count, buffer.baseAddress, &exception)
        }
        try realm.check(exception)
        return realm.wrap(result)
    }

    /// Calls the method `name` of this object.
    @discardableResult
    public func invoke(_ name: String, _ arguments: [JSValue] = []) throws(JSException) -> JSValue {
        try get(name).call(this: self, arguments)
    }

    // MARK: Equality

    public func strictEquals(_ other: JSValue) -> Bool { JSValueIsStrictEqual(ctx, ref, other.ref) }

    public func isInstance(of constructor: JSValue) throws(JSException) -> Bool {
        let object = try constructor.objectRef()
        var exception: JSValueRef?
        let result = JSValueIsInstanceOfConstructor(ctx, ref, object, &exception)
        try realm.check(exception)
        return result
    }

    // MARK: Bytes

    /// Calls `body` with the bytes of an ArrayBuffer or a typed array view (no copy).
    /// The pointer is valid only inside `body`, which must not run JavaScript.
    /// Returns nil when the value holds no bytes of its own (not a buffer or view).
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        guard let bytes = realm.bytes(of: ref) else { return nil }
        return try body(bytes)
    }

    /// A copy of the bytes of an ArrayBuffer or typed array view.
    public func bytes() -> [UInt8]? {
        withUnsafeBytes { Array($0.bindMemory(to: UInt8.self)) }
    }
}

extension JSValue: CustomStringConvertible {
    public var description: String {
        (try? toString()) ?? "<\(JSValueGetType(ctx, ref))>"
    }
}
