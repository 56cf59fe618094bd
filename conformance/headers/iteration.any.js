// Headers iteration: "sort and combine", set-cookie kept separate, live iteration
// (https://fetch.spec.whatwg.org/#concept-header-list-sort-and-combine,
// https://webidl.spec.whatwg.org/#idl-iterable).

test(() => {
  const h = new Headers([["b", "2"], ["C", "3"], ["a", "1"], ["B", "4"]]);
  assert_array_equals([...h.keys()], ["a", "b", "c"]);
  assert_array_equals([...h.values()], ["1", "2, 4", "3"]);
  const entries = [...h.entries()];
  assert_equals(entries.length, 3);
  assert_array_equals(entries[1], ["b", "2, 4"]);
}, "Iteration is sorted by lowercase name and combines values");

test(() => {
  const h = new Headers([["z", "1"], ["set-cookie", "b=2"], ["a", "0"], ["Set-Cookie", "a=1"], ["set-cookie2", "x"], ["set-cookie2", "y"]]);
  const entries = [...h];
  assert_equals(entries.length, 5);
  assert_array_equals(entries[0], ["a", "0"]);
  assert_array_equals(entries[1], ["set-cookie", "b=2"]);
  assert_array_equals(entries[2], ["set-cookie", "a=1"]);
  assert_array_equals(entries[3], ["set-cookie2", "x, y"]);
  assert_array_equals(entries[4], ["z", "1"]);
}, "set-cookie values are not combined and keep their order; set-cookie2 is combined");

test(() => {
  const h = new Headers([["a-", "1"], ["a", "2"], ["a0", "3"], ["A_", "4"], ["~", "5"], ["!", "6"]]);
  assert_array_equals([...h.keys()], ["!", "a", "a-", "a0", "a_", "~"]);
}, "Names sort by byte value");

test(() => {
  const h = new Headers([["a", "1"], ["c", "3"]]);
  const iterator = h.keys();
  assert_equals(iterator.next().value, "a");
  h.append("b", "2");
  assert_equals(iterator.next().value, "b", "an appended name after the position is reached");
  h.delete("a");
  assert_true(iterator.next().done, "removing an earlier name shifts the list: 'c' is now at the consumed index");
  h.append("d", "4");
  assert_equals(iterator.next().value, "d", "iteration reads the list again at each step");
  assert_true(iterator.next().done);
}, "Iteration is live: each step reads the current sorted list at the current index");

test(() => {
  const h = new Headers([["a", "1"], ["b", "2"]]);
  const iterator = h.entries();
  assert_true(iterator.next().done === false);
  assert_true(iterator.next().done === false);
  assert_true(iterator.next().done);
  assert_true(iterator.next().done, "stays done");
}, "An exhausted iterator stays done");

test(() => {
  const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  const iterator = new Headers().entries();
  const prototype = Object.getPrototypeOf(iterator);
  assert_equals(Object.getPrototypeOf(prototype), iteratorPrototype);
  assert_equals(prototype[Symbol.toStringTag], "Headers Iterator");
  assert_equals(Object.prototype.toString.call(iterator), "[object Headers Iterator]");
  const next = Object.getOwnPropertyDescriptor(prototype, "next");
  assert_true(next.enumerable && next.writable && next.configurable);
  assert_equals(Object.getPrototypeOf(new Headers().keys()), prototype);
  assert_equals(Object.getPrototypeOf(new Headers().values()), prototype);
  assert_throws_js(TypeError, () => prototype.next.call({}));
}, "Headers iterators have the WebIDL iterator prototype");

test(() => {
  assert_equals(Headers.prototype[Symbol.iterator], Headers.prototype.entries);
  const descriptor = Object.getOwnPropertyDescriptor(Headers.prototype, Symbol.iterator);
  assert_false(descriptor.enumerable);
}, "@@iterator is entries and not enumerable");

test(() => {
  const h = new Headers([["b", "2"], ["a", "1"]]);
  const seen = [];
  const thisArg = {};
  h.forEach(function (value, key, object) {
    seen.push([key, value, object === h, this === thisArg]);
  }, thisArg);
  assert_equals(seen.length, 2);
  assert_array_equals(seen[0], ["a", "1", true, true]);
  assert_array_equals(seen[1], ["b", "2", true, true]);
  assert_throws_js(TypeError, () => h.forEach());
  assert_throws_js(TypeError, () => h.forEach(1));
}, "forEach visits sorted pairs as (value, key, headers)");

test(() => {
  const h = new Headers([["a", "1"], ["b", "2"], ["c", "3"]]);
  const keys = [];
  for (const [key] of h) {
    keys.push(key);
    if (key === "a") h.delete("b");
  }
  assert_array_equals(keys, ["a", "c"]);
}, "Deleting a later name during for-of skips it");

test(() => {
  const h = new Headers([["a", "1"]]);
  const values = [];
  for (const [key, value] of h) {
    values.push(value);
    if (values.length === 1) h.set(key, "2");
    if (values.length > 3) break;
  }
  assert_array_equals(values, ["1"]);
}, "Setting the current name during for-of does not revisit it");

test(() => {
  const pairs = [];
  for (let i = 0; i < 300; i++) pairs.push([`h${(i * 37) % 100}`, String(i)]);
  pairs.push(["set-cookie", "b"], ["set-cookie", "a"]);
  const h = new Headers(pairs);
  const keys = [...h.keys()];
  assert_equals(keys.length, 102);
  const sorted = keys.slice().sort();
  assert_array_equals(keys, sorted);
  assert_equals(h.get("h0"), "0, 100, 200");
  const entries = [...h];
  const cookies = entries.filter(([name]) => name === "set-cookie").map(([, value]) => value);
  assert_array_equals(cookies, ["b", "a"]);
}, "Sorting and combining a long header list");
