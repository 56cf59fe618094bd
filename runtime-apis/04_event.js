// Event, EventTarget, CustomEvent, ErrorEvent, PromiseRejectionEvent, MessageEvent
// (https://dom.spec.whatwg.org/#events, https://html.spec.whatwg.org/#the-errorevent-interface).
//
// There is no DOM tree here: an event's path is its target alone, so dispatch runs the
// target's capture listeners, then its other listeners (both in the AT_TARGET phase).
// EventTarget state lives in a module-local WeakMap (not private fields) so the global
// object can be an EventTarget too.

const {
  ArrayPrototypePush,
  ArrayPrototypeSplice,
  ArrayPrototypeSlice,
  ArrayPrototypeIndexOf,
  Boolean,
  FunctionPrototypeCall,
  ObjectDefineProperty,
  ObjectFreeze,
  ReflectHas,
  SafeMap,
  SafeWeakMap,
  MapPrototypeGet,
  MapPrototypeSet,
  WeakMapPrototypeGet,
  WeakMapPrototypeHas,
  WeakMapPrototypeSet,
  TypeError,
  globalThis,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;

const ops = core.ops;

// ---------------------------------------------------------------------------------------
// Event

const NONE = 0;
const CAPTURING_PHASE = 1;
const AT_TARGET = 2;
const BUBBLING_PHASE = 3;

// Per-event state, keyed by the event object (subclasses share it).
const eventState = new SafeWeakMap();

function stateOf(event) {
  const state = WeakMapPrototypeGet(eventState, event);
  if (state === undefined) throw new TypeError("Illegal invocation");
  return state;
}

const isTrustedGetter = function isTrusted() {
  return stateOf(this).isTrusted;
};

const eventInitMembers = [
  { key: "bubbles", converter: converters.boolean, defaultValue: false },
  { key: "cancelable", converter: converters.boolean, defaultValue: false },
  { key: "composed", converter: converters.boolean, defaultValue: false },
];
const convertEventInit = webidl.createDictionaryConverter("EventInit", eventInitMembers);

class Event {
  constructor(type, eventInitDict = undefined) {
    const prefix = `Failed to construct '${new.target?.name ?? "Event"}'`;
    webidl.requiredArguments(arguments.length, 1, prefix);
    type = converters.DOMString(type, prefix, "Argument 1");
    const init = convertEventInit(eventInitDict, prefix, "Argument 2");
    initializeEvent(this, type, init, false);
  }

  static isInstance(value) {
    return value !== null && typeof value === "object" && WeakMapPrototypeHas(eventState, value);
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
    webidl.requiredArguments(arguments.length, 1, "Failed to execute 'initEvent' on 'Event'");
    if (state.dispatching) return;
    state.initialized = true;
    state.stopPropagation = false;
    state.stopImmediatePropagation = false;
    state.canceled = false;
    state.isTrusted = false;
    state.target = null;
    state.type = converters.DOMString(type);
    state.bubbles = converters.boolean(bubbles);
    state.cancelable = converters.boolean(cancelable);
  }
}

function initializeEvent(event, type, init, isTrusted) {
  WeakMapPrototypeSet(eventState, event, {
    type,
    bubbles: init.bubbles,
    cancelable: init.cancelable,
    composed: init.composed,
    target: null,
    currentTarget: null,
    eventPhase: NONE,
    stopPropagation: false,
    stopImmediatePropagation: false,
    canceled: false,
    inPassiveListener: false,
    initialized: true,
    dispatching: false,
    isTrusted,
    timeStamp: ops.now(),
  });
  // [LegacyUnforgeable] readonly attribute boolean isTrusted: an own accessor.
  ObjectDefineProperty(event, "isTrusted", {
    __proto__: null,
    get: isTrustedGetter,
    enumerable: true,
    configurable: false,
  });
}

function setCanceled(state) {
  if (state.cancelable && !state.inPassiveListener) state.canceled = true;
}

webidl.configureInterface(Event, {
  constants: { NONE, CAPTURING_PHASE, AT_TARGET, BUBBLING_PHASE },
});

// ---------------------------------------------------------------------------------------
// EventTarget

// target -> Map<type, listener[]>
const targetState = new SafeWeakMap();

function listenersOf(target) {
  const listeners = WeakMapPrototypeGet(targetState, target);
  if (listeners === undefined) throw new TypeError("Illegal invocation");
  return listeners;
}

function flattenOptions(options) {
  if (typeof options === "boolean") return options;
  if (options === null || options === undefined) return false;
  if (typeof options !== "object" && typeof options !== "function") return converters.boolean(options);
  return converters.boolean(options.capture);
}

function flattenMoreOptions(options) {
  const capture = flattenOptions(options);
  let once = false;
  let passive = null;
  let signal = null;
  if (options !== null && (typeof options === "object" || typeof options === "function")) {
    once = converters.boolean(options.once);
    if (options.passive !== undefined) passive = converters.boolean(options.passive);
    if (ReflectHas(options, "signal") || options.signal !== undefined) {
      signal = options.signal;
      const { AbortSignal } = core.require("abort");
      if (!AbortSignal.isInstance(signal)) {
        throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': member signal is not of type AbortSignal.");
      }
    }
  }
  return { capture, once, passive, signal };
}

function convertListener(callback, prefix) {
  if (callback === null || callback === undefined) return null;
  if (typeof callback !== "function" && typeof callback !== "object") {
    throw new TypeError(`${prefix}: The callback provided as parameter 2 is not an object.`);
  }
  return callback;
}

class EventTarget {
  constructor() {
    WeakMapPrototypeSet(targetState, this, new SafeMap());
  }

  static isInstance(value) {
    return value !== null && (typeof value === "object" || typeof value === "function") &&
      WeakMapPrototypeHas(targetState, value);
  }

  addEventListener(type, callback, options = undefined) {
    const self = this ?? globalThis;
    const listenersByType = listenersOf(self);
    const prefix = "Failed to execute 'addEventListener' on 'EventTarget'";
    webidl.requiredArguments(arguments.length, 2, prefix);
    type = converters.DOMString(type, prefix, "Argument 1");
    callback = convertListener(callback, prefix);
    const { capture, once, passive, signal } = flattenMoreOptions(options);
    if (callback === null) return;
    if (signal !== null && signal.aborted) return;
    let list = MapPrototypeGet(listenersByType, type);
    if (list === undefined) {
      list = [];
      MapPrototypeSet(listenersByType, type, list);
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
    ArrayPrototypePush(list, listener);
    if (signal !== null) {
      core.require("abort").addAbortAlgorithm(signal, () => removeListener(self, listener));
    }
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
    const list = MapPrototypeGet(listenersByType, type);
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
    if (!Event.isInstance(event)) {
      throw new TypeError(`${prefix}: parameter 1 is not of type 'Event'.`);
    }
    const state = stateOf(event);
    if (state.dispatching || !state.initialized) {
      const { DOMException } = core.require("dom_exception");
      throw new DOMException("The event is already being dispatched.", "InvalidStateError");
    }
    state.isTrusted = false;
    return dispatch(self, event);
  }
}

function removeListener(target, listener) {
  listener.removed = true;
  const listenersByType = WeakMapPrototypeGet(targetState, target);
  if (listenersByType === undefined) return;
  const list = MapPrototypeGet(listenersByType, listener.type);
  if (list === undefined) return;
  const index = ArrayPrototypeIndexOf(list, listener);
  if (index !== -1) ArrayPrototypeSplice(list, index, 1);
}

/** DOM "dispatch" for a target with no parent. Returns false when the event was canceled. */
function dispatch(target, event) {
  const state = stateOf(event);
  state.dispatching = true;
  state.target = target;
  if (!state.stopPropagation) {
    state.eventPhase = AT_TARGET;
    state.currentTarget = target;
    invokeListeners(target, event, state, "capturing");
    if (!state.stopPropagation) invokeListeners(target, event, state, "bubbling");
  }
  state.eventPhase = NONE;
  state.currentTarget = null;
  state.dispatching = false;
  state.stopPropagation = false;
  state.stopImmediatePropagation = false;
  return !state.canceled;
}

function invokeListeners(target, event, state, phase) {
  const listenersByType = WeakMapPrototypeGet(targetState, target);
  const list = MapPrototypeGet(listenersByType, state.type);
  if (list === undefined || list.length === 0) return;
  const listeners = ArrayPrototypeSlice(list);
  for (let i = 0; i < listeners.length; i++) {
    const listener = listeners[i];
    if (listener.removed) continue;
    if (phase === "capturing" && !listener.capture) continue;
    if (phase === "bubbling" && listener.capture) continue;
    if (listener.once) removeListener(target, listener);
    if (listener.passive) state.inPassiveListener = true;
    try {
      const callback = listener.callback;
      if (typeof callback === "function") {
        FunctionPrototypeCall(callback, state.currentTarget, event);
      } else {
        const handleEvent = callback.handleEvent;
        if (typeof handleEvent !== "function") {
          throw new TypeError("The 'handleEvent' property of the event listener is not callable.");
        }
        FunctionPrototypeCall(handleEvent, callback, event);
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
  if (!WeakMapPrototypeHas(targetState, object)) WeakMapPrototypeSet(targetState, object, new SafeMap());
}

/** Dispatches an event the platform creates (isTrusted = true). */
function dispatchTrusted(target, event) {
  stateOf(event).isTrusted = true;
  return dispatch(target, event);
}

// ---------------------------------------------------------------------------------------
// Event handler IDL attributes (`onabort`, `onerror`, `onmessage`, …)

const handlerState = new SafeWeakMap();

/**
 * Defines `on<type>` on a prototype. Setting a function registers, once, a listener that
 * calls the current handler; setting null leaves the listener but makes it do nothing,
 * keeping the first-set registration order as HTML requires. `isError` gives the global's
 * onerror its (message, source, lineno, colno, error) signature, where `true` cancels.
 */
function defineEventHandler(prototype, type, { isError = false, onFirstSet } = {}) {
  const key = "on" + type;
  ObjectDefineProperty(prototype, key, {
    __proto__: null,
    enumerable: true,
    configurable: true,
    get() {
      const self = this ?? globalThis;
      listenersOf(self);
      const handlers = WeakMapPrototypeGet(handlerState, self);
      return handlers?.[type]?.value ?? null;
    },
    set(value) {
      const self = this ?? globalThis;
      listenersOf(self);
      let handlers = WeakMapPrototypeGet(handlerState, self);
      if (handlers === undefined) {
        handlers = { __proto__: null };
        WeakMapPrototypeSet(handlerState, self, handlers);
      }
      // [LegacyTreatNonObjectAsNull]
      const handler = (typeof value === "object" && value !== null) || typeof value === "function" ? value : null;
      let entry = handlers[type];
      if (entry === undefined) {
        if (handler === null) return;
        entry = { value: handler };
        handlers[type] = entry;
        const listener = function (event) {
          const current = entry.value;
          if (typeof current !== "function") return;
          let result;
          if (isError && ErrorEvent.isInstance(event) && event.type === "error") {
            result = FunctionPrototypeCall(current, this, event.message, event.filename, event.lineno, event.colno, event.error);
            if (result === true) event.preventDefault();
          } else {
            result = FunctionPrototypeCall(current, this, event);
            if (result === false) event.preventDefault();
          }
        };
        EventTarget.prototype.addEventListener.call(self, type, listener);
        onFirstSet?.(self);
      } else {
        entry.value = handler;
      }
    },
  });
}

// ---------------------------------------------------------------------------------------
// CustomEvent

const customEventState = new SafeWeakMap();
const convertCustomEventInit = webidl.createDictionaryConverter("CustomEventInit", eventInitMembers, [
  { key: "detail", converter: converters.any, defaultValue: null },
]);

class CustomEvent extends Event {
  constructor(type, eventInitDict = undefined) {
    const prefix = "Failed to construct 'CustomEvent'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    const init = convertCustomEventInit(eventInitDict, prefix, "Argument 2");
    super(type, init);
    WeakMapPrototypeSet(customEventState, this, { detail: init.detail });
  }

  get detail() {
    const state = WeakMapPrototypeGet(customEventState, this);
    if (state === undefined) throw new TypeError("Illegal invocation");
    return state.detail;
  }

  initCustomEvent(type, bubbles = false, cancelable = false, detail = null) {
    const state = WeakMapPrototypeGet(customEventState, this);
    if (state === undefined) throw new TypeError("Illegal invocation");
    webidl.requiredArguments(arguments.length, 1, "Failed to execute 'initCustomEvent' on 'CustomEvent'");
    if (stateOf(this).dispatching) return;
    this.initEvent(type, bubbles, cancelable);
    state.detail = detail;
  }
}
webidl.configureInterface(CustomEvent);

// ---------------------------------------------------------------------------------------
// ErrorEvent

const errorEventState = new SafeWeakMap();
const convertErrorEventInit = webidl.createDictionaryConverter("ErrorEventInit", eventInitMembers, [
  { key: "colno", converter: converters["unsigned long"], defaultValue: 0 },
  { key: "error", converter: converters.any, defaultValue: undefined },
  { key: "filename", converter: converters.USVString, defaultValue: "" },
  { key: "lineno", converter: converters["unsigned long"], defaultValue: 0 },
  { key: "message", converter: converters.DOMString, defaultValue: "" },
]);

class ErrorEvent extends Event {
  constructor(type, eventInitDict = undefined) {
    const prefix = "Failed to construct 'ErrorEvent'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    const init = convertErrorEventInit(eventInitDict, prefix, "Argument 2");
    super(type, init);
    WeakMapPrototypeSet(errorEventState, this, {
      message: init.message,
      filename: init.filename,
      lineno: init.lineno,
      colno: init.colno,
      error: init.error,
    });
  }

  static isInstance(value) {
    return value !== null && typeof value === "object" && WeakMapPrototypeHas(errorEventState, value);
  }

  get message() { return errorEventStateOf(this).message; }
  get filename() { return errorEventStateOf(this).filename; }
  get lineno() { return errorEventStateOf(this).lineno; }
  get colno() { return errorEventStateOf(this).colno; }
  get error() { return errorEventStateOf(this).error; }
}

function errorEventStateOf(event) {
  const state = WeakMapPrototypeGet(errorEventState, event);
  if (state === undefined) throw new TypeError("Illegal invocation");
  return state;
}
webidl.configureInterface(ErrorEvent);

// ---------------------------------------------------------------------------------------
// PromiseRejectionEvent

const rejectionEventState = new SafeWeakMap();
const convertPromiseRejectionEventInit = webidl.createDictionaryConverter("PromiseRejectionEventInit", eventInitMembers, [
  { key: "promise", converter: converters.object, required: true },
  { key: "reason", converter: converters.any, defaultValue: undefined },
]);

class PromiseRejectionEvent extends Event {
  constructor(type, eventInitDict) {
    const prefix = "Failed to construct 'PromiseRejectionEvent'";
    webidl.requiredArguments(arguments.length, 2, prefix);
    const init = convertPromiseRejectionEventInit(eventInitDict, prefix, "Argument 2");
    super(type, init);
    WeakMapPrototypeSet(rejectionEventState, this, { promise: init.promise, reason: init.reason });
  }

  get promise() { return rejectionStateOf(this).promise; }
  get reason() { return rejectionStateOf(this).reason; }
}

function rejectionStateOf(event) {
  const state = WeakMapPrototypeGet(rejectionEventState, event);
  if (state === undefined) throw new TypeError("Illegal invocation");
  return state;
}
webidl.configureInterface(PromiseRejectionEvent);

// ---------------------------------------------------------------------------------------
// MessageEvent

const messageEventState = new SafeWeakMap();
const convertMessageEventInit = webidl.createDictionaryConverter("MessageEventInit", eventInitMembers, [
  { key: "data", converter: converters.any, defaultValue: null },
  { key: "lastEventId", converter: converters.DOMString, defaultValue: "" },
  { key: "origin", converter: converters.USVString, defaultValue: "" },
  { key: "ports", converter: (V, p, c) => webidl.createSequenceConverter(convertPort)(V, p, c), defaultValue: () => [] },
  { key: "source", converter: (V, p, c) => (V === null ? null : convertPort(V, p, c)), defaultValue: null },
]);

function convertPort(V, prefix, context) {
  const { MessagePort } = core.require("message_port");
  if (!MessagePort.isInstance(V)) throw webidl.makeException(TypeError, "is not of type 'MessagePort'.", prefix, context);
  return V;
}

class MessageEvent extends Event {
  constructor(type, eventInitDict = undefined) {
    const prefix = "Failed to construct 'MessageEvent'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    const init = convertMessageEventInit(eventInitDict, prefix, "Argument 2");
    super(type, init);
    WeakMapPrototypeSet(messageEventState, this, {
      data: init.data,
      origin: init.origin,
      lastEventId: init.lastEventId,
      source: init.source,
      ports: ObjectFreeze(init.ports),
    });
  }

  get data() { return messageStateOf(this).data; }
  get origin() { return messageStateOf(this).origin; }
  get lastEventId() { return messageStateOf(this).lastEventId; }
  get source() { return messageStateOf(this).source; }
  get ports() { return messageStateOf(this).ports; }

  initMessageEvent(type, bubbles = false, cancelable = false, data = null, origin = "", lastEventId = "", source = null, ports = []) {
    const state = messageStateOf(this);
    webidl.requiredArguments(arguments.length, 1, "Failed to execute 'initMessageEvent' on 'MessageEvent'");
    if (stateOf(this).dispatching) return;
    this.initEvent(type, bubbles, cancelable);
    state.data = data;
    state.origin = converters.USVString(origin);
    state.lastEventId = converters.DOMString(lastEventId);
    state.source = source;
    state.ports = ObjectFreeze(webidl.createSequenceConverter(convertPort)(ports));
  }
}

function messageStateOf(event) {
  const state = WeakMapPrototypeGet(messageEventState, event);
  if (state === undefined) throw new TypeError("Illegal invocation");
  return state;
}
webidl.configureInterface(MessageEvent);

void Boolean;

return ObjectFreeze({
  __proto__: null,
  CustomEvent,
  ErrorEvent,
  Event,
  EventTarget,
  MessageEvent,
  PromiseRejectionEvent,
  defineEventHandler,
  dispatchTrusted,
  makeEventTarget,
});
