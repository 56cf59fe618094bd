// Event and its subclasses' constructors (https://dom.spec.whatwg.org/#interface-event).

test(() => {
  assert_throws_js(TypeError, () => Event("x"), "without new");
  assert_throws_js(TypeError, () => new Event(), "no type");
  const thrown = { name: "custom" };
  assert_throws_exactly(thrown, () => new Event({ toString() { throw thrown; } }));
}, "Event() needs new and a type, and converts the type with ToString");

test(() => {
  for (const type of ["", "test", "@", "I am an event"]) {
    const event = new Event(type);
    assert_equals(event.type, type);
    assert_equals(event.target, null);
    assert_equals(event.srcElement, null);
    assert_equals(event.currentTarget, null);
    assert_equals(event.eventPhase, Event.NONE);
    assert_false(event.bubbles);
    assert_false(event.cancelable);
    assert_false(event.composed);
    assert_false(event.defaultPrevented);
    assert_true(event.returnValue);
    assert_false(event.cancelBubble);
    assert_false(event.isTrusted);
    assert_greater_than(event.timeStamp, 0);
    assert_array_equals(event.composedPath(), []);
  }
}, "a new Event has the documented defaults");

test(() => {
  const event = new Event("x", { bubbles: true, cancelable: false, composed: true, other: 1 });
  assert_true(event.bubbles);
  assert_false(event.cancelable);
  assert_true(event.composed);
  assert_equals(event.other, undefined);
  assert_true(new Event("x", { cancelable: 1 }).cancelable, "converted with ToBoolean");
  assert_false(new Event("x", { bubblesIGNORED: true }).bubbles);
  assert_false(new Event("x", null).bubbles, "null is an empty dictionary");
  assert_throws_js(TypeError, () => new Event("x", 5), "a number is not a dictionary");
}, "EventInit members");

test(() => {
  const order = [];
  new Event("x", {
    get composed() { order.push("composed"); return false; },
    get cancelable() { order.push("cancelable"); return false; },
    get bubbles() { order.push("bubbles"); return false; },
    get unknown() { order.push("unknown"); return false; },
  });
  assert_array_equals(order, ["bubbles", "cancelable", "composed"]);
}, "EventInit members are read in lexicographic order, once each");

test(() => {
  const event = new CustomEvent("c", { detail: { a: 1 }, cancelable: true, extra: "x" });
  assert_equals(event.detail.a, 1);
  assert_true(event.cancelable);
  assert_true(event instanceof Event);
  assert_equals(new CustomEvent("c").detail, null);
  const order = [];
  new CustomEvent("c", {
    get detail() { order.push("detail"); return 1; },
    get bubbles() { order.push("bubbles"); return false; },
  });
  assert_array_equals(order, ["bubbles", "detail"], "inherited members first");
}, "CustomEvent");

test(() => {
  const error = new Error("e");
  const event = new ErrorEvent("error", { message: "m", filename: "f.js", lineno: 3, colno: 4, error });
  assert_equals(event.message, "m");
  assert_equals(event.filename, "f.js");
  assert_equals(event.lineno, 3);
  assert_equals(event.colno, 4);
  assert_equals(event.error, error);
  const empty = new ErrorEvent("error");
  assert_equals(empty.message, "");
  assert_equals(empty.filename, "");
  assert_equals(empty.lineno, 0);
  assert_equals(empty.colno, 0);
  assert_equals(empty.error, undefined);
}, "ErrorEvent");

test(() => {
  const promise = Promise.resolve();
  const event = new PromiseRejectionEvent("unhandledrejection", { promise, reason: 5 });
  assert_equals(event.promise, promise);
  assert_equals(event.reason, 5);
  assert_throws_js(TypeError, () => new PromiseRejectionEvent("x"), "the dictionary is required");
  assert_throws_js(TypeError, () => new PromiseRejectionEvent("x", {}), "promise is required");
}, "PromiseRejectionEvent");

