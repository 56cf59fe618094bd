// setTimeout, setInterval, clearTimeout, clearInterval
// (https://html.spec.whatwg.org/#timers) and queueMicrotask (#microtask-queuing).
//
// The map of active timers lives here; Swift only arms deadlines (ops.timerStart) on the
// isolate's event loop and calls `runTimer(id)` when one passes. Swift runs deadlines that
// are due at the same time in the order they were armed, each as its own task followed by
// a microtask checkpoint, which gives HTML's ordering: a timer started earlier with a
// timeout no longer than a later one's runs first.
//
// Internal timers (`runAfterTimeout`, HTML's "run steps after a timeout", used by
// AbortSignal.timeout) share the id space but live in their own map, so clearTimeout
// cannot cancel them.

const {
  EvalError,
  FunctionPrototypeApply,
  FunctionPrototypeCall,
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

// The longest delay armed at once (2^31 - 1 ms, about 24.8 days); longer internal timers
// re-arm until their deadline.
const MAX_DELAY = 2147483647;

// id -> the unique handle of its current initialization.
const activeTimers = new SafeMap();
// id -> { deadline, steps } for runAfterTimeout.
const internalTimers = new SafeMap();
let nextId = 1;
// The timer nesting level of the timer task running now (0 outside timer tasks).
let runningNestingLevel = 0;
const resolved = PromiseResolve(undefined);
const resetNestingLevel = () => {
  runningNestingLevel = 0;
};

function reportException(error) {
  core.require("global_events").reportException(error);
}

function allocateId() {
  // Ids stay within `long` so that clearTimeout(id) converts back to the same number.
  let id = nextId;
  while (MapPrototypeGet(activeTimers, id) !== undefined || MapPrototypeGet(internalTimers, id) !== undefined) {
    id = id >= MAX_DELAY ? 1 : id + 1;
  }
  nextId = id >= MAX_DELAY ? 1 : id + 1;
  return id;
}

/** HTML "timer initialization steps". */
function initializeTimer(handler, timeout, args, repeat, previousId) {
  const id = previousId ?? allocateId();
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
  if (handle === undefined) {
    runInternalTimer(id);
    return;
  }
  runningNestingLevel = handle.nestingLevel;
  // The nesting level belongs to this task; microtasks queued by the callback run inside
  // it, later tasks do not. The reset runs after the callback's own microtasks.
  try {
    if (typeof handle.handler === "function") {
      try {
        FunctionPrototypeApply(handle.handler, globalThis, handle.args);
      } catch (error) {
        reportException(error);
      }
    } else {
      // A string handler would be compiled as script. Code generation from strings is
      // disallowed here, so compiling fails and is reported, as under a CSP that blocks it.
      reportException(new EvalError("Code generation from strings disallowed for this context"));
    }
    if (MapPrototypeGet(activeTimers, id) !== handle) return;
    if (handle.repeat) {
      initializeTimer(handle.handler, handle.timeout, handle.args, true, id);
    } else {
      MapPrototypeDelete(activeTimers, id);
    }
  } finally {
    PromisePrototypeThen(resolved, resetNestingLevel);
  }
}

function runInternalTimer(id) {
  const timer = MapPrototypeGet(internalTimers, id);
  if (timer === undefined) return;
  const remaining = timer.deadline - ops.now();
  if (remaining > 1) {
    ops.timerStart(id, remaining > MAX_DELAY ? MAX_DELAY : remaining, timer.keepsAlive);
    return;
  }
  MapPrototypeDelete(internalTimers, id);
  try {
    FunctionPrototypeCall(timer.steps, undefined);
  } catch (error) {
    reportException(error);
  }
}

/**
 * HTML "run steps after a timeout": runs `steps` in a task after `milliseconds` (any
 * non-negative number). Returns { cancel(), ref() }. With `keepsAlive` false the timer
 * does not keep the isolate busy until ref() is called.
 */
function runAfterTimeout(milliseconds, steps, keepsAlive = true) {
  const id = allocateId();
  const delay = milliseconds > 0 ? milliseconds : 0;
  MapPrototypeSet(internalTimers, id, { deadline: ops.now() + delay, steps, keepsAlive });
  ops.timerStart(id, delay > MAX_DELAY ? MAX_DELAY : delay, keepsAlive);
  return {
    __proto__: null,
    cancel() {
      if (MapPrototypeGet(internalTimers, id) === undefined) return;
      MapPrototypeDelete(internalTimers, id);
      ops.timerCancel(id);
    },
    /** Makes a pending timer keep the isolate busy from now on. */
    ref() {
      const timer = MapPrototypeGet(internalTimers, id);
      if (timer === undefined || timer.keepsAlive) return;
      timer.keepsAlive = true;
      const remaining = timer.deadline - ops.now();
      ops.timerStart(id, remaining > MAX_DELAY ? MAX_DELAY : remaining > 0 ? remaining : 0, true);
    },
  };
}

function convertHandler(handler) {
  // TimerHandler is (TrustedScript or Function): a callable, else a string.
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

function queueMicrotask(callback) {
  const prefix = "Failed to execute 'queueMicrotask'";
  webidl.requiredArguments(arguments.length, 1, prefix);
  callback = converters.Function(callback, prefix, "Argument 1");
  PromisePrototypeThen(resolved, () => {
    try {
      FunctionPrototypeCall(callback, undefined);
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
  runAfterTimeout,
  runTimer,
  setInterval,
  setTimeout,
});
