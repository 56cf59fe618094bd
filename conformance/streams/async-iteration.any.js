// META: script=resources/helpers.js
// Async iteration of ReadableStream (values(), @@asyncIterator, next(), return(),
// preventCancel) per WebIDL's asynchronous iterable declaration and ReadableStream.from().
"use strict";

test(() => {
  assert_equals(ReadableStream.prototype[Symbol.asyncIterator], ReadableStream.prototype.values);
  const it = new ReadableStream().values();
  const proto = Object.getPrototypeOf(it);
  const asyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
  assert_equals(Object.getPrototypeOf(proto), asyncIteratorPrototype, "inherits from %AsyncIteratorPrototype%");
  assert_equals(Object.prototype.toString.call(it), "[object ReadableStream AsyncIterator]");
  assert_array_equals(Object.getOwnPropertyNames(proto).sort(), ["next", "return"]);
  for (const name of ["next", "return"]) {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    assert_true(d.enumerable && d.writable && d.configurable, name + " is a regular operation");
  }
  assert_equals(proto.next.length, 0);
  assert_equals(proto.return.length, 1);
}, "the async iterator prototype");

promise_test(async (t) => {
  const it = new ReadableStream().values();
  const proto = Object.getPrototypeOf(it);
  await promise_rejects_js(t, TypeError, proto.next.call({}));
  await promise_rejects_js(t, TypeError, proto.return.call({}));
  await promise_rejects_js(t, TypeError, proto.next.call(undefined));
}, "next() and return() brand-check their receiver by rejecting");

promise_test(async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.enqueue(3); c.close(); } });
  const seen = [];
  for await (const chunk of rs) seen.push(chunk);
  assert_array_equals(seen, [1, 2, 3]);
  assert_false(rs.locked, "the lock is released at the end");
}, "for await iterates every chunk and releases the lock");

promise_test(async () => {
  const rs = new ReadableStream();
  const it = rs.values();
  assert_true(rs.locked, "values() locks the stream");
  assert_throws_js(TypeError, () => rs.values(), "a second iterator on a locked stream");
  assert_throws_js(TypeError, () => rs[Symbol.asyncIterator]());
  await it.return();
  assert_false(rs.locked);
}, "values() acquires a reader (throws when locked)");

promise_test(async () => {
  let cancelReason;
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); }, cancel(r) { cancelReason = r; } });
  for await (const chunk of rs) {
    assert_equals(chunk, 1);
    break;
  }
  assert_equals(cancelReason, undefined, "break cancels the stream (reason undefined)");
  assert_false(rs.locked);
  const reader = rs.getReader();
  assert_true((await reader.read()).done, "the stream was canceled");
}, "breaking out of for await cancels the stream");

promise_test(async () => {
  let cancelled = false;
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); }, cancel() { cancelled = true; } });
  for await (const chunk of rs.values({ preventCancel: true })) {
    assert_equals(chunk, 1);
    break;
  }
  assert_false(cancelled, "preventCancel keeps the stream");
  assert_false(rs.locked, "but the lock is released");
  assert_equals((await rs.getReader().read()).value, 2, "and the rest can still be read");
}, "values({ preventCancel: true }) releases without cancelling");

promise_test(async () => {
  let cancelReason;
  const rs = new ReadableStream({ cancel(r) { cancelReason = r; } });
  const it = rs.values();
  const result = await it.return("value");
  assert_object_equals(result, { value: "value", done: true }, "return() resolves with { value, done: true }");
  assert_equals(cancelReason, "value", "return()'s argument is the cancel reason");
  assert_object_equals(await it.next(), { value: undefined, done: true }, "next() after return() is done");
  assert_object_equals(await it.return("again"), { value: "again", done: true }, "return() after return()");
}, "return() cancels with its argument; the iterator is then finished");

promise_test(async () => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  const it = rs.values();
  const n1 = it.next();
  const n2 = it.next();
  const ret = it.return("r");
  controller.enqueue("a");
  controller.enqueue("b");
  assert_object_equals(await n1, { value: "a", done: false });
  assert_object_equals(await n2, { value: "b", done: false }, "return() waits for the pending next() calls");
  assert_object_equals(await ret, { value: "r", done: true });
}, "next() and return() calls are queued behind each other");

promise_test(async (t) => {
  const error = namedError("E");
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  const it = rs.values();
  const n = it.next();
  controller.error(error);
  await promise_rejects_exactly(t, error, n);
  assert_false(rs.locked, "the lock is released on error");
  assert_object_equals(await it.next(), { value: undefined, done: true }, "then the iterator is finished");
}, "an error rejects next() once, then the iterator is done");