test(() => {
  const event = new MessageEvent("message", { data: { d: 1 }, origin: "o", lastEventId: "id" });
  assert_equals(event.data.d, 1);
  assert_equals(event.origin, "o");
  assert_equals(event.lastEventId, "id");
  assert_equals(event.source, null);
  assert_array_equals(event.ports, []);
  assert_true(Object.isFrozen(event.ports));
  assert_equals(event.ports, event.ports, "the same frozen array each time");
  const plain = new MessageEvent("message");
  assert_equals(plain.data, null);
  const channel = new MessageChannel();
  const withPorts = new MessageEvent("message", { ports: [channel.port1], source: channel.port2 });
  assert_equals(withPorts.ports[0], channel.port1);
  assert_equals(withPorts.source, channel.port2);
  assert_throws_js(TypeError, () => new MessageEvent("message", { ports: [{}] }));
  assert_throws_js(TypeError, () => new MessageEvent("message", { source: {} }));
}, "MessageEvent");

test(() => {
  class MyEvent extends Event {
    constructor(type, init) {
      super(type, init);
      this.extra = init && "extra" in init ? init.extra : 5;
    }
    get fixed() { return 17; }
  }
  const event = new MyEvent("x", { bubbles: true, extra: 8 });
  assert_true(event instanceof Event);
  assert_true(event.bubbles);
  assert_equals(event.extra, 8);
  assert_equals(event.fixed, 17);
  assert_false(event.isTrusted);
  const target = new EventTarget();
  let seen = null;
  target.addEventListener("x", (e) => (seen = e));
  target.dispatchEvent(event);
  assert_equals(seen, event);
}, "Event can be subclassed");

test(() => {
  const event = new Event("x");
  const descriptor = Object.getOwnPropertyDescriptor(event, "isTrusted");
  assert_equals(typeof descriptor.get, "function");
  assert_equals(descriptor.set, undefined);
  assert_true(descriptor.enumerable);
  assert_false(descriptor.configurable);
  assert_equals(Object.getOwnPropertyDescriptor(new Event("y"), "isTrusted").get, descriptor.get,
    "one getter shared by all events");
  assert_false("isTrusted" in Event.prototype);
  assert_throws_js(TypeError, () => descriptor.get.call({}));
}, "isTrusted is an unforgeable own accessor");

test(() => {
  assert_equals(Event.NONE, 0);
  assert_equals(Event.CAPTURING_PHASE, 1);
  assert_equals(Event.AT_TARGET, 2);
  assert_equals(Event.BUBBLING_PHASE, 3);
  assert_equals(new Event("x").AT_TARGET, 2);
  const descriptor = Object.getOwnPropertyDescriptor(Event, "AT_TARGET");
  assert_false(descriptor.writable);
  assert_false(descriptor.configurable);
  assert_true(descriptor.enumerable);
}, "Event constants");

test(() => {
  const getters = ["type", "target", "currentTarget", "eventPhase", "bubbles", "cancelable", "defaultPrevented", "timeStamp", "composed", "returnValue", "cancelBubble", "srcElement"];
  for (const name of getters) {
    const getter = Object.getOwnPropertyDescriptor(Event.prototype, name).get;
    assert_throws_js(TypeError, () => getter.call({}), name);
    assert_throws_js(TypeError, () => getter.call(Object.create(Event.prototype)), name);
  }
  for (const name of ["stopPropagation", "stopImmediatePropagation", "preventDefault", "composedPath"]) {
    assert_throws_js(TypeError, () => Event.prototype[name].call({}), name);
  }
  assert_throws_js(TypeError, () => Object.getOwnPropertyDescriptor(CustomEvent.prototype, "detail").get.call(new Event("x")));
  assert_throws_js(TypeError, () => Object.getOwnPropertyDescriptor(ErrorEvent.prototype, "message").get.call(new Event("x")));
}, "Event members check their receiver");

test(() => {
  const before = performance.now();
  const event = new Event("x");
  const after = performance.now();
  assert_greater_than_equal(event.timeStamp, before);
  assert_less_than_equal(event.timeStamp, after);
}, "timeStamp is on the performance.now() clock");
