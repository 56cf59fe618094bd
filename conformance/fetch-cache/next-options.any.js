// fetch()'s Next.js extension `init.next = { revalidate, tags }` (docs/caching.md): the
// options are validated before anything is fetched, in every realm (served or not). The
// data cache itself only exists in served edge segments: its behaviour (hits, stale
// entries, tags, sharing with Swift) is tested in Tests/VergeCacheTests.
"use strict";

const url = "data:,cached";

promise_test(async () => {
  const response = await fetch(url, { next: { revalidate: 60, tags: ["a", "b"] } });
  assert_equals(await response.text(), "cached");
}, "valid next options are accepted");

promise_test(async () => {
  for (const revalidate of [false, 0, 1, 0.5, 3600, Infinity, undefined]) {
    const response = await fetch(url, { next: { revalidate } });
    assert_equals(response.status, 200, String(revalidate));
  }
}, "next.revalidate may be false, 0, a positive number, Infinity or absent");

promise_test(async (t) => {
  for (const revalidate of [-1, -Infinity, NaN, true, "60", null, {}, 10n]) {
    await promise_rejects_js(t, TypeError, fetch(url, { next: { revalidate } }), String(revalidate));
  }
}, "any other next.revalidate is a TypeError");

promise_test(async (t) => {
  const tags = [];
  for (let i = 0; i < 128; i++) tags.push("t".repeat(256));
  const response = await fetch(url, { next: { tags } });
  assert_equals(response.status, 200);
  tags.push("one more");
  await promise_rejects_js(t, TypeError, fetch(url, { next: { tags } }));
}, "at most 128 tags");

promise_test(async (t) => {
  await promise_rejects_js(t, TypeError, fetch(url, { next: { tags: ["x".repeat(257)] } }));
  await promise_rejects_js(t, TypeError, fetch(url, { next: { tags: ["ok", 5] } }));
  await promise_rejects_js(t, TypeError, fetch(url, { next: { tags: "posts" } }));
  await promise_rejects_js(t, TypeError, fetch(url, { next: { tags: null } }));
}, "tags are strings of at most 256 characters, in an array");

promise_test(async (t) => {
  await promise_rejects_js(t, TypeError, fetch(url, { next: 5 }));
  await promise_rejects_js(t, TypeError, fetch(url, { next: null }));
  const response = await fetch(url, { next: undefined });
  assert_equals(response.status, 200);
}, "next must be an object when present");

promise_test(async (t) => {
  // Request construction errors come first (the spec's steps), then next's.
  await promise_rejects_js(t, TypeError, fetch(url, { method: "GET", body: "x", next: { revalidate: -1 } }));
  let read = [];
  const init = {
    get method() { read.push("method"); return "GET"; },
    get next() { read.push("next"); return { get revalidate() { read.push("revalidate"); return 5; }, get tags() { read.push("tags"); return ["a"]; } }; },
  };
  await fetch(url, init);
  assert_array_equals(read, ["method", "next", "revalidate", "tags"]);
}, "next is read after the Request is constructed, revalidate before tags");

promise_test(async () => {
  const request = new Request(url, { next: { revalidate: -1 } });
  // RequestInit has no `next` member: the Request constructor ignores it.
  assert_false("next" in request);
  const response = await fetch(request);
  assert_equals(await response.text(), "cached");
}, "the Request constructor ignores next");
