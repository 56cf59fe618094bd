import VergeJS

extension Realm {
    /// Installs the Web APIs: builds the ops object, evaluates `00_core.js` and calls it with
    /// the ops and the realm's configuration. The core captures built-ins, defines the
    /// globals (lazily unless `eagerAPIs`), and returns the hooks Swift calls later.
    func bootstrap() throws {
        var registry = OpRegistry(realm: self)
        registry.registerAll()
        let primordialNames = RuntimeAPIs.primordialNames  // scanned once per process, outside the budget
        let primordialRecipe = RuntimeAPIs.primordialRecipe.withLockedValue { $0 }
        let invocation = Invocation(cpuBudget: isolate.limits.startupCPUTime, realmName: name)
        hooks = try isolate.enter(self, invocation: invocation) {
            let ops = try registry.makeObject()
            let env = js.object()
            for (key, value) in options.env.sorted(by: { $0.key < $1.key }) {
                try env.set(key, js.string(value))
            }
            let config = js.object([
                ("env", env),
                ("eager", js.boolean(options.eagerAPIs)),
                ("location", options.location.map { js.string($0) } ?? js.undefined),
                ("userAgent", js.string("Verge")),
                ("realmName", js.string(name)),
                ("primordials", js.string(primordialNames)),
            ])
            if !primordialRecipe.isEmpty {
                // (Code this process wrote; a failure here means the first realm's capture is
                // used again: the module finds the names itself.)
                if let script = try? isolate.compiledPrimordialCapture(primordialRecipe),
                   let capture = try? js.evaluate(script) {
                    try config.set("primordialCapture", capture)
                }
            }
            let entry: JSValue
            do {
                entry = try js.evaluate(try isolate.compiledModule("core"))
            } catch let error as JSException {
                throw EdgeError.bootstrap(file: "00_core.js", error)
            }
            do {
                let core = try js.evaluate("Object.create(null)")
                try core.set("ops", ops)
                try core.set("config", config)
                return try entry.call([core])
            } catch let error as JSException {
                throw EdgeError.bootstrap(file: error.sourceURL ?? "00_core.js", error)
            }
        }

        if primordialRecipe.isEmpty, let hooks, let recipe = try? hooks.get("primordialRecipe").toString(), !recipe.isEmpty {
            RuntimeAPIs.primordialRecipe.withLockedValue { $0 = recipe }
        }

        js.domExceptionFactory = { [unowned self] message, name in
            guard let make = try? self.hook("makeDOMException") else { return nil }
            return try? make.callRaw([self.js.makeString(message), self.js.makeString(name)]).ref
        }
        let onRejection = js.function("unhandledRejection", length: 2) { [unowned self] frame in
            try self.hook("unhandledRejection").callRaw([frame[0], frame[1]])
            return nil
        }
        try js.setUnhandledRejectionCallback(onRejection)
    }
}
