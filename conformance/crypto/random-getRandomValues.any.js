// crypto.getRandomValues (https://w3c.github.io/webcrypto/#Crypto-method-getRandomValues).

const integerTypes = [Int8Array, Int16Array, Int32Array, Uint8Array, Uint8ClampedArray, Uint16Array, Uint32Array,
  BigInt64Array, BigUint64Array];
const floatTypes = [Float32Array, Float64Array];
if (typeof Float16Array === "function") floatTypes.push(Float16Array);

test(() => {
  assert_true(crypto instanceof Crypto);
  assert_throws_js(TypeError, () => new Crypto());
  assert_class_string(crypto, "Crypto");
  assert_equals(Crypto.prototype.getRandomValues.length, 1);
  assert_throws_js(TypeError, () => Crypto.prototype.getRandomValues.call({}, new Uint8Array(1)));
}, "crypto is a Crypto");

test(() => {
  for (const Type of integerTypes) {
    const array = new Type(8);
    assert_equals(crypto.getRandomValues(array), array, Type.name + " is returned");
  }
}, "getRandomValues fills integer arrays in place and returns them");

test(() => {
  for (const Type of floatTypes) {
    assert_throws_dom("TypeMismatchError", () => crypto.getRandomValues(new Type(4)), Type.name);
  }
  assert_throws_dom("TypeMismatchError", () => crypto.getRandomValues(new DataView(new ArrayBuffer(4))));
  assert_throws_js(TypeError, () => crypto.getRandomValues());
  assert_throws_js(TypeError, () => crypto.getRandomValues([1, 2]));
  assert_throws_js(TypeError, () => crypto.getRandomValues(new ArrayBuffer(4)));
  assert_throws_js(TypeError, () => crypto.getRandomValues(null));
}, "non-integer views are TypeMismatchError, non-views TypeError");

test(() => {
  for (const Type of integerTypes) {
    const max = 65536 / Type.BYTES_PER_ELEMENT;
    crypto.getRandomValues(new Type(max));
    assert_throws_dom("QuotaExceededError", () => crypto.getRandomValues(new Type(max + 1)), Type.name);
  }
  crypto.getRandomValues(new Uint8Array(0));
}, "at most 65536 bytes");

test(() => {
  const buffer = new ArrayBuffer(32);
  const whole = new Uint8Array(buffer);
  const middle = new Uint8Array(buffer, 8, 16);
  crypto.getRandomValues(middle);
  for (let i = 0; i < 8; i++) assert_equals(whole[i], 0, "bytes before the view are untouched");
  for (let i = 24; i < 32; i++) assert_equals(whole[i], 0, "bytes after the view are untouched");
  const wide = new Uint32Array(buffer, 8, 2);
  wide.fill(0);
  crypto.getRandomValues(wide);
  assert_equals(whole[0], 0);
}, "only the view's bytes are written");

test(() => {
  const a = crypto.getRandomValues(new Uint8Array(64));
  const b = crypto.getRandomValues(new Uint8Array(64));
  let same = true;
  for (let i = 0; i < 64; i++) if (a[i] !== b[i]) same = false;
  assert_false(same, "two draws differ");
  const counts = new Array(256).fill(0);
  const big = crypto.getRandomValues(new Uint8Array(65536));
  for (const byte of big) counts[byte]++;
  for (let i = 0; i < 256; i++) {
    assert_between_inclusive(counts[i], 100, 420, "byte value " + i + " appears about 256 times");
  }
}, "values look random");
