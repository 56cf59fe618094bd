// The bootstrap of every edge realm. Swift calls this file's function once with
// `core = { ops, config }`, before any user code exists. It:
//   1. captures the primordials (01_primordials.js),
//   2. provides `core.require(name)`, the module loader for the other runtime-apis files
//      (each file is a function of `core` returning its exports),
//   3. installs the globals (99_global_scope.js), lazily or eagerly,
//   4. returns the hooks Swift calls: timers, error reporting, DOMException creation.
// `core` and `ops` are never reachable from the global object.

const { ops, config } = core;
const primordials = ops.loadModule("primordials")(core);
core.primordials = primordials;

const {
  Error,
  ObjectFreeze,
  SafeMap,
  SafeSet,
  MapPrototypeGet,
  MapPrototypeSet,
  SetPrototypeHas,
  SetPrototypeAdd,
  SetPrototypeDelete,
  StringPrototypeSplit,
} = primordials;

const modules = new SafeMap();
const loading = new SafeSet();
// Every module's exports, in load order, until 98_platform_functions.js is installed; then
// that module marks each new module's functions as it loads.
const loadedExports = [];
let platformFunctions;

/** Loads a runtime-apis module once per realm and returns its exports. */
function require(name) {
  const loaded = MapPrototypeGet(modules, name);
  if (loaded !== undefined) return loaded;
  if (SetPrototypeHas(loading, name)) {
    throw new Error(`runtime-apis: circular require of '${name}'`);
  }
  SetPrototypeAdd(loading, name);
  // The outermost load is the runtime's own work, not charged to the running request.
  const outermost = loading.size === 1;
  if (outermost) ops.moduleLoadBegin();
  try {
    const factory = ops.loadModule(name);
    const exports = factory(core) ?? ObjectFreeze({ __proto__: null });
    MapPrototypeSet(modules, name, exports);
    if (platformFunctions !== undefined) platformFunctions.markExports(exports);
    else loadedExports[loadedExports.length] = exports;
    return exports;
  } finally {
    SetPrototypeDelete(loading, name);
    if (outermost) ops.moduleLoadEnd();
  }
}
core.require = require;

// The modules this build has, for a module that uses another only when it is present.
let moduleNameSet = null;
/** Whether the runtime-apis module `name` exists (loaded or not). */
core.hasModule = (name) => {
  if (moduleNameSet === null) {
    moduleNameSet = { __proto__: null };
    const names = StringPrototypeSplit(ops.moduleNames(), "\n");
    for (let i = 0; i < names.length; i++) moduleNameSet[names[i]] = true;
  }
  return moduleNameSet[name] === true;
};
/** Whether a module is already loaded (so another module can skip loading it to check a brand). */
core.isLoaded = (name) => MapPrototypeGet(modules, name) !== undefined;

// Hooks Swift calls. Each loads its module on first use, so a realm that never uses
// timers never loads them.
const hooks = {
  __proto__: null,
  // Set when this realm wrote the primordials capture code (the first realm of the process;
  // 01_primordials.js), which Swift hands to later realms.
  primordialRecipe: typeof core.primordialRecipe === "string" ? core.primordialRecipe : "",
  runTimer(id) {
    require("timers").runTimer(id);
  },
  reportException(error) {
    require("global_events").reportException(error);
  },
  unhandledRejection(promise, reason) {
    require("global_events").unhandledRejection(promise, reason);
  },
  requireModule(name) {
    return require(name);
  },
  isModuleLoaded(name) {
    return MapPrototypeGet(modules, name) !== undefined;
  },
  makeDOMException(message, name) {
    const { DOMException } = require("dom_exception");
    return new DOMException(message, name);
  },
};

const definedGlobals = require("global_scope").install(config.eager === true);

// Web API functions print as native code in Function.prototype.toString (WebIDL's built-in
// function objects): see 98_platform_functions.js.
const platform = require("platform_functions");
platform.install(loadedExports, definedGlobals);
platformFunctions = platform;
loadedExports.length = 0;

return ObjectFreeze(hooks);
