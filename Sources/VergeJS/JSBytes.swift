import CJavaScriptCore

#if canImport(Glibc)
import Glibc
#endif

/// ArrayBuffers and typed arrays: reading their bytes in place, and handing Swift-owned
/// memory to JavaScript without a copy.
extension JSRealm {
    /// The bytes an ArrayBuffer or typed-array view covers, borrowed (no copy). Valid until
    /// JavaScript runs again. nil for anything else (including DataView, which the C API
    /// does not expose; runtime-apis pass views as Uint8Array).
    public func bytes(of ref: JSValueRef) -> UnsafeRawBufferPointer? {
        guard JSValueIsObject(context, ref), let object = JSValueToObject(context, ref, nil) else { return nil }
        let type = JSValueGetTypedArrayType(context, ref, nil)
        switch type {
        case kJSTypedArrayTypeNone:
            return nil
        case kJSTypedArrayTypeArrayBuffer:
            let length = JSObjectGetArrayBufferByteLength(context, object, nil)
            guard length > 0, let base = JSObjectGetArrayBufferBytesPtr(context, object, nil) else {
                return UnsafeRawBufferPointer(start: nil, count: 0)
            }
            return UnsafeRawBufferPointer(start: base, count: length)
        default:
            // JSObjectGetTypedArrayBytesPtr points at the start of the underlying buffer, not
            // at the view (checked on WebKitGTK 2.50): add the view's byte offset.
            let length = JSObjectGetTypedArrayByteLength(context, object, nil)
            guard length > 0, let base = JSObjectGetTypedArrayBytesPtr(context, object, nil) else {
                return UnsafeRawBufferPointer(start: nil, count: 0)
            }
            let offset = JSObjectGetTypedArrayByteOffset(context, object, nil)
            return UnsafeRawBufferPointer(start: base + offset, count: length)
        }
    }

    /// A new Uint8Array holding a copy of `bytes` (memory owned by the JS heap).
    public func makeUint8Array(copying bytes: UnsafeRawBufferPointer) throws(JSException) -> JSObjectRef {
        var exception: JSValueRef?
        let array = JSObjectMakeTypedArray(context, kJSTypedArrayTypeUint8Array, bytes.count, &exception)
        try check(exception)
        guard let array else { throw self.exception(.rangeError("could not allocate \(bytes.count) bytes")) }
        if bytes.count > 0, let destination = JSObjectGetTypedArrayBytesPtr(context, array, nil),
           let source = bytes.baseAddress {
            destination.copyMemory(from: source, byteCount: bytes.count)
        }
        return array
    }

    public func makeUint8Array<C: Collection>(copying bytes: C) throws(JSException) -> JSObjectRef where C.Element == UInt8 {
        let array = Array(bytes)
        var result: Result<JSObjectRef, JSException> = .failure(self.exception(.error("unreachable")))
        array.withUnsafeBytes { buffer in
            result = Result { () throws(JSException) in try makeUint8Array(copying: buffer) }
        }
        return try result.get()
    }

    /// A Uint8Array over `malloc`ed memory that JavaScript takes ownership of (freed by the GC).
    public func makeUint8Array(takingMalloced pointer: UnsafeMutableRawPointer, count: Int) throws(JSException) -> JSObjectRef {
        var exception: JSValueRef?
        let array = JSObjectMakeTypedArrayWithBytesNoCopy(
            context, kJSTypedArrayTypeUint8Array, pointer, count,
            { bytes, _ in free(bytes) }, nil, &exception)
        try check(exception)
        guard let array else { throw self.exception(.rangeError("could not wrap \(count) bytes")) }
        return array
    }

    /// A new ArrayBuffer holding a copy of `bytes`.
    public func makeArrayBuffer(copying bytes: UnsafeRawBufferPointer) throws(JSException) -> JSObjectRef {
        let count = bytes.count
        guard let memory = malloc(max(count, 1)) else { throw self.exception(.rangeError("out of memory")) }
        if count > 0, let source = bytes.baseAddress { memory.copyMemory(from: source, byteCount: count) }
        var exception: JSValueRef?
        let buffer = JSObjectMakeArrayBufferWithBytesNoCopy(context, memory, count, { bytes, _ in free(bytes) },
                                                            nil, &exception)
        try check(exception)
        guard let buffer else { throw self.exception(.rangeError("could not allocate \(count) bytes")) }
        return buffer
    }
}
