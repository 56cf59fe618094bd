// Blob.prototype.stream() (a byte ReadableStream) and structured cloning of Blob and File.

function ascii(bytes) {
  return String.fromCharCode(...bytes);
}

async function readAll(stream) {
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  while (true) {
    const { value, done } = await reader.read();
    if (done) break;
    assert_true(value instanceof Uint8Array, "chunks are Uint8Arrays");
    chunks.push(value);
    total += value.length;
  }
  const result = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    result.set(chunk, offset);
    offset += chunk.length;
  }
  return result;
}

promise_test(async () => {
  const stream = new Blob(["hello ", "world"]).stream();
  assert_true(stream instanceof ReadableStream);
  const bytes = await readAll(stream);
  assert_equals(ascii(bytes), "hello world");
}, "stream() yields the Blob's bytes");

promise_test(async () => {
  const reader = new Blob().stream().getReader();
  const { done } = await reader.read();
  assert_true(done);
}, "An empty Blob's stream closes at once");

promise_test(async () => {
  const blob = new Blob(["0123456789"]);
  const reader = blob.stream().getReader({ mode: "byob" });
  let result = await reader.read(new Uint8Array(4));
  assert_array_equals(Array.from(result.value), [48, 49, 50, 51]);
  result = await reader.read(new Uint8Array(100));
  assert_equals(ascii(result.value), "456789");
  result = await reader.read(new Uint8Array(4));
  assert_true(result.done);
  assert_equals(result.value.byteLength, 0);
}, "stream() is a byte stream readable with a BYOB reader");

promise_test(async () => {
  const blob = new Blob(["abc"]);
  const a = await readAll(blob.stream());
  const b = await readAll(blob.stream());
  assert_array_equals(Array.from(a), Array.from(b));
  a[0] = 0;
  assert_equals(await blob.text(), "abc");
}, "Each stream() reads independently and hands out copies");

promise_test(async () => {
  const large = new Uint8Array(200000).fill(7);
  const bytes = await readAll(new Blob([large]).stream());
  assert_equals(bytes.length, 200000);
  assert_equals(bytes[199999], 7);
}, "stream() of a large Blob");

promise_test(async () => {
  const stream = new Blob(["abc"]).stream();
  await stream.cancel("reason");
  const { done } = await stream.getReader().read();
  assert_true(done);
}, "A Blob stream can be cancelled");

promise_test(async () => {
  const blob = new Blob(["data"], { type: "text/x" });
  const copy = structuredClone(blob);
  assert_not_equals(copy, blob);
  assert_true(copy instanceof Blob);
  assert_false(copy instanceof File);
  assert_equals(copy.type, "text/x");
  assert_equals(await copy.text(), "data");
}, "structuredClone of a Blob");

promise_test(async () => {
  const file = new File(["bits"], "name.bin", { type: "application/x-test", lastModified: 1234 });
  const copy = structuredClone(file);
  assert_true(copy instanceof File);
  assert_equals(copy.name, "name.bin");
  assert_equals(copy.type, "application/x-test");
  assert_equals(copy.lastModified, 1234);
  assert_equals(await copy.text(), "bits");
}, "structuredClone of a File");

promise_test(async () => {
  const blob = new Blob(["x"]);
  const copy = structuredClone({ list: [blob, blob] });
  assert_equals(copy.list[0], copy.list[1], "one Blob cloned once");
  assert_equals(await copy.list[0].text(), "x");
}, "structuredClone keeps shared Blob references");
