// application/x-www-form-urlencoded bodies: parsing in Body.formData() and
// URLSearchParams bodies (https://url.spec.whatwg.org/#application/x-www-form-urlencoded).

function parse(body, type = "application/x-www-form-urlencoded") {
  return new Response(body, { headers: { "content-type": type } }).formData();
}

const cases = [
  ["a=1&b=2", [["a", "1"], ["b", "2"]]],
  ["a=1&&b=2&", [["a", "1"], ["b", "2"]]],
  ["a", [["a", ""]]],
  ["=v", [["", "v"]]],
  ["a==b", [["a", "=b"]]],
  ["a+b=c+d", [["a b", "c d"]]],
  ["%41%42=%e2%9c%93", [["AB", "✓"]]],
  ["%zz=%4", [["%zz", "%4"]]],
  ["%2B=%26", [["+", "&"]]],
  ["a=%FF", [["a", "\ufffd"]]],
  ["é=ü", [["é", "ü"]]],
  ["", []],
  ["&&&", []],
  ["a=1&a=2", [["a", "1"], ["a", "2"]]],
  ["%EF%BB%BFa=1", [["\ufeffa", "1"]]],
];
for (const [body, expected] of cases) {
  promise_test(async () => {
    const fd = await parse(body);
    const entries = [...fd];
    assert_equals(entries.length, expected.length, "entries");
    for (let i = 0; i < expected.length; i++) {
      assert_equals(entries[i][0], expected[i][0]);
      assert_equals(entries[i][1], expected[i][1]);
    }
  }, `formData() parses ${JSON.stringify(body)}`);
}

promise_test(async () => {
  const fd = await parse("a=1", "Application/X-WWW-Form-URLEncoded; charset=utf-8");
  assert_equals(fd.get("a"), "1");
}, "The essence is matched case-insensitively, parameters ignored");

promise_test(async (t) => {
  await promise_rejects_js(t, TypeError, parse("a=1", "text/plain"));
  await promise_rejects_js(t, TypeError, new Response("a=1").formData(), "text/plain;charset=UTF-8 is not a form");
  await promise_rejects_js(t, TypeError, new Response("a=1", { headers: { "content-type": "" } }).formData());
  const noType = new Response(new Uint8Array([97, 61, 49]));
  await promise_rejects_js(t, TypeError, noType.formData(), "no Content-Type at all");
}, "formData() rejects other MIME types");

promise_test(async () => {
  const params = new URLSearchParams();
  params.append("a b", "c&d");
  params.append("é", "=");
  const response = new Response(params);
  assert_equals(response.headers.get("content-type"), "application/x-www-form-urlencoded;charset=UTF-8");
  assert_equals(await response.text(), "a+b=c%26d&%C3%A9=%3D");
  const request = new Request("https://example.com/", { method: "POST", body: params });
  const fd = await request.formData();
  assert_equals(fd.get("a b"), "c&d");
  assert_equals(fd.get("é"), "=");
}, "URLSearchParams bodies serialize as application/x-www-form-urlencoded and parse back");

promise_test(async () => {
  const params = new URLSearchParams("x=1");
  const response = new Response(params);
  params.append("y", "2");
  assert_equals(await response.text(), "x=1", "the body is serialized at construction");
}, "A URLSearchParams body is a snapshot");

promise_test(async () => {
  const params = new URLSearchParams("a=1&b=2");
  const original = URLSearchParams.prototype.toString;
  URLSearchParams.prototype.toString = () => "patched=1";
  try {
    assert_equals(await new Response(params).text(), "a=1&b=2");
  } finally {
    URLSearchParams.prototype.toString = original;
  }
}, "A URLSearchParams body is serialized from its list, not through a patched toString()");
