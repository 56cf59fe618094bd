// multipart/form-data: serialization of FormData bodies (HTML's encoding algorithm) and
// parsing in Body.formData(), round trips with binary files and odd names.

const prefix = "multipart/form-data; boundary=";

function boundaryOf(response) {
  const type = response.headers.get("content-type");
  assert_true(type.startsWith(prefix), type);
  return type.slice(prefix.length);
}

async function latin1(response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

function parse(body, boundary = "B") {
  return new Response(body, { headers: { "content-type": `multipart/form-data; boundary=${boundary}` } }).formData();
}

function lines(...parts) {
  return parts.join("\r\n");
}

test(() => {
  const b1 = boundaryOf(new Response(new FormData()));
  const b2 = boundaryOf(new Response(new FormData()));
  assert_not_equals(b1, b2, "random per body");
  assert_regexp_match(b1, /^[0-9A-Za-z-]{27,70}$/);
}, "The boundary is random, 27 to 70 alphanumerics or dashes");

promise_test(async () => {
  const response = new Response(new FormData());
  const boundary = boundaryOf(response);
  assert_equals(await latin1(response), `--${boundary}--\r\n`);
}, "An empty FormData serializes to the close delimiter");

promise_test(async () => {
  const fd = new FormData();
  fd.append("text", "value");
  fd.append("file", new File(["contents"], "f.txt", { type: "text/plain" }));
  fd.append("blob", new Blob(["b"]));
  const response = new Response(fd);
  const b = boundaryOf(response);
  assert_equals(await latin1(response), lines(
    `--${b}`, `Content-Disposition: form-data; name="text"`, "", "value",
    `--${b}`, `Content-Disposition: form-data; name="file"; filename="f.txt"`, "Content-Type: text/plain", "", "contents",
    `--${b}`, `Content-Disposition: form-data; name="blob"; filename="blob"`, "Content-Type: application/octet-stream", "", "b",
    `--${b}--`, ""));
}, "Serialization of strings, Files and Blobs (application/octet-stream when untyped)");

const nameCases = [["a\nb", "a%0D%0Ab"], ["a\rb", "a%0D%0Ab"], ["a\r\nb", "a%0D%0Ab"], ["a\n\rb", "a%0D%0A%0D%0Ab"],
  ['a"b', "a%22b"], ["a%22b", "a%22b"], ["a\\b", "a\\b"], ["é", "\xc3\xa9"]];
for (const [name, expected] of nameCases) {
  promise_test(async () => {
    const fd = new FormData();
    fd.append(name, "v");
    const response = new Response(fd);
    const b = boundaryOf(response);
    assert_equals(await latin1(response), lines(`--${b}`, `Content-Disposition: form-data; name="${expected}"`, "", "v", `--${b}--`, ""));
  }, `Names are newline-normalized then escaped: ${JSON.stringify(name)}`);
}

const filenameCases = [["a\nb", "a%0Ab"], ["a\rb", "a%0Db"], ["a\r\nb", "a%0D%0Ab"], ['a"b', "a%22b"], ["ü.txt", "\xc3\xbc.txt"]];
for (const [filename, expected] of filenameCases) {
  promise_test(async () => {
    const fd = new FormData();
    fd.append("f", new File([], filename, { type: "x/y" }));
    const response = new Response(fd);
    const b = boundaryOf(response);
    assert_equals(await latin1(response), lines(`--${b}`, `Content-Disposition: form-data; name="f"; filename="${expected}"`,
      "Content-Type: x/y", "", "", `--${b}--`, ""));
  }, `Filenames are escaped without newline normalization: ${JSON.stringify(filename)}`);
}

promise_test(async () => {
  const fd = new FormData();
  fd.append("v", "a\nb\rc\r\nd");
  const response = new Response(fd);
  const b = boundaryOf(response);
  assert_equals(await latin1(response), lines(`--${b}`, `Content-Disposition: form-data; name="v"`, "", "a\r\nb\r\nc\r\nd", `--${b}--`, ""));
}, "String values are newline-normalized, not escaped");

promise_test(async () => {
  const fd = new FormData();
  fd.append("a", "1");
  const response = new Response(fd);
  fd.append("b", "2");
  const parsed = await response.formData();
  assert_array_equals([...parsed.keys()], ["a"]);
}, "The body is a snapshot of the entries");

promise_test(async () => {
  const binary = new Uint8Array(256);
  for (let i = 0; i < 256; i++) binary[i] = i;
  const fd = new FormData();
  fd.append("text", "héllo wörld ✓");
  fd.append("bin", new File([binary, "\r\n--", binary], "bin.dat", { type: "application/octet-stream" }));
  fd.append("empty", new File([], "empty.txt", { type: "text/plain" }));
  fd.append("odd", new File(["x"], "we\"ird\nname.txt", { type: "text/x" }));
  fd.append("text", "");
  const parsed = await new Response(fd).formData();
  assert_array_equals([...parsed.keys()], ["text", "bin", "empty", "odd", "text"]);
  assert_equals(parsed.getAll("text")[0], "héllo wörld ✓");
  assert_equals(parsed.getAll("text")[1], "");
  const bin = parsed.get("bin");
  assert_true(bin instanceof File);
  assert_equals(bin.name, "bin.dat");
  assert_equals(bin.type, "application/octet-stream");
  const bytes = new Uint8Array(await bin.arrayBuffer());
  assert_equals(bytes.length, 516);
  for (let i = 0; i < 256; i++) {
    assert_equals(bytes[i], i);
    assert_equals(bytes[260 + i], i);
  }
  assert_equals(parsed.get("empty").size, 0);
  assert_equals(parsed.get("odd").name, "we%22ird%0Aname.txt", "escaping is one-way");
}, "Round trip of text, binary files, empty files and odd filenames");

promise_test(async () => {
  const fd = await parse(lines("--B", 'Content-Disposition: form-data; name="f"; filename="a.txt"', "", "data", "--B--", ""));
  const file = fd.get("f");
  assert_equals(file.type, "text/plain", "text/plain when a file part has no Content-Type");
  assert_equals(file.lastModified, 0);
}, "Parsed file parts default to text/plain");

const parseCases = [
  ["transport padding after delimiters", lines("--B \t", 'Content-Disposition: form-data; name="a"', "", "v", "--B-- ", ""), [["a", "v"]]],
  ["an epilogue", lines("--B", 'Content-Disposition: form-data; name="a"', "", "v", "--B--", "epilogue"), [["a", "v"]]],
  ["no CRLF after the close delimiter", lines("--B", 'Content-Disposition: form-data; name="a"', "", "v", "--B--"), [["a", "v"]]],
  ["case-insensitive header names", lines("--B", 'content-disposition: form-data; name="a"', "", "v", "--B--", ""), [["a", "v"]]],
  ["unknown headers", lines("--B", 'Content-Disposition: form-data; name="a"', "X-Y: z", "", "v", "--B--", ""), [["a", "v"]]],
  ["a value with the boundary text inside", lines("--B", 'Content-Disposition: form-data; name="a"', "", "x--B y", "--B--", ""), [["a", "x--B y"]]],
  ["a value with CRLF", lines("--B", 'Content-Disposition: form-data; name="a"', "", "1", "2", "--B--", ""), [["a", "1\r\n2"]]],
  ["percent sequences kept", lines("--B", 'Content-Disposition: form-data; name="a%22b%0A"', "", "v", "--B--", ""), [['a%22b%0A', "v"]]],
  ["unquoted name", lines("--B", "Content-Disposition: form-data; name=a", "", "v", "--B--", ""), [["a", "v"]]],
  ["several parts", lines("--B", 'Content-Disposition: form-data; name="a"', "", "1", "--B", 'Content-Disposition: form-data; name="a"', "", "2", "--B--", ""), [["a", "1"], ["a", "2"]]],
];
for (const [description, body, expected] of parseCases) {
  promise_test(async () => {
    const fd = await parse(body);
    const entries = [...fd];
    assert_equals(entries.length, expected.length);
    for (let i = 0; i < expected.length; i++) {
      assert_equals(entries[i][0], expected[i][0]);
      assert_equals(entries[i][1], expected[i][1]);
    }
  }, `Parse ${description}`);
}

promise_test(async () => {
  const fd = await parse(lines("--B", 'Content-Disposition: form-data; name="f"; filename="x"', "Content-Type: TEXT/HTML;Charset=\"utf-8\"", "", "v", "--B--", ""));
  assert_equals(fd.get("f").type, "text/html;charset=utf-8", "parsed and serialized as a MIME type");
  const invalid = await parse(lines("--B", 'Content-Disposition: form-data; name="f"; filename="x"', "Content-Type: nonsense", "", "v", "--B--", ""));
  assert_equals(invalid.get("f").type, "");
}, "A part's Content-Type is a MIME type");

const failureCases = [
  ["a preamble", lines("preamble", "--B", 'Content-Disposition: form-data; name="a"', "", "v", "--B--", "")],
  ["junk after the close delimiter", lines("--B", 'Content-Disposition: form-data; name="a"', "", "v", "--B--junk", "")],
  ["a part without headers", lines("--B", "", "v", "--B--", "")],
  ["a part without Content-Disposition", lines("--B", "Content-Type: text/plain", "", "v", "--B--", "")],
  ["a header without colon", lines("--B", 'Content-Disposition form-data; name="a"', "", "v", "--B--", "")],
  ["a header name that is not a token", lines("--B", 'Content-Disposition: form-data; name="a"', "A B: c", "", "v", "--B--", "")],
  ["NUL in a header", lines("--B", 'Content-Disposition: form-data; name="a\0"', "", "v", "--B--", "")],
  ["a bare LF in a header", lines("--B", 'Content-Disposition: form-data; name="a\nb"', "", "v", "--B--", "")],
  ["no close delimiter", lines("--B", 'Content-Disposition: form-data; name="a"', "", "v")],
  ["no CRLF before the delimiter", lines("--B", 'Content-Disposition: form-data; name="a"', "", "v--B--", "")],
  ["nothing after the first delimiter", "--B"],
  ["an empty body", ""],
  ["a part without a name", lines("--B", "Content-Disposition: form-data", "", "v", "--B--", "")],
  ["a disposition other than form-data", lines("--B", 'Content-Disposition: attachment; name="a"', "", "v", "--B--", "")],
];
for (const [description, body] of failureCases) {
  promise_test(async (t) => {
    await promise_rejects_js(t, TypeError, parse(body));
  }, `Parse failure: ${description}`);
}

promise_test(async (t) => {
  const body = lines("--B", 'Content-Disposition: form-data; name="a"', "", "v", "--B--", "");
  await promise_rejects_js(t, TypeError, new Response(body, { headers: { "content-type": "multipart/form-data" } }).formData());
  await promise_rejects_js(t, TypeError, new Response(body, { headers: { "content-type": 'multipart/form-data; boundary=""' } }).formData());
  const quoted = await new Response(lines("--a(b)", 'Content-Disposition: form-data; name="a"', "", "v", "--a(b)--", ""),
    { headers: { "content-type": 'multipart/form-data; boundary="a(b)"' } }).formData();
  assert_equals(quoted.get("a"), "v");
}, "The boundary parameter is required, non-empty, and may be quoted");

promise_test(async () => {
  const bytes = new Uint8Array([...new TextEncoderLike().encode('--B\r\nContent-Disposition: form-data; name="a'), 0xff,
    ...new TextEncoderLike().encode('"\r\n\r\nb'), 0xfe, ...new TextEncoderLike().encode("\r\n--B--\r\n")]);
  const fd = await parse(bytes);
  assert_equals(fd.get("a\ufffd"), "b\ufffd");
}, "Names and values are decoded as UTF-8 with replacement");

// A tiny UTF-8 encoder for ASCII test data (TextEncoder belongs to another module).
function TextEncoderLike() {}
TextEncoderLike.prototype.encode = (s) => Array.from(s, (c) => c.charCodeAt(0));
