// AbortController and AbortSignal (https://dom.spec.whatwg.org/#aborting-ongoing-activities).
//
// A signal has an abort reason (undefined while not aborted), a set of abort algorithms
// (internal callbacks, run before the `abort` event), and, for signals made by
// AbortSignal.any(), a list of source signals; every source signal keeps the list of its
// dependent signals. Sources are never dependent signals themselves (any() flattens), so
// aborting a source aborts each dependent directly, in the order they were created.
//
// Memory: a source holds its dependents weakly, except dependents that have `abort`
// listeners or abort algorithms, which it holds strongly (DOM's garbage-collection rule:
// such a dependent must stay alive while its sources do). Dependents hold their sources
// weakly. A long-lived signal used in many AbortSignal.any() calls therefore does not
// keep every combined signal alive.
//
// Other modules use the helpers at the bottom: newAbortSignal(), signalAbort(signal,
// reason), addAbortAlgorithm(signal, fn), removeAbortAlgorithm(signal, fn),
// createDependentAbortSignal(signals), followSignal(following, parent).

const {
  ArrayPrototypePush,
  FunctionPrototypeCall,
  ObjectFreeze,
  SafeSet,
  SafeWeakRef,
  SetPrototypeAdd,
  SetPrototypeClear,
  SetPrototypeDelete,
  SetPrototypeForEach,
  SetPrototypeGetSize,
  SetPrototypeHas,
  SetPrototypeValues,
  Symbol,
  TypeError,
  WeakRefPrototypeDeref,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;
const { Event, EventTarget, defineEventHandler, dispatchTrusted, hasListeners, setListenerObserver } =
  core.require("event");

const illegalConstructorKey = Symbol("AbortSignal");

function newDOMException(message, name) {
  const { DOMException } = core.require("dom_exception");
  return new DOMException(message, name);
}

// Set in AbortSignal's static block.
let internal_aborted_, internal_reason_, internal_addAlgorithm, internal_removeAlgorithm,
  internal_holdIfWaitedOn, internal_signalAbort, internal_runAbortSteps, internal_createDependent,
  internal_link, internal_listenerAdded;

class AbortSignal extends EventTarget {
  // undefined while not aborted (the spec's "abort reason").
  #reason = undefined;
  #aborted = false;
  // Set of functions, run in insertion order when the signal aborts.
  #algorithms = null;
  #dependent = false;
  // For dependent signals: weak references to their source signals.
  #sources = null;
  // For source signals: weak references to dependents, in creation order, and the
  // dependents held strongly because something waits on them.
  #dependents = null;
  #strongDependents = null;
  // For AbortSignal.timeout(): its pending timer ({ cancel, ref }).
  #timeoutTimer = null;

  constructor(key = undefined) {
    if (key !== illegalConstructorKey) webidl.illegalConstructor();
    super();
  }

  static isInstance(value) {
    return value !== null && typeof value === "object" && #reason in value;
  }

  /** https://dom.spec.whatwg.org/#dom-abortsignal-abort */
  static abort(reason = undefined) {
    const signal = new AbortSignal(illegalConstructorKey);
    signal.#aborted = true;
    signal.#reason = reason !== undefined ? reason : newDOMException("signal is aborted without reason", "AbortError");
    return signal;
  }

  /** https://dom.spec.whatwg.org/#dom-abortsignal-timeout */
  static timeout(milliseconds) {
    const prefix = "Failed to execute 'timeout' on 'AbortSignal'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    milliseconds = converters["unsigned long long"](milliseconds, prefix, "Argument 1", { enforceRange: true });
    const signal = new AbortSignal(illegalConstructorKey);
    // The timer holds the signal. It keeps the isolate busy only once the signal has an
    // abort event listener (the DOM keeps such a signal alive; one only passed to, say,
    // fetch() does not hold up an isolate that is otherwise done, as in other runtimes).
    const timer = core.require("timers").runAfterTimeout(milliseconds, () => {
      signalAbort(signal, newDOMException("signal timed out", "TimeoutError"));
    }, false);
    signal.#timeoutTimer = timer;
    return signal;
  }

  /** https://dom.spec.whatwg.org/#dom-abortsignal-any */
  static any(signals) {
    const prefix = "Failed to execute 'any' on 'AbortSignal'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    signals = convertSignalSequence(signals, prefix, "Argument 1");
    return createDependentAbortSignal(signals);
  }

  get aborted() {
    webidl.assertBranded(this, AbortSignal.isInstance);
    return this.#aborted;
  }

  get reason() {
    webidl.assertBranded(this, AbortSignal.isInstance);
    return this.#reason;
  }

  throwIfAborted() {
    webidl.assertBranded(this, AbortSignal.isInstance);
    if (this.#aborted) throw this.#reason;
  }

  // Internals: module functions with access to the private fields, unreachable from
  // user code.
  static {
    internal_listenerAdded = function listenerAdded(signal) {
      internal_holdIfWaitedOn(signal);
      if (signal.#timeoutTimer !== null && !signal.#aborted) signal.#timeoutTimer.ref();
      // A dependent of a timeout signal waits on it too.
      const sources = signal.#sources;
      if (sources !== null) {
        for (let i = 0; i < sources.length; i++) {
          const source = WeakRefPrototypeDeref(sources[i]);
          if (source !== undefined && source.#timeoutTimer !== null && !source.#aborted) source.#timeoutTimer.ref();
        }
      }
    };

    internal_aborted_ = function aborted_(signal) {
      return signal.#aborted;
    };

    internal_reason_ = function reason_(signal) {
      return signal.#reason;
    };

    internal_addAlgorithm = function addAlgorithm(signal, algorithm) {
      if (signal.#aborted) return;
      if (signal.#algorithms === null) signal.#algorithms = new SafeSet();
      SetPrototypeAdd(signal.#algorithms, algorithm);
      internal_holdIfWaitedOn(signal);
    };

    internal_removeAlgorithm = function removeAlgorithm(signal, algorithm) {
      if (signal.#algorithms !== null) SetPrototypeDelete(signal.#algorithms, algorithm);
    };

    /** A dependent signal something waits on stays alive as long as its sources. */
    internal_holdIfWaitedOn = function holdIfWaitedOn(signal) {
      if (!signal.#dependent || signal.#aborted || signal.#sources === null) return;
      const sources = signal.#sources;
      for (let i = 0; i < sources.length; i++) {
        const source = WeakRefPrototypeDeref(sources[i]);
        if (source === undefined || source.#aborted) continue;
        if (source.#strongDependents === null) source.#strongDependents = new SafeSet();
        SetPrototypeAdd(source.#strongDependents, signal);
      }
    };

    /** https://dom.spec.whatwg.org/#abortsignal-signal-abort */
    internal_signalAbort = function signalAbort(signal, reason) {
      if (signal.#aborted) return;
      signal.#aborted = true;
      signal.#reason = reason !== undefined ? reason : newDOMException("signal is aborted without reason", "AbortError");
      const toAbort = [];
      const dependents = signal.#dependents;
      if (dependents !== null) {
        for (let i = 0; i < dependents.length; i++) {
          const dependent = WeakRefPrototypeDeref(dependents[i]);
          if (dependent === undefined || dependent.#aborted) continue;
          dependent.#aborted = true;
          dependent.#reason = signal.#reason;
          ArrayPrototypePush(toAbort, dependent);
        }
      }
      signal.#dependents = null;
      signal.#strongDependents = null;
      internal_runAbortSteps(signal);
      for (let i = 0; i < toAbort.length; i++) internal_runAbortSteps(toAbort[i]);
    };

    /** https://dom.spec.whatwg.org/#run-the-abort-steps */
    internal_runAbortSteps = function runAbortSteps(signal) {
      const algorithms = signal.#algorithms;
      signal.#algorithms = null;
      if (algorithms !== null) {
        // Algorithms may throw only through bugs of ours; keep going and report them.
        const iterator = SetPrototypeValues(algorithms);
        for (let step = iterator.next(); !step.done; step = iterator.next()) {
          try {
            FunctionPrototypeCall(step.value, undefined);
          } catch (error) {
            core.require("global_events").reportException(error);
          }
        }
        SetPrototypeClear(algorithms);
      }
      // A dependent no longer needs its sources once aborted.
      signal.#sources = null;
      dispatchTrusted(signal, new Event("abort"));
    };

    /** https://dom.spec.whatwg.org/#create-a-dependent-abort-signal */
    internal_createDependent = function createDependent(signals) {
      const result = new AbortSignal(illegalConstructorKey);
      for (let i = 0; i < signals.length; i++) {
        const signal = signals[i];
        if (signal.#aborted) {
          result.#aborted = true;
          result.#reason = signal.#reason;
          return result;
        }
      }
      result.#dependent = true;
      result.#sources = [];
      const resultRef = new SafeWeakRef(result);
      for (let i = 0; i < signals.length; i++) {
        const signal = signals[i];
        if (!signal.#dependent) {
          internal_link(result, resultRef, signal);
        } else {
          const sources = signal.#sources;
          if (sources === null) continue;
          for (let j = 0; j < sources.length; j++) {
            const source = WeakRefPrototypeDeref(sources[j]);
            // Sources of a non-aborted dependent are neither aborted nor dependent.
            if (source === undefined || source.#aborted) continue;
            internal_link(result, resultRef, source);
          }
        }
      }
      return result;
    };

    internal_link = function link(result, resultRef, source) {
      const sources = result.#sources;
      for (let i = 0; i < sources.length; i++) {
        if (WeakRefPrototypeDeref(sources[i]) === source) return;
      }
      ArrayPrototypePush(sources, new SafeWeakRef(source));
      if (source.#dependents === null) source.#dependents = [];
      const dependents = source.#dependents;
      // Drop references to collected dependents now and then, so the list stays short.
      if (dependents.length >= 64 && (dependents.length & (dependents.length - 1)) === 0) {
        let kept = 0;
        for (let i = 0; i < dependents.length; i++) {
          if (WeakRefPrototypeDeref(dependents[i]) !== undefined) dependents[kept++] = dependents[i];
        }
        dependents.length = kept;
      }
      ArrayPrototypePush(dependents, resultRef);
    };
  }
}

const convertSignal = webidl.createInterfaceConverter("AbortSignal", AbortSignal.isInstance);
const convertSignalSequence = webidl.createSequenceConverter(convertSignal);

defineEventHandler(AbortSignal.prototype, "abort");
webidl.configureInterface(AbortSignal);

// Dependent signals with `abort` listeners are held by their sources (see the top).
setListenerObserver(AbortSignal.isInstance, (signal, type) => {
  if (type === "abort") internal_listenerAdded(signal);
});

class AbortController {
  #signal;

  constructor() {
    this.#signal = new AbortSignal(illegalConstructorKey);
  }

  static isInstance(value) {
    return value !== null && typeof value === "object" && #signal in value;
  }

  get signal() {
    webidl.assertBranded(this, AbortController.isInstance);
    return this.#signal;
  }

  abort(reason = undefined) {
    webidl.assertBranded(this, AbortController.isInstance);
    signalAbort(this.#signal, reason);
  }
}
webidl.configureInterface(AbortController);
webidl.setLength(AbortController.prototype.abort, 0);
webidl.setLength(AbortSignal.abort, 0);

// ---------------------------------------------------------------------------------------
// Helpers for other modules (fetch, streams, events).

function assertSignal(signal) {
  if (!AbortSignal.isInstance(signal)) throw new TypeError("Expected an AbortSignal");
}

/** A new, not aborted signal (the spec's "new AbortSignal object"). */
function newAbortSignal() {
  return new AbortSignal(illegalConstructorKey);
}

/** DOM "signal abort": reason undefined means a new AbortError DOMException. */
function signalAbort(signal, reason = undefined) {
  assertSignal(signal);
  internal_signalAbort(signal, reason);
}

/** DOM "add" an abort algorithm; nothing happens if the signal is already aborted. */
function addAbortAlgorithm(signal, algorithm) {
  assertSignal(signal);
  internal_addAlgorithm(signal, algorithm);
}

/** DOM "remove" an abort algorithm. */
function removeAbortAlgorithm(signal, algorithm) {
  assertSignal(signal);
  internal_removeAlgorithm(signal, algorithm);
}

/** DOM "create a dependent abort signal" from a list of AbortSignals. */
function createDependentAbortSignal(signals) {
  for (let i = 0; i < signals.length; i++) assertSignal(signals[i]);
  return internal_createDependent(signals);
}

/**
 * Makes `following` abort when `parent` does (with the same reason). Returns a function
 * that undoes the link. If `parent` is already aborted, `following` aborts now.
 */
function followSignal(following, parent) {
  assertSignal(following);
  assertSignal(parent);
  if (internal_aborted_(following)) return () => {};
  if (internal_aborted_(parent)) {
    internal_signalAbort(following, internal_reason_(parent));
    return () => {};
  }
  const algorithm = () => internal_signalAbort(following, internal_reason_(parent));
  internal_addAlgorithm(parent, algorithm);
  return () => internal_removeAlgorithm(parent, algorithm);
}

/** True when `signal` is aborted (no getter lookup, safe from user patches). */
function isAborted(signal) {
  assertSignal(signal);
  return internal_aborted_(signal);
}

/** The abort reason of `signal` (undefined while not aborted). */
function abortReason(signal) {
  assertSignal(signal);
  return internal_reason_(signal);
}

void SetPrototypeForEach;
void SetPrototypeGetSize;
void SetPrototypeHas;
void hasListeners;

return ObjectFreeze({
  __proto__: null,
  AbortController,
  AbortSignal,
  abortReason,
  addAbortAlgorithm,
  createDependentAbortSignal,
  followSignal,
  isAborted,
  newAbortSignal,
  removeAbortAlgorithm,
  signalAbort,
});
