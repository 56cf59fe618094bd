import CJavaScriptCore
import VergeJS

/// Collects the host ops of one realm: the only functions through which runtime-apis JS
/// reaches Swift. The ops object is handed to the bootstrap as an argument, never put on
/// the global, and frozen, so user code can neither see nor replace it.
///
/// Each `Ops/*.swift` file adds its ops in an `OpRegistry` extension; `registerAll`
/// lists them.
struct OpRegistry {
    unowned let realm: Realm
    private(set) var entries: [(name: String, body: JSNativeFunction)] = []

    init(realm: Realm) { self.realm = realm }

    /// Adds an op. Its closure must capture the realm `unowned` (the realm owns the op).
    mutating func add(_ name: String, _ body: @escaping JSNativeFunction) {
        // (Checked in debug builds: every realm registers the same ops, and the scan is
        // quadratic.)
        assert(!entries.contains { $0.name == name }, "op \(name) registered twice")
        entries.append((name, body))
    }

    mutating func registerAll() {
        for op in realm.options.hostOps {
            add(op.name, op.body(realm))
        }
        registerCoreOps()
        registerEncodingOps()
        registerURLOps()
        registerBase64Ops()
        registerCompressionOps()
        registerFetchOps()
        registerFetchCacheOps()
        registerCryptoOps()
    }

    /// A frozen, null-prototype object holding every op.
    func makeObject() throws -> JSValue {
        let js = realm.js
        let object = try js.evaluate("Object.create(null)")
        for entry in entries {
            let function = js.makeInternalFunction(entry.body)
            try object.set(entry.name, raw: function, attributes: JSPropertyAttributes(kJSPropertyAttributeReadOnly | kJSPropertyAttributeDontDelete))
        }
        return object
    }
}
