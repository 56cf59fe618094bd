// The console namespace (https://console.spec.whatwg.org/).

test(() => {
  assert_true(Object.prototype.hasOwnProperty.call(globalThis, "console"));
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, "console");
  assert_true(descriptor.writable);
  assert_false(descriptor.enumerable);
  assert_true(descriptor.configurable);
  assert_equals(descriptor.value, console);
  assert_false("Console" in globalThis);
}, "console is a global namespace, not an interface");

test(() => {
  assert_equals(String(console), "[object console]");
  const proto = Object.getPrototypeOf(console);
  assert_equals(Object.getOwnPropertyNames(proto).length, 0);
  assert_equals(Object.getPrototypeOf(proto), Object.prototype);
}, "namespace object shape");

test(() => {
  const methods = ["assert", "clear", "count", "countReset", "debug", "dir", "dirxml", "error", "group",
    "groupCollapsed", "groupEnd", "info", "log", "table", "time", "timeEnd", "timeLog", "trace", "warn"];
  for (const name of methods) {
    const descriptor = Object.getOwnPropertyDescriptor(console, name);
    assert_equals(typeof descriptor.value, "function", name);
    assert_true(descriptor.writable && descriptor.enumerable && descriptor.configurable, name);
    assert_equals(descriptor.value.name, name);
    assert_equals(descriptor.value.length, 0, name + ".length");
  }
}, "console operations");

for (const method of ["count", "countReset", "time", "timeLog", "timeEnd"]) {
  test(() => {
    let called = false;
    console[method]({ toString() { called = true; return "label-" + method; } });
    assert_true(called);
  }, `console.${method}() converts an object label with toString()`);

  test(() => {
    const thrown = new Error("conversion");
    assert_throws_exactly(thrown, () => console[method]({ toString() { throw thrown; } }));
    assert_throws_js(TypeError, () => console[method](Symbol("s")));
  }, `console.${method}() rethrows label conversion errors`);
}

test(() => {
  for (const method of ["log", "dirxml", "trace", "group", "groupCollapsed", "info", "warn", "error", "debug"]) {
    console[method]("%i", Symbol.for("description"));
    console[method]("%d", Symbol.for("description"));
    console[method]("%f", Symbol.for("description"));
    if (method.startsWith("group")) {
      console.groupEnd();
      console.groupEnd();
      console.groupEnd();
    }
  }
}, "number format specifiers print NaN for symbols instead of throwing");

test(() => {
  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  console.log(cyclic, [cyclic], new Map([[cyclic, cyclic]]));
  console.log({ get throws() { throw new Error("getter"); } });
  console.log(Object.create(null), new Proxy({}, {}), function named() {}, class K {}, Symbol("x"), 1n);
  console.log("%s %o %O %j %c%%", cyclic, cyclic, cyclic, cyclic, "color: red");
  console.table([[1, 2], { a: 1 }], ["a"]);
  console.table("not tabular");
  console.dir(cyclic, { depth: 0 });
  console.dir(cyclic, null);
  console.assert(true);
  console.assert(false, "%s", "formatted");
  console.assert(false, cyclic);
}, "console methods accept any values without throwing");

test(() => {
  assert_throws_js(TypeError, () => console.table([], 5), "properties is a sequence");
  assert_throws_js(TypeError, () => console.dir({}, 5), "options is an object");
}, "console.table and console.dir convert their options");
