// File (https://w3c.github.io/FileAPI/#file-section).

test(() => {
  assert_equals(File.length, 2);
  assert_true(File.prototype instanceof Blob);
  assert_equals(Object.getPrototypeOf(File), Blob);
  assert_throws_js(TypeError, () => new File());
  assert_throws_js(TypeError, () => new File([]));
  assert_throws_js(TypeError, () => File([], "x"));
}, "File needs two arguments and new");

promise_test(async () => {
  const file = new File(["a", new Uint8Array([98]), new Blob(["c"])], "name.txt", { type: "Text/Plain", lastModified: 42 });
  assert_equals(file.name, "name.txt");
  assert_equals(file.size, 3);
  assert_equals(file.type, "text/plain");
  assert_equals(file.lastModified, 42);
  assert_equals(await file.text(), "abc");
  assert_equals(String(file), "[object File]");
}, "A File has bits, a name, a type and lastModified");

test(() => {
  const before = Date.now();
  const file = new File([], "x");
  const after = Date.now();
  assert_true(file.lastModified >= before && file.lastModified <= after, "now by default");
  assert_equals(typeof file.lastModified, "number");
}, "lastModified defaults to now");

test(() => {
  assert_equals(new File([], "a/b").name, "a/b", "no replacement of slashes");
  assert_equals(new File([], null).name, "null");
  assert_equals(new File([], 1).name, "1");
  assert_equals(new File([], "").name, "");
  assert_equals(new File([], "\ud800x").name, "\ufffdx", "USVString");
}, "name is the USVString fileName");

test(() => {
  assert_equals(new File([], "x", { lastModified: -1 }).lastModified, -1);
  assert_equals(new File([], "x", { lastModified: 1.9 }).lastModified, 1);
  assert_equals(new File([], "x", { lastModified: "12" }).lastModified, 12);
  assert_equals(new File([], "x", { lastModified: NaN }).lastModified, 0);
  assert_equals(new File([], "x", { lastModified: 2 ** 64 }).lastModified, 0, "long long wraps modulo 2^64");
  assert_equals(new File([], "x", { lastModified: null }).lastModified, 0);
}, "lastModified is a long long");

test(() => {
  const log = [];
  const error = new Error("stop");
  assert_throws_exactly(error, () => new File([{ toString() { log.push("bits"); throw error; } }],
    { toString() { log.push("name"); return "n"; } }));
  assert_array_equals(log, ["bits"]);
  log.length = 0;
  new File([{ toString() { log.push("bits"); return ""; } }], { toString() { log.push("name"); return "n"; } },
    { get lastModified() { log.push("lastModified"); return 1; }, get type() { log.push("type"); return ""; }, get endings() { log.push("endings"); return "native"; } });
  assert_array_equals(log, ["bits", "name", "endings", "type", "lastModified"]);
}, "Arguments convert left to right, options in dictionary order (Blob members first)");

promise_test(async () => {
  const file = new File(["a\r\nb"], "x", { endings: "native" });
  assert_equals(await file.text(), "a\nb");
}, "File honours endings");

test(() => {
  for (const options of [1, "x", true]) assert_throws_js(TypeError, () => new File([], "x", options));
  for (const options of [null, undefined, [], () => {}]) assert_equals(new File(["ab"], "x", options).size, 2);
}, "Options must be a dictionary");

test(() => {
  assert_throws_js(TypeError, () => Object.getOwnPropertyDescriptor(File.prototype, "name").get.call(new Blob()));
  assert_throws_js(TypeError, () => Object.getOwnPropertyDescriptor(File.prototype, "lastModified").get.call(new Blob()));
  const size = Object.getOwnPropertyDescriptor(Blob.prototype, "size").get;
  assert_equals(size.call(new File(["ab"], "x")), 2, "Blob members work on Files");
}, "File members are brand checked");

test(() => {
  assert_equals(new File([], "x", { name: "other" }).name, "x");
}, "Unknown option members are ignored");
