// Event, EventTarget, CustomEvent, ErrorEvent, PromiseRejectionEvent, MessageEvent
// (https://dom.spec.whatwg.org/#events, https://html.spec.whatwg.org/#the-errorevent-interface).
//
// There is no DOM tree here: an event's path is its target alone, so dispatch runs the
// target's capture listeners, then its other listeners (both in the AT_TARGET phase).
// Event state lives in a private field; EventTarget state lives in a private field too,
// plus a module-local WeakMap for objects that become EventTargets without being
// constructed as one (the global object).

const {
  ArrayPrototypePush,
  ArrayPrototypeSplice,
  ArrayPrototypeIndexOf,
  MathFloor,
  ObjectDefineProperty,
  ReflectApply,
  ObjectFreeze,
  SafeMap,
  SafeWeakMap,
  TypeError,
  globalThis,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;

const ops = core.ops;

function newDOMException(message, name) {
  const { DOMException } = core.require("dom_exception");
  return new DOMException(message, name);
}

// ---------------------------------------------------------------------------------------
// Clock: the realm's monotonic high resolution time (ops.now), coarsened to 5 µs.
// performance.now() reads it fresh. Event timestamps reuse the last reading while the
// wall clock has not moved to the next millisecond: a native call per event would cost
// more than the rest of the constructor, and timestamps stay monotonic and within 1 ms.

const DateNow = core.primordials.DateNow;
let lastReading = 0;
let lastReadingDate = -1;

/** Current high resolution time (ms since the realm's time origin), coarsened to 5 µs. */
function highResolutionNow() {
  lastReading = MathFloor(ops.now() * 200) / 200;
  lastReadingDate = DateNow();
  return lastReading;
}

/** highResolutionNow(), or the last reading when taken within the same millisecond. */
function cachedNow() {
  if (DateNow() !== lastReadingDate) return highResolutionNow();
  return lastReading;
}

// ---------------------------------------------------------------------------------------
// Event

const NONE = 0;
const CAPTURING_PHASE = 1;
const AT_TARGET = 2;
const BUBBLING_PHASE = 3;

// Set in Event's static block: the internal state of an event (throws "Illegal
// invocation" for anything else) and the brand check.
let stateOf;
let isEvent;

const isTrustedGetter = {
  get isTrusted() {
    return stateOf(this).isTrusted;
  },
};
const isTrustedDescriptor = {
  __proto__: null,
  get: core.primordials.ObjectGetOwnPropertyDescriptor(isTrustedGetter, "isTrusted").get,
  enumerable: true,
  configurable: false,
};

const eventInitMembers = [
  { key: "bubbles", converter: converters.boolean, defaultValue: false },
  { key: "cancelable", converter: converters.boolean, defaultValue: false },
  { key: "composed", converter: converters.boolean, defaultValue: false },
];
const convertEventInitGeneric = webidl.createDictionaryConverter("EventInit", eventInitMembers);

/** EventInit, converted as WebIDL does (members in order), without the generic machinery. */
function convertEventInit(value, prefix, context) {
  if (value === undefined || value === null) return { bubbles: false, cancelable: false, composed: false };
  if (typeof value !== "object" && typeof value !== "function") return convertEventInitGeneric(value, prefix, context);
  return { bubbles: !!value.bubbles, cancelable: !!value.cancelable, composed: !!value.composed };
}

class EventState {
  constructor(type, bubbles, cancelable, composed, isTrusted) {
    this.type = type;
    this.bubbles = bubbles;
    this.cancelable = cancelable;
    this.composed = composed;
    this.target = null;
    this.currentTarget = null;
    this.eventPhase = NONE;
    this.stopPropagation = false;
    this.stopImmediatePropagation = false;
    this.canceled = false;
    this.inPassiveListener = false;
    this.initialized = true;
    this.dispatching = false;
    this.isTrusted = isTrusted;
    this.timeStamp = cachedNow();
  }
}

class Event {
  #state;

  constructor(type, eventInitDict = undefined) {
    const prefix = "Failed to construct 'Event'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    if (typeof type !== "string") type = converters.DOMString(type, prefix, "Argument 1");
    if (eventInitDict === undefined) {
      this.#state = new EventState(type, false, false, false, false);
    } else {
      const init = convertEventInit(eventInitDict, prefix, "Argument 2");
      this.#state = new EventState(type, init.bubbles, init.cancelable, init.composed, false);
    }
    // [LegacyUnforgeable] readonly attribute boolean isTrusted: an own accessor.
    ObjectDefineProperty(this, "isTrusted", isTrustedDescriptor);
  }

  static {
    isEvent = (value) => value !== null && typeof value === "object" && #state in value;
    stateOf = (value) => {
      if (value === null || typeof value !== "object" || !(#state in value)) {
        throw new TypeError("Illegal invocation");
      }
      return value.#state;
    };
  }

  static isInstance(value) {
    return isEvent(value);
  }

  get type() { return stateOf(this).type; }
  get target() { return stateOf(this).target; }
  get srcElement() { return stateOf(this).target; }
  get currentTarget() { return stateOf(this).currentTarget; }

  composedPath() {
    const state = stateOf(this);
    return state.currentTarget === null ? [] : [state.currentTarget];
  }

  get eventPhase() { return stateOf(this).eventPhase; }

  stopPropagation() { stateOf(this).stopPropagation = true; }

  get cancelBubble() { return stateOf(this).stopPropagation; }
  set cancelBubble(value) {
    const state = stateOf(this);
    if (converters.boolean(value)) state.stopPropagation = true;
  }

  stopImmediatePropagation() {
    const state = stateOf(this);
    state.stopPropagation = true;
    state.stopImmediatePropagation = true;
  }

  get bubbles() { return stateOf(this).bubbles; }
  get cancelable() { return stateOf(this).cancelable; }

  get returnValue() { return !stateOf(this).canceled; }
  set returnValue(value) {
    const state = stateOf(this);
    if (!converters.boolean(value)) setCanceled(state);
  }

  preventDefault() { setCanceled(stateOf(this)); }

  get defaultPrevented() { return stateOf(this).canceled; }
  get composed() { return stateOf(this).composed; }
  get timeStamp() { return stateOf(this).timeStamp; }

  initEvent(type, bubbles = false, cancelable = false) {
    const state = stateOf(this);
    const prefix = "Failed to execute 'initEvent' on 'Event'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    type = converters.DOMString(type, prefix, "Argument 1");
    bubbles = converters.boolean(bubbles);
    cancelable = converters.boolean(cancelable);
    if (state.dispatching) return;
    initializeEvent(state, type, bubbles, cancelable);
  }
}

/** DOM "initialize" an event (initEvent and friends). */
function initializeEvent(state, type, bubbles, cancelable) {
  state.initialized = true;
  state.stopPropagation = false;
  state.stopImmediatePropagation = false;
  state.canceled = false;
  state.isTrusted = false;
  state.target = null;
  state.type = type;
  state.bubbles = bubbles;
  state.cancelable = cancelable;
}

function setCanceled(state) {
  if (state.cancelable && !state.inPassiveListener) state.canceled = true;
}

webidl.configureInterface(Event, {
  constants: { NONE, CAPTURING_PHASE, AT_TARGET, BUBBLING_PHASE },
});

// ---------------------------------------------------------------------------------------
// EventTarget

// Listener lists: Map<type, listener[]>, in a private field of EventTarget instances, or
// in this map for objects made EventTargets by makeEventTarget (the global object).
const adoptedTargets = new SafeWeakMap();
let listenersOfOrNull;

function listenersOf(target) {
  const listeners = listenersOfOrNull(target);
  if (listeners === null) throw new TypeError("Illegal invocation");
  return listeners;
}

// Observers told when a listener is added: [isInstance, fn(target, type)] (AbortSignal
// keeps dependent signals with abort listeners alive).
const listenerObservers = [];

/** Calls `fn(target, type)` whenever a listener is added to a target `isInstance` accepts. */
function setListenerObserver(isInstance, fn) {
  ArrayPrototypePush(listenerObservers, { isInstance, fn });
}

function isObjectLike(value) {
  return value !== null && (typeof value === "object" || typeof value === "function");
}

/** EventListenerOptions's capture, or the boolean itself. */
function flattenOptions(options) {
  if (typeof options === "boolean") return options;
  if (isObjectLike(options)) return converters.boolean(options.capture);
  // null and undefined convert to an empty dictionary; other primitives to a boolean.
  if (options === null || options === undefined) return false;
  return converters.boolean(options);
}

/** AddEventListenerOptions, converted in WebIDL's member order. */
function flattenMoreOptions(options, prefix) {
  if (!isObjectLike(options)) {
    return { capture: flattenOptions(options), once: false, passive: null, signal: null };
  }
  const capture = converters.boolean(options.capture);
  const once = converters.boolean(options.once);
  const passiveValue = options.passive;
  const passive = passiveValue === undefined ? null : converters.boolean(passiveValue);
  const signalValue = options.signal;
  let signal = null;
  if (signalValue !== undefined) {
    const { AbortSignal } = core.require("abort");
    if (!AbortSignal.isInstance(signalValue)) {
      throw new TypeError(`${prefix}: member signal is not of type AbortSignal.`);
    }
    signal = signalValue;
  }
  return { capture, once, passive, signal };
}

function convertListener(callback, prefix) {
  if (callback === null || callback === undefined) return null;
  if (!isObjectLike(callback)) {
    throw new TypeError(`${prefix}: The callback provided as parameter 2 is not an object.`);
  }
  return callback;
}

class EventTarget {
  #listeners = new SafeMap();

  constructor() {}

  static {
    listenersOfOrNull = (target) => {
      if (isObjectLike(target)) {
        if (#listeners in target) return target.#listeners;
        const adopted = adoptedTargets.get(target);
        if (adopted !== undefined) return adopted;
      }
      return null;
    };
  }

  static isInstance(value) {
    return listenersOfOrNull(value) !== null;
  }

  addEventListener(type, callback, options = undefined) {
    const self = this ?? globalThis;
    const listenersByType = listenersOf(self);
    const prefix = "Failed to execute 'addEventListener' on 'EventTarget'";
    webidl.requiredArguments(arguments.length, 2, prefix);
    type = converters.DOMString(type, prefix, "Argument 1");
    callback = convertListener(callback, prefix);
    const { capture, once, passive, signal } = flattenMoreOptions(options, prefix);
    addListener(self, listenersByType, type, callback, capture, once, passive, signal);
  }

  removeEventListener(type, callback, options = undefined) {
    const self = this ?? globalThis;
    const listenersByType = listenersOf(self);
    const prefix = "Failed to execute 'removeEventListener' on 'EventTarget'";
    webidl.requiredArguments(arguments.length, 2, prefix);
    type = converters.DOMString(type, prefix, "Argument 1");
    callback = convertListener(callback, prefix);
    const capture = flattenOptions(options);
    if (callback === null) return;
    const list = listenersByType.get(type);
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) {
      const l = list[i];
      if (l.callback === callback && l.capture === capture) {
        removeListener(self, l);
        return;
      }
    }
  }

  dispatchEvent(event) {
    const self = this ?? globalThis;
    listenersOf(self);
    const prefix = "Failed to execute 'dispatchEvent' on 'EventTarget'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    if (!isEvent(event)) {
      throw new TypeError(`${prefix}: parameter 1 is not of type 'Event'.`);
    }
    const state = stateOf(event);
    if (state.dispatching || !state.initialized) {
      throw newDOMException(`${prefix}: The event is already being dispatched.`, "InvalidStateError");
    }
    state.isTrusted = false;
    return dispatch(self, event, state);
  }
}

/** DOM "add an event listener". */
function addListener(target, listenersByType, type, callback, capture, once, passive, signal) {
  if (callback === null) return;
  if (signal !== null && core.require("abort").isAborted(signal)) return;
  let list = listenersByType.get(type);
  if (list === undefined) {
    list = [];
    listenersByType.set(type, list);
  }
  for (let i = 0; i < list.length; i++) {
    const l = list[i];
    if (l.callback === callback && l.capture === capture) return;
  }
  const listener = {
    type,
    callback,
    capture,
    // A passive default applies to touch/wheel events on windows only; none here.
    passive: passive === null ? false : passive,
    once,
    signal,
    removed: false,
  };
  list[list.length] = listener;
  if (signal !== null) {
    core.require("abort").addAbortAlgorithm(signal, () => removeListener(target, listener));
  }
  for (let i = 0; i < listenerObservers.length; i++) {
    const observer = listenerObservers[i];
    if (observer.isInstance(target)) observer.fn(target, type);
  }
}

/** DOM "remove an event listener". */
function removeListener(target, listener) {
  listener.removed = true;
  const listenersByType = listenersOfOrNull(target);
  if (listenersByType === null) return;
  const list = listenersByType.get(listener.type);
  if (list === undefined) return;
  const index = ArrayPrototypeIndexOf(list, listener);
  if (index !== -1) ArrayPrototypeSplice(list, index, 1);
}

/** DOM "dispatch" for a target with no parent. Returns false when the event was canceled. */
function dispatch(target, event, state) {
  state.dispatching = true;
  state.target = target;
  const list = listenersOf(target).get(state.type);
  if (list !== undefined && list.length !== 0 && !state.stopPropagation) {
    // The listeners to call are those present when dispatch starts (a clone of the list);
    // listeners removed meanwhile are skipped through their `removed` flag.
    const count = list.length;
    const listeners = new Array(count);
    for (let i = 0; i < count; i++) listeners[i] = list[i];
    state.eventPhase = AT_TARGET;
    state.currentTarget = target;
    invokeListeners(listeners, target, event, state, true);
    if (!state.stopPropagation) invokeListeners(listeners, target, event, state, false);
  }
  state.eventPhase = NONE;
  state.currentTarget = null;
  state.dispatching = false;
  state.stopPropagation = false;
  state.stopImmediatePropagation = false;
  return !state.canceled;
}

/** DOM "inner invoke" for one phase. */
function invokeListeners(listeners, target, event, state, capturing) {
  const args = [event];
  for (let i = 0; i < listeners.length; i++) {
    const listener = listeners[i];
    if (listener.removed || listener.capture !== capturing) continue;
    if (listener.once) removeListener(target, listener);
    if (listener.passive) state.inPassiveListener = true;
    try {
      const callback = listener.callback;
      if (typeof callback === "function") {
        ReflectApply(callback, target, args);
      } else {
        const handleEvent = callback.handleEvent;
        if (typeof handleEvent !== "function") {
          throw new TypeError("The 'handleEvent' property of the event listener is not callable.");
        }
        ReflectApply(handleEvent, callback, args);
      }
    } catch (error) {
      reportException(error);
    }
    state.inPassiveListener = false;
    if (state.stopImmediatePropagation) return;
  }
}

function reportException(error) {
  core.require("global_events").reportException(error);
}

webidl.configureInterface(EventTarget);

/** Makes `object` an EventTarget (used for the global object). */
function makeEventTarget(object) {
  if (listenersOfOrNull(object) === null) adoptedTargets.set(object, new SafeMap());
}

/** True when `target` has a listener for `type` (lets callers skip creating events). */
function hasListeners(target, type) {
  const listenersByType = listenersOfOrNull(target);
  if (listenersByType === null) return false;
  const list = listenersByType.get(type);
  return list !== undefined && list.length !== 0;
}

/** Dispatches an event the platform creates (isTrusted = true). */
function dispatchTrusted(target, event) {
  const state = stateOf(event);
  state.isTrusted = true;
  return dispatch(target, event, state);
}

// ---------------------------------------------------------------------------------------
// Event handler IDL attributes (`onabort`, `onerror`, `onmessage`, …)
// (https://html.spec.whatwg.org/#event-handler-attributes)

// target -> { [type]: { value, listener } }
const handlerState = new SafeWeakMap();

/**
 * Defines `on<type>` on a prototype (or on the global object). Setting a callable or
 * object registers a listener that calls the current handler (once; later sets only change
 * the value); setting null removes that listener, so a later set adds it again at the end.
 * `isError` gives the global's onerror its (message, source, lineno, colno, error)
 * signature, where a `true` result cancels. `onFirstSet(target)` runs when a handler
 * becomes non-null (MessagePort's onmessage starts the port).
 */
function defineEventHandler(prototype, type, { isError = false, onFirstSet } = {}) {
  const key = "on" + type;
  const handlers = {
    get [key]() {
      const self = this ?? globalThis;
      listenersOf(self);
      const entries = handlerState.get(self);
      const entry = entries === undefined ? undefined : entries[type];
      return entry === undefined ? null : entry.value;
    },
    set [key](value) {
      const self = this ?? globalThis;
      const listenersByType = listenersOf(self);
      let entries = handlerState.get(self);
      if (entries === undefined) {
        entries = { __proto__: null };
        handlerState.set(self, entries);
      }
      // [LegacyTreatNonObjectAsNull]
      const handler = isObjectLike(value) ? value : null;
      let entry = entries[type];
      if (handler === null) {
        // Deactivate: remove the listener.
        if (entry !== undefined) {
          if (entry.listener !== null) removeListener(self, entry.listener);
          entry.listener = null;
          entry.value = null;
        }
        return;
      }
      if (entry === undefined) {
        entry = { value: null, listener: null };
        entries[type] = entry;
      }
      entry.value = handler;
      if (entry.listener === null) {
        // Activate: add a listener running the event handler processing algorithm.
        const callback = function (event) {
          processEventHandler(entry, this, event, isError);
        };
        addListener(self, listenersByType, type, callback, false, false, null, null);
        const list = listenersByType.get(type);
        entry.listener = list[list.length - 1];
        if (onFirstSet !== undefined) onFirstSet(self);
      }
    },
  };
  const descriptor = core.primordials.ObjectGetOwnPropertyDescriptor(handlers, key);
  ObjectDefineProperty(prototype, key, {
    __proto__: null,
    get: descriptor.get,
    set: descriptor.set,
    enumerable: true,
    configurable: true,
  });
}

/** HTML "the event handler processing algorithm". */
function processEventHandler(entry, currentTarget, event, isError) {
  const callback = entry.value;
  // A non-callable object ([LegacyTreatNonObjectAsNull]) is stored but does nothing.
  if (typeof callback !== "function") return;
  const state = stateOf(event);
  let result;
  if (isError && state.type === "error" && isErrorEvent(event)) {
    const e = errorEventStateOf(event);
    result = ReflectApply(callback, currentTarget, [e.message, e.filename, e.lineno, e.colno, e.error]);
    if (result === true) setCanceled(state);
  } else {
    result = ReflectApply(callback, currentTarget, [event]);
    if (result === false) setCanceled(state);
  }
}

// ---------------------------------------------------------------------------------------
// CustomEvent

const convertCustomEventInit = webidl.createDictionaryConverter("CustomEventInit", eventInitMembers, [
  { key: "detail", converter: converters.any, defaultValue: null },
]);

class CustomEvent extends Event {
  #detail;

  constructor(type, eventInitDict = undefined) {
    const prefix = "Failed to construct 'CustomEvent'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    type = converters.DOMString(type, prefix, "Argument 1");
    const init = convertCustomEventInit(eventInitDict, prefix, "Argument 2");
    super(type, init);
    this.#detail = init.detail;
  }

  static isInstance(value) {
    return value !== null && typeof value === "object" && #detail in value;
  }

  get detail() {
    webidl.assertBranded(this, CustomEvent.isInstance);
    return this.#detail;
  }

  initCustomEvent(type, bubbles = false, cancelable = false, detail = null) {
    webidl.assertBranded(this, CustomEvent.isInstance);
    const prefix = "Failed to execute 'initCustomEvent' on 'CustomEvent'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    type = converters.DOMString(type, prefix, "Argument 1");
    bubbles = converters.boolean(bubbles);
    cancelable = converters.boolean(cancelable);
    const state = stateOf(this);
    if (state.dispatching) return;
    initializeEvent(state, type, bubbles, cancelable);
    this.#detail = detail;
  }
}
webidl.configureInterface(CustomEvent);

// ---------------------------------------------------------------------------------------
// ErrorEvent

const convertErrorEventInit = webidl.createDictionaryConverter("ErrorEventInit", eventInitMembers, [
  { key: "colno", converter: converters["unsigned long"], defaultValue: 0 },
  { key: "error", converter: converters.any, defaultValue: undefined },
  { key: "filename", converter: converters.USVString, defaultValue: "" },
  { key: "lineno", converter: converters["unsigned long"], defaultValue: 0 },
  { key: "message", converter: converters.DOMString, defaultValue: "" },
]);

let errorEventStateOf;
let isErrorEvent;

class ErrorEvent extends Event {
  #state;

  constructor(type, eventInitDict = undefined) {
    const prefix = "Failed to construct 'ErrorEvent'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    type = converters.DOMString(type, prefix, "Argument 1");
    const init = convertErrorEventInit(eventInitDict, prefix, "Argument 2");
    super(type, init);
    this.#state = {
      message: init.message,
      filename: init.filename,
      lineno: init.lineno,
      colno: init.colno,
      error: init.error,
    };
  }

  static {
    isErrorEvent = (value) => value !== null && typeof value === "object" && #state in value;
    errorEventStateOf = (value) => {
      if (!isErrorEvent(value)) throw new TypeError("Illegal invocation");
      return value.#state;
    };
  }

  static isInstance(value) {
    return isErrorEvent(value);
  }

  get message() { return errorEventStateOf(this).message; }
  get filename() { return errorEventStateOf(this).filename; }
  get lineno() { return errorEventStateOf(this).lineno; }
  get colno() { return errorEventStateOf(this).colno; }
  get error() { return errorEventStateOf(this).error; }
}
webidl.configureInterface(ErrorEvent);

