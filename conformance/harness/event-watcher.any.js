// META: script=resources/helpers.js
// EventWatcher resolves as the expected events arrive in order.

const results = new Map();
add_result_callback((t) => results.set(t.name, { status: t.status, message: t.message }));

promise_test(async (t) => {
  const target = new EventTarget();
  const watcher = new EventWatcher(t, target, ["a", "b"]);
  const first = watcher.wait_for("a");
  target.dispatchEvent(new Event("a"));
  const event = await first;
  assert_equals(event.type, "a");
  const both = watcher.wait_for(["a", "b"], { record: "all" });
  target.dispatchEvent(new Event("a"));
  target.dispatchEvent(new Event("b"));
  const events = await both;
  assert_array_equals(events.map((e) => e.type), ["a", "b"]);
}, "wait_for resolves with the event, or every event with record: 'all'");

promise_test(async (t) => {
  const target = new EventTarget();
  const watcher = new EventWatcher(t, target, "a");
  const pending = watcher.wait_for("a");
  const second = await watcher.wait_for("a").then(() => "resolved", (e) => e);
  assert_equals(second, "Already waiting for an event or events");
  target.dispatchEvent(new Event("a"));
  await pending;
}, "only one wait_for at a time");

promise_test(async (t) => {
  const target = new EventTarget();
  let fire;
  const watcher = new EventWatcher(t, target, ["a", "b"], () => new Promise((resolve) => { fire = resolve; }));
  const waiting = watcher.wait_for(["a", "b"], { record: "all" });
  target.dispatchEvent(new Event("a"));
  fire();
  await waiting;
}, "victim: a timeout promise fails the test while events are missing");

async_test((t) => {
  const target = new EventTarget();
  const watcher = new EventWatcher(t, target, ["a", "b"]);
  watcher.wait_for("a");
  target.dispatchEvent(new Event("b"));
}, "victim: an unexpected event type fails the test");

async_test((t) => {
  const target = new EventTarget();
  new EventWatcher(t, target, ["a"]);
  target.dispatchEvent(new Event("a"));
}, "victim: an event while not waiting fails the test");

promise_test(async () => {
  const timedOut = results.get("victim: a timeout promise fails the test while events are missing");
  assert_equals(timedOut.status, 1);
  assert_equals(timedOut.message, "assert_true: Timed out waiting for b expected true got false");
  const wrongType = results.get("victim: an unexpected event type fails the test");
  assert_equals(wrongType.status, 1);
  assert_equals(wrongType.message, 'assert_equals: Expected a event, but got b event instead expected "a" but got "b"');
  const notWaiting = results.get("victim: an event while not waiting fails the test");
  assert_equals(notWaiting.status, 1);
  assert_equals(notWaiting.message, "assert_true: Not expecting event, but got a event expected true got false");
}, "EventWatcher failures");

promise_test(async (t) => {
  const target = new EventTarget();
  const watcher = new EventWatcher(t, target, "a");
  watcher.stop_watching();
  target.dispatchEvent(new Event("a"));
}, "stop_watching removes the listeners");
