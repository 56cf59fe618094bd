// Buffer sources: every view type, offsets, shared and resizable buffers.
// https://encoding.spec.whatwg.org/#dom-textdecoder-decode (AllowSharedBufferSource)

// SharedArrayBuffer has no global here; shared WebAssembly memories are SharedArrayBuffers.
function sharedBuffer(length) {
  const SharedArrayBufferConstructor = typeof SharedArrayBuffer === "function"
    ? SharedArrayBuffer
    : new WebAssembly.Memory({ shared: true, initial: 0, maximum: 0 }).buffer.constructor;
  return new SharedArrayBufferConstructor(length);
}

const bytes = [0x41, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0x42, 0x43];  // "Aé€BC"

test(() => {
  const buffer = new ArrayBuffer(12);
  new Uint8Array(buffer).set(bytes, 2);
  const decoder = new TextDecoder();
  assert_equals(decoder.decode(new Uint8Array(buffer, 2, 8)), "Aé€BC", "Uint8Array with offset");
  assert_equals(decoder.decode(new DataView(buffer, 2, 8)), "Aé€BC", "DataView with offset");
  assert_equals(decoder.decode(new Int8Array(buffer, 2, 8)), "Aé€BC", "Int8Array");
  assert_equals(decoder.decode(new Uint8ClampedArray(buffer, 2, 8)), "Aé€BC", "Uint8ClampedArray");
  assert_equals(decoder.decode(new Uint16Array(buffer, 2, 4)), "Aé€BC", "Uint16Array: its bytes");
  assert_equals(decoder.decode(new Float64Array(buffer, 0, 1)), "\0\0Aé€", "Float64Array: its bytes");
  assert_equals(decoder.decode(buffer.slice(2, 10)), "Aé€BC", "ArrayBuffer");
}, "decode() reads the bytes of any view, from its offset");

test(() => {
  const buffer = sharedBuffer(8);
  new Uint8Array(buffer).set(bytes);
  assert_equals(new TextDecoder().decode(buffer), "Aé€BC", "a SharedArrayBuffer");
  assert_equals(new TextDecoder().decode(new Uint8Array(buffer, 1, 2)), "é", "a view on one");
  assert_equals(new TextDecoder().decode(new DataView(buffer, 3)), "€BC", "a DataView on one");
  const decoder = new TextDecoder();
  assert_equals(decoder.decode(new Uint8Array(buffer, 0, 4), { stream: true }) + decoder.decode(new Uint8Array(buffer, 4)),
    "Aé€BC", "streaming");
}, "decode() accepts SharedArrayBuffers and views on them");

test(() => {
  const destination = new Uint8Array(sharedBuffer(8));
  const { read, written } = new TextEncoder().encodeInto("Aé€", destination);
  assert_equals(read, 3);
  assert_equals(written, 6);
  assert_array_equals(Array.from(destination.subarray(0, 6)), bytes.slice(0, 6));
}, "encodeInto() writes into a view on a SharedArrayBuffer");

test(() => {
  const buffer = new ArrayBuffer(8, { maxByteLength: 16 });
  new Uint8Array(buffer).set(bytes);
  assert_equals(new TextDecoder().decode(buffer), "Aé€BC", "a resizable ArrayBuffer");
  const view = new Uint8Array(buffer);
  buffer.resize(3);
  assert_equals(new TextDecoder().decode(view), "Aé", "a length-tracking view after shrinking");
  const fixed = new Uint8Array(buffer, 1, 2);
  buffer.resize(1);
  assert_equals(new TextDecoder().decode(fixed), "", "an out-of-bounds view has no bytes");
  assert_throws_js(TypeError, () => new TextEncoder().encodeInto("a", new Uint8Array(new ArrayBuffer(4, { maxByteLength: 8 }))),
    "encodeInto's destination may not be on a resizable buffer");
}, "Resizable buffers");

test(() => {
  const buffer = new ArrayBuffer(4);
  const view = new Uint8Array(buffer);
  view.set([0x41, 0x42, 0x43, 0x44]);
  assert_equals(new TextDecoder().decode(view), "ABCD");
  buffer.transfer();
  assert_equals(new TextDecoder().decode(view), "", "a detached view has no bytes");
  assert_equals(new TextDecoder().decode(buffer), "", "a detached buffer has no bytes");
  assert_equals(new TextDecoder().decode(new DataView(new ArrayBuffer(2))), "\0\0");
}, "Detached buffers decode to the empty string");