// ---------------------------------------------------------------------------------------
// PromiseRejectionEvent

const convertPromiseRejectionEventInit = webidl.createDictionaryConverter("PromiseRejectionEventInit", eventInitMembers, [
  { key: "promise", converter: converters.object, required: true },
  { key: "reason", converter: converters.any, defaultValue: undefined },
]);

class PromiseRejectionEvent extends Event {
  #promise;
  #reason;

  constructor(type, eventInitDict) {
    const prefix = "Failed to construct 'PromiseRejectionEvent'";
    webidl.requiredArguments(arguments.length, 2, prefix);
    type = converters.DOMString(type, prefix, "Argument 1");
    const init = convertPromiseRejectionEventInit(eventInitDict, prefix, "Argument 2");
    super(type, init);
    this.#promise = init.promise;
    this.#reason = init.reason;
  }

  static isInstance(value) {
    return value !== null && typeof value === "object" && #promise in value;
  }

  get promise() {
    webidl.assertBranded(this, PromiseRejectionEvent.isInstance);
    return this.#promise;
  }

  get reason() {
    webidl.assertBranded(this, PromiseRejectionEvent.isInstance);
    return this.#reason;
  }
}
webidl.configureInterface(PromiseRejectionEvent);

// ---------------------------------------------------------------------------------------
// MessageEvent (https://html.spec.whatwg.org/#the-messageevent-interface)

