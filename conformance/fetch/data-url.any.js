// fetch() of data: URLs: the Fetch Standard's data: URL processor.
"use strict";

// [url, expected Content-Type or null for a network error, expected body bytes]
const cases = [
  ["data:,hello", "text/plain;charset=US-ASCII", "hello"],
  ["data:,", "text/plain;charset=US-ASCII", ""],
  ["data:text/plain,hi", "text/plain", "hi"],
  ["data:text/html;charset=utf-8,<b>", "text/html;charset=utf-8", "<b>"],
  ["data:TEXT/HTML;CHARSET=UTF-8,x", "text/html;charset=UTF-8", "x"],
  ["data:image/png,x", "image/png", "x"],
  ["data:invalid,x", "text/plain;charset=US-ASCII", "x"],
  ["data:text/,x", "text/plain;charset=US-ASCII", "x"],
  ["data:/plain,x", "text/plain;charset=US-ASCII", "x"],
  ["data:;charset=utf-8,x", "text/plain;charset=utf-8", "x"],
  ["data:;,x", "text/plain", "x"],
  ["data:text/plain;a=1;a=2,x", "text/plain;a=1", "x"],
  ["data:text/plain;charset=\"utf-8\",x", "text/plain;charset=utf-8", "x"],
  ["data:text/plain;p=\"a;b\",x", "text/plain;p=\"a;b\"", "x"],
  ["data:text/plain;x,x", "text/plain", "x"],
  ["data: text/plain ,x", "text/plain", "x"],
  ["data:;base64,aGVsbG8=", "text/plain;charset=US-ASCII", "hello"],
  ["data:text/plain;base64,aGVsbG8", "text/plain", "hello"],
  ["data:text/plain;base64,aGk=", "text/plain", "hi"],
  ["data:text/plain;base64,aGk", "text/plain", "hi"],
  ["data:text/plain;BASE64,aGk=", "text/plain", "hi"],
  ["data:text/plain;Base64,aGk=", "text/plain", "hi"],
  ["data:text/plain; base64,aGk=", "text/plain", "hi"],
  ["data:text/plain;  base64,aGk=", "text/plain", "hi"],
  ["data:text/plain ;base64,aGk=", "text/plain", "hi"],
  ["data:text/plain;base64 ,aGk=", "text/plain", "hi"],
  ["data:text/plain;xbase64,aGk=", "text/plain", "aGk="],
  ["data:text/plain;base64x,aGk=", "text/plain", "aGk="],
  ["data:text/plain;base64;base64,aGk=", "text/plain", "hi"],
  ["data:text/plain;base64=x,aGk=", "text/plain;base64=x", "aGk="],
  ["data:base64,aGk=", "text/plain;charset=US-ASCII", "aGk="],
  ["data:;base64,", "text/plain;charset=US-ASCII", ""],
  ["data:;base64,a", null, null],
  ["data:;base64,aGk==", null, null],
  ["data:;base64,aGk===", null, null],
  ["data:;base64,a===", null, null],
  ["data:;base64,aG!k", null, null],
  ["data:;base64,aG=k", null, null],
  ["data:;base64,%61%47%6B%3D", "text/plain;charset=US-ASCII", "hi"],
  ["data:;base64,a%20G%09k%0A=", "text/plain;charset=US-ASCII", "hi"],
  ["data:;base64,YQ==", "text/plain;charset=US-ASCII", "a"],
  ["data:;base64,YWI=", "text/plain;charset=US-ASCII", "ab"],
  ["data:;base64,YWJj", "text/plain;charset=US-ASCII", "abc"],
  ["data:;base64,/w==", "text/plain;charset=US-ASCII", [0xff]],
  ["data:;base64,+/+/", "text/plain;charset=US-ASCII", [0xfb, 0xff, 0xbf]],
  ["data:;base64,-_", null, null],
  ["data:,%E2%82%AC", "text/plain;charset=US-ASCII", [0xe2, 0x82, 0xac]],
  ["data:,%e2%82%ac", "text/plain;charset=US-ASCII", [0xe2, 0x82, 0xac]],
  ["data:,a%2", "text/plain;charset=US-ASCII", "a%2"],
  ["data:,a%zz", "text/plain;charset=US-ASCII", "a%zz"],
  ["data:,%", "text/plain;charset=US-ASCII", "%"],
  ["data:,%00%FF", "text/plain;charset=US-ASCII", [0, 0xff]],
  ["data:,\u20ac", "text/plain;charset=US-ASCII", [0xe2, 0x82, 0xac]],
  ["data:,a,b,c", "text/plain;charset=US-ASCII", "a,b,c"],
  ["data:,hello#fragment", "text/plain;charset=US-ASCII", "hello"],
  ["data:,hello?query", "text/plain;charset=US-ASCII", "hello?query"],
  ["data:text/plain", null, null],
  ["data:", null, null],
  ["data:%2C", null, null],
  ["DATA:,upper", "text/plain;charset=US-ASCII", "upper"],
];

