// Blob.prototype.slice (https://w3c.github.io/FileAPI/#dfn-slice): relative positions,
// clamping, content type, slices of slices.

const text = "0123456789";
const blob = new Blob(["01234", new Uint8Array([53, 54, 55]), new Blob(["89"])], { type: "text/plain" });

const cases = [
  [[], "0123456789"],
  [[0], "0123456789"],
  [[3], "3456789"],
  [[3, 6], "345"],
  [[-3], "789"],
  [[-3, -1], "78"],
  [[-100], "0123456789"],
  [[-100, 2], "01"],
  [[2, 100], "23456789"],
  [[100], ""],
  [[6, 3], ""],
  [[0, -100], ""],
  [[4.9, 7.2], "56"], // [Clamp] rounds to the nearest integer
  [[2.5, 3.5], "23"], // ties to even
  [[undefined, 3], "012"],
  [[3, undefined], "3456789"],
  [[NaN, NaN], ""],
  [[-0, 5], "01234"],
  [["2", "4"], "23"],
  [[Infinity], ""],
  [[-Infinity], "0123456789"],
  [[2 ** 53, -(2 ** 53)], ""],
  [[4, 9], "45678"],
  [[5, 8], "567"],
];
for (const [args, expected] of cases) {
  promise_test(async () => {
    const slice = blob.slice(...args);
    assert_equals(slice.size, expected.length);
    assert_equals(await slice.text(), expected);
  }, `slice(${args.map((a) => (typeof a === "string" ? JSON.stringify(a) : String(a))).join(", ")})`);
}

test(() => {
  assert_equals(blob.slice().type, "", "no contentType gives ''");
  assert_equals(blob.slice(0, 1, "A/B").type, "a/b");
  assert_equals(blob.slice(0, 1, "a\u00e9").type, "");
  assert_equals(blob.slice(0, 1, "a\u0019").type, "");
  assert_equals(blob.slice(0, 1, undefined).type, "");
  assert_equals(blob.slice(0, 1, null).type, "null");
  assert_equals(blob.slice(0, 1, 5).type, "5");
}, "slice's contentType is validated and lowercased");

promise_test(async () => {
  const slice = blob.slice(2, 9).slice(1, -1).slice(-3);
  assert_equals(await slice.text(), "567");
  const empty = blob.slice(5, 5);
  assert_equals(empty.size, 0);
  assert_equals(await empty.text(), "");
}, "Slices of slices");

promise_test(async () => {
  const file = new File(["abcdef"], "f.txt", { type: "text/plain" });
  const slice = file.slice(1, 3);
  assert_false(slice instanceof File, "slicing a File gives a Blob");
  assert_true(slice instanceof Blob);
  assert_equals(await slice.text(), "bc");
}, "slice of a File is a Blob");

test(() => {
  const error = { name: "x" };
  assert_throws_exactly(error, () => blob.slice({ valueOf() { throw error; } }));
  assert_throws_js(TypeError, () => blob.slice(1n));
}, "slice arguments are [Clamp] long long conversions");

promise_test(async () => {
  const parts = [];
  for (let i = 0; i < 100; i++) parts.push(String.fromCharCode(65 + (i % 26)));
  const many = new Blob(parts);
  assert_equals(await many.slice(25, 28).text(), "ZAB");
  assert_equals(await many.slice(-2).text(), "UV");
}, "slice across many small parts");

promise_test(async () => {
  const source = new Uint8Array(1 << 20);
  source[(1 << 19) + 1] = 42;
  const big = new Blob([source]);
  const slice = big.slice(1 << 19, (1 << 19) + 4);
  assert_array_equals(Array.from(await slice.bytes()), [0, 42, 0, 0]);
}, "A small slice of a large Blob");
