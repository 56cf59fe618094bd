// Response constructor and statics (https://fetch.spec.whatwg.org/#response-class).

test(() => {
  assert_equals(Response.length, 0);
  assert_throws_js(TypeError, () => Response());
  const response = new Response();
  assert_equals(response.type, "default");
  assert_equals(response.url, "");
  assert_false(response.redirected);
  assert_equals(response.status, 200);
  assert_true(response.ok);
  assert_equals(response.statusText, "");
  assert_true(response.headers instanceof Headers);
  assert_equals(response.body, null);
  assert_false(response.bodyUsed);
  assert_equals(new Response(null).body, null);
  assert_equals(new Response(undefined).body, null);
}, "Defaults of new Response()");

for (const status of [200, 201, 299, 300, 399, 400, 404, 499, 500, 599]) {
  test(() => {
    const response = new Response(null, { status });
    assert_equals(response.status, status);
    assert_equals(response.ok, status >= 200 && status <= 299);
  }, `Status ${status} is allowed; ok is ${status >= 200 && status <= 299}`);
}

for (const status of [0, 1, 100, 199, 600, 999, 65535]) {
  test(() => {
    assert_throws_js(RangeError, () => new Response(null, { status }));
  }, `Status ${status} throws a RangeError`);
}

test(() => {
  assert_equals(new Response(null, { status: 65536 + 200 }).status, 200, "unsigned short wraps");
  assert_equals(new Response(null, { status: "204" }).status, 204);
  assert_equals(new Response(null, { status: 200.9 }).status, 200);
  assert_throws_js(RangeError, () => new Response(null, { status: -1 }), "-1 is 65535");
}, "status is an unsigned short conversion");

test(() => {
  assert_equals(new Response(null, { statusText: "OK Then" }).statusText, "OK Then");
  assert_equals(new Response(null, { statusText: "\t\u00ff\u0080" }).statusText, "\t\u00ff\u0080");
  for (const statusText of ["\n", "\r", "a\0", "\u007f", "\u001f"]) {
    assert_throws_js(TypeError, () => new Response(null, { statusText }), JSON.stringify(statusText));
  }
  assert_throws_js(TypeError, () => new Response(null, { statusText: "\u0100" }), "ByteString");
}, "statusText must match reason-phrase");

for (const status of [204, 205, 304]) {
  test(() => {
    assert_throws_js(TypeError, () => new Response("", { status }));
    assert_throws_js(TypeError, () => new Response(new Blob(), { status }));
    assert_equals(new Response(null, { status }).status, status);
  }, `Status ${status} is a null body status`);
}

test(() => {
  const response = new Response("body", { headers: [["Content-Type", "a/b"], ["X-A", "1"]] });
  assert_equals(response.headers.get("content-type"), "a/b");
  response.headers.set("x-b", "2");
  assert_equals(response.headers.get("x-b"), "2", "response headers are mutable");
  assert_throws_js(TypeError, () => new Response(null, { headers: [["a"]] }));
  assert_throws_js(TypeError, () => new Response(null, { headers: "x" }));
}, "ResponseInit.headers fills the response's headers");

test(() => {
  const log = [];
  new Response(null, {
    get statusText() { log.push("statusText"); return ""; },
    get status() { log.push("status"); return 200; },
    get headers() { log.push("headers"); return undefined; },
  });
  assert_array_equals(log, ["headers", "status", "statusText"]);
  const error = new Error("first");
  assert_throws_exactly(error, () => new Response({ toString() { throw error; } }, { get status() { throw new Error("second"); } }));
}, "Arguments convert in order: body, then init members lexicographically");

test(() => {
  const error = Response.error();
  assert_equals(error.type, "error");
  assert_equals(error.status, 0);
  assert_false(error.ok);
  assert_equals(error.statusText, "");
  assert_equals(error.url, "");
  assert_equals(error.body, null);
  assert_array_equals([...error.headers], []);
  assert_not_equals(Response.error(), error);
}, "Response.error()");

const redirectCases = [301, 302, 303, 307, 308];
for (const status of redirectCases) {
  test(() => {
    const response = Response.redirect("https://example.com/to", status);
    assert_equals(response.status, status);
    assert_equals(response.headers.get("location"), "https://example.com/to");
    assert_equals(response.type, "default");
    assert_equals(response.body, null);
    assert_equals(response.statusText, "");
  }, `Response.redirect() with status ${status}`);
}

