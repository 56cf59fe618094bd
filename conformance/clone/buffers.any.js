// ArrayBuffers, views and transfer in structuredClone()
// (https://html.spec.whatwg.org/#structuredserializewithtransfer).

const viewTypes = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array];
if (typeof Float16Array === "function") viewTypes.push(Float16Array);

test(() => {
  const buffer = new Uint8Array([1, 2, 3]).buffer;
  const copy = structuredClone(buffer);
  assert_true(copy instanceof ArrayBuffer);
  assert_not_equals(copy, buffer);
  assert_array_equals(new Uint8Array(copy), [1, 2, 3]);
  assert_false(copy.resizable);
  new Uint8Array(buffer)[0] = 9;
  assert_equals(new Uint8Array(copy)[0], 1, "a copy, not shared memory");
}, "ArrayBuffer");

test(() => {
  const buffer = new ArrayBuffer(16, { maxByteLength: 1024 });
  const copy = structuredClone(buffer);
  assert_true(copy.resizable);
  assert_equals(copy.byteLength, 16);
  assert_equals(copy.maxByteLength, 1024);
}, "resizable ArrayBuffer keeps maxByteLength");

test(() => {
  for (const Type of viewTypes) {
    const isBig = Type === BigInt64Array || Type === BigUint64Array;
    const input = new Type(isBig ? [1n, 2n, 3n] : [1, 2, 3]);
    const copy = structuredClone(input);
    assert_true(copy instanceof Type, Type.name);
    assert_not_equals(copy.buffer, input.buffer);
    assert_array_equals(copy, input, Type.name);
  }
  const dataView = new DataView(new ArrayBuffer(8), 2, 4);
  dataView.setUint8(0, 7);
  const dvCopy = structuredClone(dataView);
  assert_true(dvCopy instanceof DataView);
  assert_equals(dvCopy.byteOffset, 2);
  assert_equals(dvCopy.byteLength, 4);
  assert_equals(dvCopy.getUint8(0), 7);
}, "typed arrays and DataView");

test(() => {
  const buffer = new ArrayBuffer(16);
  const a = new Uint8Array(buffer, 4, 4);
  const b = new Uint16Array(buffer, 8, 2);
  const copy = structuredClone({ a, b, buffer });
  assert_equals(copy.a.buffer, copy.buffer, "views share the cloned buffer");
  assert_equals(copy.b.buffer, copy.buffer);
  assert_equals(copy.a.byteOffset, 4);
  assert_equals(copy.b.length, 2);
  assert_equals(copy.buffer.byteLength, 16, "the whole buffer is cloned");
}, "views keep their offsets and share their buffer");

test(() => {
  const buffer = new ArrayBuffer(16, { maxByteLength: 1024 });
  const tracking = new Uint8Array(buffer);
  const fixed = new Uint8Array(buffer, 0, 16);
  const trackingDataView = new DataView(buffer);
  const copy = structuredClone({ tracking, fixed, trackingDataView });
  assert_equals(copy.tracking.length, 16);
  copy.tracking.buffer.resize(32);
  assert_equals(copy.tracking.length, 32, "a length-tracking view still tracks");
  assert_equals(copy.fixed.length, 16, "a fixed view stays fixed");
  assert_equals(copy.trackingDataView.byteLength, 32);
  assert_equals(buffer.byteLength, 16, "the original buffer is as it was");
}, "length-tracking views on resizable buffers");

test(() => {
  const buffer = new ArrayBuffer(16, { maxByteLength: 16 });
  new Uint8Array(buffer)[15] = 42;
  const tracking = new Uint32Array(buffer);
  const copy = structuredClone(tracking);
  assert_equals(new Uint8Array(buffer)[15], 42, "the last bytes survive the check");
  assert_equals(buffer.byteLength, 16);
  assert_equals(copy.length, 4);
}, "length tracking check on a buffer at its maximum size");

test(() => {
  const buffer = new ArrayBuffer(16, { maxByteLength: 1024 });
  const typed = new Uint8Array(buffer, 8);
  const view = new DataView(buffer, 8);
  buffer.resize(0);
  assert_throws_dom("DataCloneError", () => structuredClone(typed));
  assert_throws_dom("DataCloneError", () => structuredClone(view));
}, "out-of-bounds views throw DataCloneError");

test(() => {
  const buffer = new ArrayBuffer(8);
  const view = new Uint8Array(buffer);
  buffer.transfer();
  assert_throws_dom("DataCloneError", () => structuredClone(buffer), "detached buffer");
  assert_throws_dom("DataCloneError", () => structuredClone(view), "view on a detached buffer");
}, "detached buffers throw DataCloneError");

test(() => {
  const buffer = new Uint8Array([1, 2, 3, 4]).buffer;
  const view = new Uint8Array(buffer, 1, 2);
  const copy = structuredClone({ buffer, view }, { transfer: [buffer] });
  assert_true(buffer.detached, "the source is detached");
  assert_equals(buffer.byteLength, 0);
  assert_equals(copy.buffer.byteLength, 4);
  assert_array_equals(new Uint8Array(copy.buffer), [1, 2, 3, 4]);
  assert_equals(copy.view.buffer, copy.buffer, "views follow the transferred buffer");
  assert_array_equals(copy.view, [2, 3]);
}, "transferring an ArrayBuffer detaches the source");

test(() => {
  const buffer = new ArrayBuffer(4, { maxByteLength: 8 });
  const copy = structuredClone(buffer, { transfer: [buffer] });
  assert_true(copy.resizable);
  assert_equals(copy.maxByteLength, 8);
}, "transfer keeps resizability");

test(() => {
  const buffer = new ArrayBuffer(4);
  const transferred = structuredClone(undefined, { transfer: [buffer] });
  assert_equals(transferred, undefined);
  assert_true(buffer.detached, "a transferred buffer is detached even when not in the value");
}, "transfer list entries need not appear in the value");

test(() => {
  const buffer = new ArrayBuffer(4);
  assert_throws_dom("DataCloneError", () => structuredClone(buffer, { transfer: [buffer, buffer] }));
  assert_false(buffer.detached, "nothing is detached on failure");
  const other = new ArrayBuffer(4);
  assert_throws_dom("DataCloneError", () => structuredClone({ other, f() {} }, { transfer: [other] }));
  assert_false(other.detached, "a failing clone detaches nothing");
  const detached = new ArrayBuffer(4);
  detached.transfer();
  assert_throws_dom("DataCloneError", () => structuredClone(1, { transfer: [detached] }));
  assert_throws_dom("DataCloneError", () => structuredClone(1, { transfer: [{}] }), "plain objects are not transferable");
  assert_throws_dom("DataCloneError", () => structuredClone(1, { transfer: [new Uint8Array(1)] }), "views are not transferable");
}, "transfer list errors");

test(() => {
  const { port1 } = new MessageChannel();
  const copy = structuredClone(port1, { transfer: [port1] });
  assert_true(copy instanceof MessagePort);
  assert_not_equals(copy, port1);
  assert_throws_dom("DataCloneError", () => structuredClone(port1, { transfer: [port1] }), "the old port is detached");
  assert_throws_dom("DataCloneError", () => structuredClone(new MessageChannel().port1), "ports are not serializable");
}, "MessagePort is transferable");
