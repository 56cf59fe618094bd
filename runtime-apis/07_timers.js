// setTimeout, setInterval, clearTimeout, clearInterval
// (https://html.spec.whatwg.org/#timers) and queueMicrotask (#microtask-queuing).
//
// The map of active timers lives here; Swift only arms deadlines (ops.timerStart) on the
// isolate's event loop and calls `runTimer(id)` when one passes. Timers due at the same
// time run in the order they were started, each as its own task followed by a microtask
// checkpoint.

const {
  EvalError,
  FunctionPrototypeApply,
  MapPrototypeDelete,
  MapPrototypeGet,
  MapPrototypeSet,
  ObjectFreeze,
  PromisePrototypeThen,
  PromiseResolve,
  SafeMap,
  globalThis,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;
const ops = core.ops;

// id -> the unique handle of its current initialization.
const activeTimers = new SafeMap();
let nextId = 1;
// The timer nesting level of the timer task running now (0 outside timer tasks).
let runningNestingLevel = 0;

function reportException(error) {
  core.require("global_events").reportException(error);
}

/** HTML "timer initialization steps". */
function initializeTimer(handler, timeout, args, repeat, previousId) {
  const id = previousId ?? nextId++;
  let nestingLevel = runningNestingLevel;
  if (timeout < 0) timeout = 0;
  if (nestingLevel > 5 && timeout < 4) timeout = 4;
  nestingLevel++;
  const handle = { handler, timeout, args, repeat, nestingLevel };
  MapPrototypeSet(activeTimers, id, handle);
  ops.timerStart(id, timeout);
  return id;
}

/** Called by Swift when timer `id`'s deadline passes: the timer task. */
function runTimer(id) {
  const handle = MapPrototypeGet(activeTimers, id);
  if (handle === undefined) return;
  runningNestingLevel = handle.nestingLevel;
  try {
    if (typeof handle.handler === "function") {
      try {
        FunctionPrototypeApply(handle.handler, globalThis, handle.args);
      } catch (error) {
        reportException(error);
      }
    } else {
      // A string handler would be compiled as script; code generation from strings is
      // disallowed here, so the compile step fails and is reported, as under a CSP.
      reportException(new EvalError("Code generation from strings disallowed for this context"));
    }
    if (MapPrototypeGet(activeTimers, id) !== handle) return;
    if (handle.repeat) {
      initializeTimer(handle.handler, handle.timeout, handle.args, true, id);
    } else {
      MapPrototypeDelete(activeTimers, id);
    }
  } finally {
    runningNestingLevel = 0;
  }
}

function convertHandler(handler) {
  // TimerHandler is (Function or TrustedScript or DOMString).
  return typeof handler === "function" ? handler : converters.DOMString(handler);
}

function setTimeout(handler, timeout = 0, ...args) {
  webidl.requiredArguments(arguments.length, 1, "Failed to execute 'setTimeout'");
  handler = convertHandler(handler);
  timeout = converters.long(timeout);
  return initializeTimer(handler, timeout, args, false, undefined);
}

function setInterval(handler, timeout = 0, ...args) {
  webidl.requiredArguments(arguments.length, 1, "Failed to execute 'setInterval'");
  handler = convertHandler(handler);
  timeout = converters.long(timeout);
  return initializeTimer(handler, timeout, args, true, undefined);
}

function clearTimer(id) {
  id = converters.long(id);
  if (MapPrototypeGet(activeTimers, id) === undefined) return;
  MapPrototypeDelete(activeTimers, id);
  ops.timerCancel(id);
}

function clearTimeout(id = 0) {
  clearTimer(id);
}

function clearInterval(id = 0) {
  clearTimer(id);
}

const resolved = PromiseResolve(undefined);

function queueMicrotask(callback) {
  webidl.requiredArguments(arguments.length, 1, "Failed to execute 'queueMicrotask'");
  callback = converters.Function(callback, "Failed to execute 'queueMicrotask'", "Argument 1");
  PromisePrototypeThen(resolved, () => {
    try {
      callback();
    } catch (error) {
      reportException(error);
    }
  });
}

webidl.setLength(setTimeout, 1);
webidl.setLength(setInterval, 1);
webidl.setLength(clearTimeout, 0);
webidl.setLength(clearInterval, 0);

return ObjectFreeze({
  __proto__: null,
  clearInterval,
  clearTimeout,
  queueMicrotask,
  runTimer,
  setInterval,
  setTimeout,
});