test(() => {
  assert_equals(Response.redirect("https://example.com/").status, 302, "302 by default");
  for (const status of [200, 300, 304, 305, 306, 309, 400]) {
    assert_throws_js(RangeError, () => Response.redirect("https://example.com/", status), String(status));
  }
  assert_throws_js(TypeError, () => Response.redirect("http://["));
  assert_throws_js(TypeError, () => Response.redirect());
}, "Response.redirect() validates status and URL");

test(() => {
  assert_equals(Response.redirect("/next?x#y").headers.get("location"), "http://verge.test/next?x#y");
  assert_equals(Response.redirect("https://EXAMPLE.com/a/../b").headers.get("location"), "https://example.com/b");
}, "Response.redirect() parses the URL against the base URL and serializes it");

test(() => {
  const log = [];
  try {
    Response.redirect({ toString() { log.push("url"); return "http://["; } }, { valueOf() { log.push("status"); return 301; } });
  } catch (e) {
    log.push(e.constructor.name);
  }
  assert_array_equals(log, ["url", "status", "TypeError"], "both convert, then the URL is parsed");
}, "Response.redirect() converts both arguments before validating");

promise_test(async () => {
  const response = Response.json({ a: 1, b: [true, null] }, { status: 201, headers: { "x-a": "1" } });
  assert_equals(response.status, 201);
  assert_equals(response.headers.get("content-type"), "application/json");
  assert_equals(response.headers.get("x-a"), "1");
  assert_equals(await response.text(), '{"a":1,"b":[true,null]}');
}, "Response.json() serializes data with application/json");

test(() => {
  const response = Response.json("x", { headers: { "Content-Type": "text/custom" } });
  assert_equals(response.headers.get("content-type"), "text/custom");
  response.headers.set("x", "y");
}, "Response.json() keeps an explicit Content-Type and mutable headers");

test(() => {
  assert_throws_js(TypeError, () => Response.json(undefined));
  assert_throws_js(TypeError, () => Response.json(() => {}));
  assert_throws_js(TypeError, () => Response.json(Symbol()));
  const cyclic = {};
  cyclic.self = cyclic;
  assert_throws_js(TypeError, () => Response.json(cyclic));
  assert_throws_js(TypeError, () => Response.json(1n));
  assert_throws_js(TypeError, () => Response.json());
  for (const status of [204, 205, 304]) assert_throws_js(TypeError, () => Response.json(1, { status }));
  assert_throws_js(RangeError, () => Response.json(1, { status: 100 }));
}, "Response.json() throws for unserializable data and null body statuses");

test(() => {
  class Custom extends Error {
    name = "Custom";
  }
  assert_throws_js(Custom, () => Response.json({ get x() { throw new Custom(); } }));
}, "Response.json() propagates serializer errors");

promise_test(async () => {
  const bytes = new Uint8Array(await Response.json("\u{1D306}").arrayBuffer());
  assert_array_equals(Array.from(bytes), [34, 240, 157, 140, 134, 34]);
  const lone = await Response.json("\ud800").text();
  assert_equals(lone, '"\\ud800"', "JSON.stringify escapes lone surrogates");
}, "Response.json() encodes UTF-8");

test(() => {
  const members = ["type", "url", "redirected", "status", "ok", "statusText", "headers", "body", "bodyUsed"];
  for (const name of members) {
    const descriptor = Object.getOwnPropertyDescriptor(Response.prototype, name);
    assert_equals(typeof descriptor.get, "function", name);
    assert_equals(descriptor.set, undefined, name);
    assert_true(descriptor.enumerable, name);
    assert_throws_js(TypeError, () => descriptor.get.call({}), name);
  }
  for (const name of ["error", "redirect", "json"]) {
    assert_true(Object.getOwnPropertyDescriptor(Response, name).enumerable, name);
  }
  assert_equals(Response.redirect.length, 1);
  assert_equals(Response.json.length, 1);
  assert_equals(Response.error.length, 0);
  assert_equals(String(new Response()), "[object Response]");
}, "Response members follow WebIDL");

promise_test(async () => {
  const response = new Response("x", { status: 299, statusText: "Fine" });
  assert_equals(await response.text(), "x");
  assert_equals(response.status, 299);
}, "A body with a non-null-body status");
