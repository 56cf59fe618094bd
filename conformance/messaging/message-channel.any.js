// MessageChannel and MessagePort (https://html.spec.whatwg.org/#message-channels).

test(() => {
  const channel = new MessageChannel();
  assert_true(channel.port1 instanceof MessagePort);
  assert_true(channel.port2 instanceof MessagePort);
  assert_true(channel.port1 instanceof EventTarget);
  assert_not_equals(channel.port1, channel.port2);
  assert_equals(channel.port1, channel.port1, "the same port each time");
  assert_throws_js(TypeError, () => new MessagePort());
  assert_throws_js(TypeError, () => MessageChannel());
  assert_class_string(channel, "MessageChannel");
  assert_class_string(channel.port1, "MessagePort");
  assert_equals(MessagePort.prototype.postMessage.length, 1);
  for (const name of ["onmessage", "onmessageerror", "onclose"]) {
    assert_true(name in MessagePort.prototype, name);
  }
}, "interfaces");

async_test((t) => {
  const { port1, port2 } = new MessageChannel();
  const data = { text: "hi", list: [1, 2], when: new Date(5) };
  port2.onmessage = t.step_func_done((event) => {
    assert_true(event instanceof MessageEvent);
    assert_equals(event.type, "message");
    assert_true(event.isTrusted);
    assert_equals(event.target, port2);
    assert_not_equals(event.data, data, "the data is a clone");
    assert_equals(event.data.text, "hi");
    assert_array_equals(event.data.list, [1, 2]);
    assert_equals(event.data.when.getTime(), 5);
    assert_equals(event.origin, "");
    assert_equals(event.lastEventId, "");
    assert_equals(event.source, null);
    assert_array_equals(event.ports, []);
    assert_true(Object.isFrozen(event.ports));
  });
  port1.postMessage(data);
  data.text = "changed after posting";
}, "postMessage delivers a clone made at posting time");

async_test((t) => {
  const { port1, port2 } = new MessageChannel();
  const received = [];
  port2.onmessage = t.step_func((event) => {
    received.push(event.data);
    if (event.data === 4) {
      assert_array_equals(received, [1, 2, 3, 4]);
      t.done();
    }
  });
  port1.postMessage(1);
  port1.postMessage(2, []);
  port1.postMessage(3, { transfer: [] });
  port1.postMessage(4, undefined);
}, "messages arrive in order, with every overload");

async_test((t) => {
  const { port1, port2 } = new MessageChannel();
  let delivered = false;
  port2.onmessage = () => (delivered = true);
  port1.postMessage("x");
  assert_false(delivered, "not synchronous");
  Promise.resolve().then(t.step_func(() => assert_false(delivered, "not in a microtask")));
  queueMicrotask(t.step_func(() => assert_false(delivered)));
  setTimeout(t.step_func_done(() => assert_true(delivered)), 10);
}, "messages are delivered in a later task");

async_test((t) => {
  const { port1, port2 } = new MessageChannel();
  const order = [];
  port2.onmessage = (event) => {
    order.push("message " + event.data);
    Promise.resolve().then(() => order.push("microtask " + event.data));
    if (event.data === 2) {
      setTimeout(t.step_func_done(() => {
        assert_array_equals(order, ["message 1", "microtask 1", "message 2", "microtask 2"]);
      }), 0);
    }
  };
  port1.postMessage(1);
  port1.postMessage(2);
}, "each message is its own task");

async_test((t) => {
  const { port1, port2 } = new MessageChannel();
  let received = 0;
  port2.addEventListener("message", () => received++);
  port1.postMessage("queued");
  setTimeout(t.step_func(() => {
    assert_equals(received, 0, "addEventListener alone does not start the port");
    port2.start();
    port2.start();
    setTimeout(t.step_func_done(() => assert_equals(received, 1, "start() delivers what was queued")), 10);
  }), 10);
}, "the port message queue waits for start()");

async_test((t) => {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage("before onmessage");
  setTimeout(t.step_func(() => {
    port2.onmessage = t.step_func_done((event) => assert_equals(event.data, "before onmessage"));
  }), 5);
}, "setting onmessage starts the port");

async_test((t) => {
  const { port1, port2 } = new MessageChannel();
  port2.onmessage = t.unreached_func("a closed port receives nothing");
  port2.close();
  port1.postMessage("lost");
  setTimeout(t.step_func_done(), 20);
}, "messages to a closed port are dropped");

async_test((t) => {
  const { port1, port2 } = new MessageChannel();
  port2.onmessage = t.unreached_func("nothing is sent from a closed port");
  port1.close();
  port1.postMessage("lost");
  setTimeout(t.step_func_done(), 20);
}, "messages from a closed port are dropped");