promise_test(async () => {
  const rs = new ReadableStream({ start(c) { c.close(); } });
  const it = rs.values();
  assert_object_equals(await it.next(), { value: undefined, done: true });
  assert_false(rs.locked);
  assert_object_equals(await it.return(5), { value: 5, done: true });
}, "a closed stream ends the iteration and releases the lock");

test(() => {
  const rs = new ReadableStream();
  assert_throws_js(TypeError, () => rs.values(1), "options must be a dictionary");
  assert_false(rs.locked, "option conversion happens before locking");
  const order = [];
  rs.values({ get preventCancel() { order.push("preventCancel"); return 1; } });
  assert_array_equals(order, ["preventCancel"]);
}, "values(): options conversion");

promise_test(async () => {
  const rs = ReadableStream.from([1, Promise.resolve(2), 3]);
  assert_equals(rs.constructor, ReadableStream);
  assert_array_equals(await readAll(rs), [1, 2, 3], "promises from a sync iterable are awaited");
}, "ReadableStream.from(): a sync iterable");

promise_test(async () => {
  async function* gen() { yield "a"; yield "b"; }
  assert_array_equals(await readAll(ReadableStream.from(gen())), ["a", "b"]);
  const source = new ReadableStream({ start(c) { c.enqueue("x"); c.close(); } });
  assert_array_equals(await readAll(ReadableStream.from(source)), ["x"], "a ReadableStream is async iterable");
  assert_array_equals(await readAll(ReadableStream.from("hé")), ["h", "é"], "strings iterate by code point");
}, "ReadableStream.from(): async generators, streams, strings");

test(() => {
  for (const bad of [null, undefined, 1, {}, Symbol(), () => 1, { [Symbol.iterator]: 1 }, { [Symbol.asyncIterator]: 1 }]) {
    assert_throws_js(TypeError, () => ReadableStream.from(bad), String(typeof bad));
  }
  assert_throws_js(TypeError, () => ReadableStream.from(), "a required argument");
  const error = namedError("E");
  assert_throws_exactly(error, () => ReadableStream.from({ [Symbol.iterator]() { throw error; } }));
  assert_throws_exactly(error, () => ReadableStream.from({ [Symbol.asyncIterator]() { throw error; } }));
  assert_throws_js(TypeError, () => ReadableStream.from({ [Symbol.asyncIterator]() { return 1; } }), "not an object");
}, "ReadableStream.from(): rejects non-iterables synchronously");

promise_test(async () => {
  let nextCalls = 0;
  const it = {
    [Symbol.asyncIterator]() { return this; },
    next() { nextCalls++; return Promise.resolve({ value: nextCalls, done: nextCalls > 2 }); },
  };
  const rs = ReadableStream.from(it);
  await flushTasks();
  assert_equals(nextCalls, 0, "highWaterMark 0: next() waits for a read");
  assert_array_equals(await readAll(rs), [1, 2]);
}, "ReadableStream.from(): next() is called lazily");

promise_test(async (t) => {
  const error = namedError("E");
  const it = { [Symbol.asyncIterator]() { return this; }, next() { throw error; } };
  await promise_rejects_exactly(t, error, ReadableStream.from(it).getReader().read());
  const it2 = { [Symbol.asyncIterator]() { return this; }, next() { return Promise.resolve(1); } };
  await promise_rejects_js(t, TypeError, ReadableStream.from(it2).getReader().read(), "a non-object result");
}, "ReadableStream.from(): failures of next() error the stream");

promise_test(async (t) => {
  let returnArgs;
  const it = {
    [Symbol.asyncIterator]() { return this; },
    next: t.unreached_func("next"),
    return(...args) { returnArgs = args; return Promise.resolve({ done: true }); },
  };
  await ReadableStream.from(it).cancel("why");
  assert_array_equals(returnArgs, ["why"], "cancel calls return(reason)");
  const it2 = { [Symbol.asyncIterator]() { return this; }, next() {}, return() { return 1; } };
  await promise_rejects_js(t, TypeError, ReadableStream.from(it2).cancel(), "return() must give an object");
  const it3 = { [Symbol.asyncIterator]() { return this; }, next() {} };
  assert_equals(await ReadableStream.from(it3).cancel(), undefined, "no return() method is fine");
}, "ReadableStream.from(): cancel calls the iterator's return()");

promise_test(async () => {
  let closed = 0;
  function* gen() {
    try {
      yield 1;
      yield 2;
    } finally {
      closed++;
    }
  }
  const rs = ReadableStream.from(gen());
  const reader = rs.getReader();
  await reader.read();
  await reader.cancel();
  assert_equals(closed, 1, "cancel closes a sync iterator through the async-from-sync wrapper");
}, "ReadableStream.from(): cancel closes a sync generator");