function convertPort(V, prefix, context) {
  const { MessagePort } = core.require("message_port");
  if (!MessagePort.isInstance(V)) throw webidl.makeException(TypeError, "is not of type 'MessagePort'.", prefix, context);
  return V;
}
const convertPorts = webidl.createSequenceConverter(convertPort);
const convertSource = (V, prefix, context) => (V === null ? null : convertPort(V, prefix, context));

const convertMessageEventInit = webidl.createDictionaryConverter("MessageEventInit", eventInitMembers, [
  { key: "data", converter: converters.any, defaultValue: null },
  { key: "lastEventId", converter: converters.DOMString, defaultValue: "" },
  { key: "origin", converter: converters.USVString, defaultValue: "" },
  { key: "ports", converter: convertPorts, defaultValue: () => [] },
  { key: "source", converter: convertSource, defaultValue: null },
]);

let messageStateOf;

class MessageEvent extends Event {
  #state;

  constructor(type, eventInitDict = undefined) {
    const prefix = "Failed to construct 'MessageEvent'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    type = converters.DOMString(type, prefix, "Argument 1");
    const init = convertMessageEventInit(eventInitDict, prefix, "Argument 2");
    super(type, init);
    this.#state = {
      data: init.data,
      origin: init.origin,
      lastEventId: init.lastEventId,
      source: init.source,
      ports: ObjectFreeze(init.ports),
    };
  }

  static isInstance(value) {
    return value !== null && typeof value === "object" && #state in value;
  }

  get data() { return messageStateOf(this).data; }
  get origin() { return messageStateOf(this).origin; }
  get lastEventId() { return messageStateOf(this).lastEventId; }
  get source() { return messageStateOf(this).source; }
  get ports() { return messageStateOf(this).ports; }

  initMessageEvent(type, bubbles = false, cancelable = false, data = null, origin = "", lastEventId = "", source = null, ports = []) {
    const state = messageStateOf(this);
    const prefix = "Failed to execute 'initMessageEvent' on 'MessageEvent'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    type = converters.DOMString(type, prefix, "Argument 1");
    bubbles = converters.boolean(bubbles);
    cancelable = converters.boolean(cancelable);
    origin = converters.USVString(origin, prefix, "Argument 5");
    lastEventId = converters.DOMString(lastEventId, prefix, "Argument 6");
    source = convertSource(source, prefix, "Argument 7");
    ports = convertPorts(ports, prefix, "Argument 8");
    const eventState = stateOf(this);
    if (eventState.dispatching) return;
    initializeEvent(eventState, type, bubbles, cancelable);
    state.data = data;
    state.origin = origin;
    state.lastEventId = lastEventId;
    state.source = source;
    state.ports = ObjectFreeze(ports);
  }

  static {
    messageStateOf = (event) => {
      if (event === null || typeof event !== "object" || !(#state in event)) throw new TypeError("Illegal invocation");
      return event.#state;
    };
  }
}

webidl.configureInterface(MessageEvent);

/** A trusted MessageEvent as MessagePort delivers it (no dictionary conversion). */
function createMessageEvent(type, data, ports) {
  const event = new MessageEvent(type);
  const state = messageStateOf(event);
  state.data = data;
  state.ports = ObjectFreeze(ports);
  return event;
}

// The global object is an EventTarget with onerror/onunhandledrejection/onrejectionhandled
// (99_global_scope.js puts stand-ins on it that load this module on first use). JavaScriptCore
// gives the global an immutable [[Prototype]] (and a global object class would make every
// global lookup about 5x slower), so EventTarget's methods and the handlers are own
// properties of the global rather than inherited (docs/divergences.md).
makeEventTarget(globalThis);
const globalHandlerTypes = ["error", "unhandledrejection", "rejectionhandled"];
// The global's handler accessors, exported so that they are marked as built-in functions.
const globalHandlerAccessors = { __proto__: null };
for (let i = 0; i < globalHandlerTypes.length; i++) {
  const type = globalHandlerTypes[i];
  defineEventHandler(globalThis, type, { isError: type === "error" });
  const descriptor = core.primordials.ObjectGetOwnPropertyDescriptor(globalThis, "on" + type);
  globalHandlerAccessors["get on" + type] = descriptor.get;
  globalHandlerAccessors["set on" + type] = descriptor.set;
}

return ObjectFreeze({
  __proto__: null,
  CustomEvent,
  ErrorEvent,
  Event,
  EventTarget,
  globalHandlerAccessors: ObjectFreeze(globalHandlerAccessors),
  MessageEvent,
  PromiseRejectionEvent,
  createMessageEvent,
  defineEventHandler,
  cachedNow,
  dispatchTrusted,
  hasListeners,
  highResolutionNow,
  makeEventTarget,
  setListenerObserver,
});