async_test((t) => {
  const { port1, port2 } = new MessageChannel();
  let closedBeforeDelivery = false;
  port2.onmessage = t.step_func_done((event) => {
    assert_true(closedBeforeDelivery);
    assert_equals(event.data, "in flight");
  });
  port1.postMessage("in flight");
  port1.close();
  closedBeforeDelivery = true;
}, "messages in flight are delivered after the sender closes");

async_test((t) => {
  const { port1, port2 } = new MessageChannel();
  const seen = [];
  port2.onmessage = t.step_func((event) => {
    seen.push(event.data);
    port2.close();
    if (event.data === "second") {
      assert_array_equals(seen, ["first", "second"]);
      t.done();
    }
  });
  port1.postMessage("first");
  port1.postMessage("second");
}, "closing in onmessage keeps messages already queued");

test(() => {
  const { port1 } = new MessageChannel();
  port1.close();
  port1.close();
  port1.postMessage("nowhere");
  assert_throws_dom("DataCloneError", () => port1.postMessage(() => {}), "the message is still serialized");
}, "a closed port still checks its message, and close() twice is fine");

async_test((t) => {
  const { port1, port2 } = new MessageChannel();
  port2.onclose = t.step_func_done((event) => {
    assert_equals(event.type, "close");
    assert_true(event.isTrusted);
  });
  port1.close();
}, "closing one port fires close at the other");

test(() => {
  const { port1, port2 } = new MessageChannel();
  assert_throws_dom("DataCloneError", () => port1.postMessage(1, [port1]), "a port cannot transfer itself");
  assert_throws_dom("DataCloneError", () => port1.postMessage(Symbol()));
  assert_throws_dom("DataCloneError", () => port1.postMessage({ f() {} }));
  assert_throws_js(TypeError, () => port1.postMessage());
  assert_throws_js(TypeError, () => port1.postMessage(1, 5), "a number is neither a sequence nor a dictionary");
  assert_throws_js(TypeError, () => port1.postMessage(1, [5]));
  assert_throws_js(TypeError, () => port1.postMessage(1, { transfer: 5 }));
  const buffer = new ArrayBuffer(2);
  assert_throws_dom("DataCloneError", () => port1.postMessage(1, [buffer, buffer]));
  assert_false(buffer.detached);
  void port2;
}, "postMessage argument errors");

async_test((t) => {
  const { port1, port2 } = new MessageChannel();
  const buffer = new Uint8Array([5, 6]).buffer;
  port2.onmessage = t.step_func_done((event) => {
    assert_array_equals(new Uint8Array(event.data), [5, 6]);
  });
  port1.postMessage(buffer, [buffer]);
  assert_true(buffer.detached, "transferred at posting time");
}, "ArrayBuffers are transferred");

async_test((t) => {
  const inner = new MessageChannel();
  const carrier = new MessageChannel();
  inner.port1.postMessage("queued before the transfer");
  carrier.port2.onmessage = t.step_func((event) => {
    assert_equals(event.ports.length, 1);
    const received = event.ports[0];
    assert_true(received instanceof MessagePort);
    assert_not_equals(received, inner.port2);
    assert_equals(event.data.port, received, "the port in the data is the transferred one");
    const got = [];
    received.onmessage = t.step_func((e) => {
      got.push(e.data);
      if (got.length === 2) {
        assert_array_equals(got, ["queued before the transfer", "after"]);
        t.done();
      }
    });
    inner.port1.postMessage("after");
  });
  carrier.port1.postMessage({ port: inner.port2 }, [inner.port2]);
  inner.port2.onmessage = t.unreached_func("the old port object is detached");
}, "ports travel in the transfer list with their queued messages");

async_test((t) => {
  const inner = new MessageChannel();
  const carrier = new MessageChannel();
  carrier.port2.onmessage = t.step_func((event) => {
    const received = event.ports[0];
    received.onmessage = t.step_func_done((e) => assert_equals(e.data, "reply"));
    inner.port1.postMessage("reply");
  });
  carrier.port1.postMessage(null, [inner.port2]);
  assert_throws_dom("DataCloneError", () => carrier.port1.postMessage(null, [inner.port2]), "transferred twice");
}, "a transferred port cannot be transferred again");

async_test((t) => {
  const { port1, port2 } = new MessageChannel();
  port1.onmessage = t.unreached_func("posting the target port through itself loses the channel");
  port2.onmessage = t.unreached_func("nothing is delivered");
  port1.postMessage("doomed", [port2]);
  setTimeout(t.step_func_done(), 20);
}, "transferring the entangled port dooms the message");
