// crypto.randomUUID (https://w3c.github.io/webcrypto/#Crypto-method-randomUUID).

const pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test(() => {
  assert_equals(typeof crypto.randomUUID, "function");
  assert_equals(Crypto.prototype.randomUUID.length, 0);
  for (let i = 0; i < 1000; i++) {
    const uuid = crypto.randomUUID();
    assert_equals(typeof uuid, "string");
    assert_regexp_match(uuid, pattern);
  }
}, "randomUUID() returns version 4, variant 10 UUIDs in lowercase");

test(() => {
  const seen = new Set();
  for (let i = 0; i < 5000; i++) seen.add(crypto.randomUUID());
  assert_equals(seen.size, 5000);
}, "UUIDs do not repeat");

test(() => {
  assert_throws_js(TypeError, () => Crypto.prototype.randomUUID.call({}));
}, "randomUUID() checks its receiver");
