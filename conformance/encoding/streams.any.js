// TextEncoderStream and TextDecoderStream.
// https://encoding.spec.whatwg.org/#interface-textdecoderstream, #interface-textencoderstream

function readableFrom(chunks) {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function collect(readable) {
  const reader = readable.getReader();
  const chunks = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

test(() => {
  const encoder = new TextEncoderStream();
  assert_equals(encoder.encoding, "utf-8");
  assert_true(encoder.readable instanceof ReadableStream);
  assert_true(encoder.writable instanceof WritableStream);
  assert_equals(encoder.readable, encoder.readable, "the same stream each time");
  const decoder = new TextDecoderStream("Shift_JIS", { fatal: true, ignoreBOM: true });
  assert_equals(decoder.encoding, "shift_jis");
  assert_true(decoder.fatal);
  assert_true(decoder.ignoreBOM);
  assert_false(new TextDecoderStream().fatal);
  assert_equals(new TextDecoderStream().encoding, "utf-8");
  assert_throws_js(RangeError, () => new TextDecoderStream("bogus"));
  assert_throws_js(RangeError, () => new TextDecoderStream("iso-2022-kr"), "replacement");
  assert_equals(typeof ReadableStream.prototype.getReader.call(decoder.readable), "object");
  assert_equals(typeof WritableStream.prototype.getWriter.call(decoder.writable), "object");
}, "Attributes of TextEncoderStream and TextDecoderStream");

test(() => {
  for (const [Class, attributes] of [[TextEncoderStream, ["encoding", "readable", "writable"]],
    [TextDecoderStream, ["encoding", "fatal", "ignoreBOM", "readable", "writable"]]]) {
    assert_equals(Class.length, 0);
    assert_equals(Object.prototype.toString.call(new Class()), `[object ${Class.name}]`);
    for (const name of attributes) {
      const descriptor = Object.getOwnPropertyDescriptor(Class.prototype, name);
      assert_equals(typeof descriptor.get, "function", `${Class.name}.${name}`);
      assert_true(descriptor.enumerable, `${Class.name}.${name} enumerable`);
      assert_throws_js(TypeError, () => descriptor.get.call({}), `${Class.name}.${name} brand check`);
    }
    assert_throws_js(TypeError, () => Class(), "needs new");
  }
}, "Interface shape of the text streams");

promise_test(async () => {
  const output = readableFrom([new Uint8Array([0x49, 0x20, 0xF0, 0x9F, 0x92, 0x99, 0x20, 0x73])])
    .pipeThrough(new TextDecoderStream());
  assert_array_equals(await collect(output), ["I \u{1F499} s"]);
}, "TextDecoderStream decodes a chunk");

promise_test(async () => {
  const bytes = [0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0x41];
  for (let split = 0; split <= bytes.length; split++) {
    const chunks = [new Uint8Array(bytes.slice(0, split)), new Uint8Array(bytes.slice(split))];
    const output = await collect(readableFrom(chunks).pipeThrough(new TextDecoderStream()));
    assert_equals(output.join(""), "\u20AC\u{1F600}A", `split at ${split}`);
    assert_false(output.includes(""), "empty strings are not enqueued");
  }
}, "TextDecoderStream joins characters split between chunks");

promise_test(async () => {
  const output = await collect(readableFrom([new Uint8Array([0x41, 0xE2, 0x82])]).pipeThrough(new TextDecoderStream()));
  assert_array_equals(output, ["A", "\uFFFD"], "the incomplete sequence is flushed as U+FFFD");
}, "TextDecoderStream flush emits an error for an incomplete sequence");

promise_test(async (t) => {
  const stream = new TextDecoderStream("utf-8", { fatal: true });
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const write = writer.write(new Uint8Array([0xFF]));
  const read = reader.read();
  await promise_rejects_js(t, TypeError, write);
  await promise_rejects_js(t, TypeError, read);
}, "TextDecoderStream in fatal mode errors the streams on invalid input");

promise_test(async (t) => {
  const stream = new TextDecoderStream("utf-8", { fatal: true });
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  writer.write(new Uint8Array([0xE2]));
  const close = writer.close();
  await promise_rejects_js(t, TypeError, reader.read());
  await promise_rejects_js(t, TypeError, close);
}, "TextDecoderStream in fatal mode errors the streams on an incomplete sequence at the end");

for (const [name, chunk] of [["undefined", undefined], ["null", null], ["a number", 3.14], ["an object", {}],
  ["an array", [65]], ["a string", "A"]]) {
  promise_test(async (t) => {
    const stream = new TextDecoderStream();
    const writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    const write = writer.write(chunk);
    const read = reader.read();
    await promise_rejects_js(t, TypeError, write);
    await promise_rejects_js(t, TypeError, read);
  }, `TextDecoderStream: a chunk that is ${name} errors the stream`);
}

promise_test(async () => {
  const buffer = new ArrayBuffer(3);
  const view = new Uint8Array(buffer, 1, 1);
  view[0] = 0x41;
  if (typeof buffer.transfer === "function") buffer.transfer();
  const output = await collect(readableFrom([view, new ArrayBuffer(0)]).pipeThrough(new TextDecoderStream()));
  assert_array_equals(output, []);
}, "TextDecoderStream: detached and empty chunks give no output");

promise_test(async () => {
  const chunks = [new Uint8Array([0xFF, 0xFE]), new DataView(new Uint8Array([0x41, 0x00]).buffer),
    new Uint16Array([0x42]).buffer];
  const output = await collect(readableFrom(chunks).pipeThrough(new TextDecoderStream("utf-16le")));
  assert_equals(output.join(""), "AB");
}, "TextDecoderStream accepts any buffer source and removes a BOM");

promise_test(async () => {
  const output = await collect(readableFrom([new Uint8Array([0xEF, 0xBB, 0xBF, 0x41])])
    .pipeThrough(new TextDecoderStream("utf-8", { ignoreBOM: true })));
  assert_array_equals(output, ["\uFEFFA"]);
}, "TextDecoderStream with ignoreBOM keeps the BOM");

promise_test(async () => {
  const output = await collect(readableFrom([new Uint8Array([0x82]), new Uint8Array([0xA0, 0x1B, 0x28, 0x4A, 0x5C])])
    .pipeThrough(new TextDecoderStream("shift_jis")));
  assert_equals(output.join(""), "\u3042\x1B(J\\");
}, "TextDecoderStream decodes legacy encodings across chunks");

promise_test(async () => {
  const output = await collect(readableFrom(["a", "é", "", "\u{1F600}"]).pipeThrough(new TextEncoderStream()));
  assert_equals(output.length, 3, "no chunk for the empty string");
  assert_true(output.every((c) => c instanceof Uint8Array));
  assert_array_equals(output[0], [0x61]);
  assert_array_equals(output[1], [0xC3, 0xA9]);
  assert_array_equals(output[2], [0xF0, 0x9F, 0x98, 0x80]);
}, "TextEncoderStream encodes chunks as UTF-8");

promise_test(async () => {
  const cases = [
    [["\uD83D", "\uDE00"], [0xF0, 0x9F, 0x98, 0x80], "a pair split between chunks"],
    [["\uD83D", "", "\uDE00"], [0xF0, 0x9F, 0x98, 0x80], "an empty chunk between the halves"],
    [["\uD83D", "A"], [0xEF, 0xBF, 0xBD, 0x41], "a lead surrogate followed by another character"],
    [["\uD83D", "\uD83D", "\uDE00"], [0xEF, 0xBF, 0xBD, 0xF0, 0x9F, 0x98, 0x80], "a lead surrogate twice"],
    [["\uDE00"], [0xEF, 0xBF, 0xBD], "a lone trail surrogate"],
    [["A\uD83D"], [0x41, 0xEF, 0xBF, 0xBD], "a lead surrogate at the end (flushed)"],
    [["\uD83D\uDE00\uD83D", "\uDE00"], [0xF0, 0x9F, 0x98, 0x80, 0xF0, 0x9F, 0x98, 0x80], "a pair, then a split pair"],
  ];
  for (const [chunks, bytes, name] of cases) {
    const output = await collect(readableFrom(chunks).pipeThrough(new TextEncoderStream()));
    const joined = [];
    for (const chunk of output) joined.push(...chunk);
    assert_array_equals(joined, bytes, name);
  }
}, "TextEncoderStream joins surrogate pairs split between chunks");

promise_test(async (t) => {
  const error = new Error("no string");
  const stream = new TextEncoderStream();
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const write = writer.write({ toString() { throw error; } });
  const read = reader.read();  // relieves backpressure, so the chunk reaches the transform
  await promise_rejects_exactly(t, error, write);
  await promise_rejects_exactly(t, error, read);
  await promise_rejects_exactly(t, error, reader.closed);
  await promise_rejects_exactly(t, error, writer.closed);
}, "TextEncoderStream: a chunk that cannot become a string errors the streams");

promise_test(async () => {
  const output = await collect(readableFrom([undefined, null, 3.14, {}, ["hi"]])
    .pipeThrough(new TextEncoderStream()).pipeThrough(new TextDecoderStream()));
  assert_equals(output.join(""), "undefinednull3.14[object Object]hi");
}, "TextEncoderStream converts chunks to strings");

promise_test(async () => {
  const stream = new TextEncoderStream();
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const events = [];
  await new Promise((resolve) => setTimeout(resolve, 0));
  const write = writer.write("A");
  write.then(() => events.push("write"));
  await new Promise((resolve) => setTimeout(resolve, 0));
  events.push("paused");
  await reader.read();
  events.push("read");
  await write;
  assert_array_equals(events, ["paused", "read", "write"]);
}, "TextEncoderStream: a write completes only when a read relieves backpressure");
