// WorkerLocation (`verge run --location URL`; the conformance runner gives each file
// the location http://verge.test/<path>).
"use strict";

test(() => {
  assert_true(location instanceof WorkerLocation);
  assert_equals(location.href, "http://verge.test/location/worker-location.any.js");
  assert_equals(location.origin, "http://verge.test");
  assert_equals(location.protocol, "http:");
  assert_equals(location.host, "verge.test");
  assert_equals(location.hostname, "verge.test");
  assert_equals(location.port, "");
  assert_equals(location.pathname, "/location/worker-location.any.js");
  assert_equals(location.search, "");
  assert_equals(location.hash, "");
  assert_equals(String(location), location.href, "stringifier");
  assert_equals(location.toString(), location.href);
  assert_equals(`${location}`, location.href);
}, "location holds the realm's URL");

test(() => {
  assert_equals(location, location, "the same object each time");
  assert_equals(self.location, location);
}, "location is one object");

test(() => {
  assert_throws_js(TypeError, () => new WorkerLocation());
  assert_throws_js(TypeError, () => WorkerLocation());
}, "WorkerLocation is not constructible");

test(() => {
  const names = ["href", "origin", "protocol", "host", "hostname", "port", "pathname", "search", "hash"];
  for (const name of names) {
    const desc = Object.getOwnPropertyDescriptor(WorkerLocation.prototype, name);
    assert_equals(typeof desc.get, "function", `${name} getter`);
    assert_equals(desc.set, undefined, `${name} is read-only`);
    assert_true(desc.enumerable, `${name} enumerable`);
    assert_true(desc.configurable, `${name} configurable`);
    assert_throws_js(TypeError, () => desc.get.call({}), `${name} brand check`);
  }
  const toString = Object.getOwnPropertyDescriptor(WorkerLocation.prototype, "toString");
  assert_true(toString.enumerable, "toString enumerable");
  assert_throws_js(TypeError, () => toString.value.call({}), "toString brand check");
  assert_equals(Object.prototype.toString.call(location), "[object WorkerLocation]");
  assert_equals(WorkerLocation.length, 0);
}, "WorkerLocation's interface shape");

test(() => {
  "use strict";
  assert_throws_js(TypeError, () => { location.href = "http://other/"; }, "no setter in strict mode");
  assert_equals(location.href, "http://verge.test/location/worker-location.any.js");
}, "location's attributes are read-only");

test(() => {
  const desc = Object.getOwnPropertyDescriptor(globalThis, "location");
  assert_true(desc !== undefined, "an own property of the global");
}, "location is a global");

test(() => {
  assert_equals(new Request("/x?y#z").url, "http://verge.test/x?y#z");
  assert_equals(new Request("sibling").url, "http://verge.test/location/sibling");
  assert_equals(Response.redirect("/moved").headers.get("location"), "http://verge.test/moved");
}, "relative URLs resolve against location");