function toBytes(expected) {
  return typeof expected === "string" ? Array.from(new TextEncoder().encode(expected)) : expected;
}

for (const [url, contentType, body] of cases) {
  promise_test(async (t) => {
    if (contentType === null) {
      await promise_rejects_js(t, TypeError, fetch(url));
      return;
    }
    const response = await fetch(url);
    assert_equals(response.status, 200, "status");
    assert_equals(response.statusText, "OK", "statusText");
    assert_equals(response.headers.get("content-type"), contentType, "Content-Type");
    assert_array_equals([...response.headers.keys()], ["content-type"], "the only header");
    const bytes = new Uint8Array(await response.arrayBuffer());
    assert_array_equals(Array.from(bytes), toBytes(body), "body");
  }, `fetch(${JSON.stringify(url)})`);
}

promise_test(async (t) => {
  const response = await fetch("data:text/plain,abc#frag");
  assert_equals(response.type, "basic");
  assert_equals(response.url, "data:text/plain,abc");
  assert_false(response.redirected);
  assert_true(response.ok);
}, "data: URL response fields");

promise_test(async (t) => {
  const response = await fetch("data:,posted", { method: "POST", body: "ignored" });
  assert_equals(await response.text(), "posted");
}, "any method works for data: URLs");

promise_test(async (t) => {
  const response = await fetch("data:,head", { method: "HEAD" });
  assert_equals(response.status, 200);
  assert_equals(response.headers.get("content-type"), "text/plain;charset=US-ASCII");
  assert_equals(response.body, null, "main fetch nulls the body of HEAD responses");
  assert_equals(await response.text(), "");
}, "HEAD of a data: URL has a null body");

promise_test(async (t) => {
  const controller = new AbortController();
  controller.abort();
  await promise_rejects_dom(t, "AbortError", fetch("data:,x", { signal: controller.signal }));
}, "an aborted signal rejects a data: URL fetch");

promise_test(async (t) => {
  const bytes = new Uint8Array(1 << 20);
  for (let i = 0; i < bytes.length; i++) bytes[i] = i & 0xff;
  let binary = "";
  for (let i = 0; i < bytes.length; i += 8192) binary += String.fromCharCode(...bytes.subarray(i, i + 8192));
  const response = await fetch("data:application/octet-stream;base64," + btoa(binary));
  const out = new Uint8Array(await response.arrayBuffer());
  assert_equals(out.length, bytes.length);
  let same = true;
  for (let i = 0; i < out.length; i++) if (out[i] !== bytes[i]) { same = false; break; }
  assert_true(same);
}, "a 1 MB base64 data: URL");

promise_test(async (t) => {
  const response = await fetch("data:,stream");
  const reader = response.body.getReader({ mode: "byob" });
  const { value } = await reader.read(new Uint8Array(100));
  assert_equals(new TextDecoder().decode(value), "stream");
}, "a data: URL body is a byte stream");

promise_test(async (t) => {
  const response = await fetch(new Request("data:,via-request"));
  assert_equals(await response.text(), "via-request");
}, "a Request with a data: URL");
