// JavaScriptCore's C API has no module loader: import() at run time always rejects
// ("Could not import the module"; see docs/divergences.md). Bundles are built ahead of time.

promise_test(async () => {
  for (const specifier of ["data:text/javascript,export default 1", "node:fs", "./local.js",
    "https://example.com/module.js", "file:///etc/passwd"]) {
    let error = null;
    try {
      await import(specifier);
    } catch (e) {
      error = e;
    }
    assert_not_equals(error, null, `import(${JSON.stringify(specifier)}) rejected`);
    assert_true(error instanceof Error, "with an Error");
    assert_true(String(error.message).includes("Could not import the module"), error.message);
  }
}, "dynamic import() rejects for every specifier");

promise_test(async () => {
  let error = null;
  try {
    await import({ toString() { return "x"; } });
  } catch (e) {
    error = e;
  }
  assert_true(error instanceof Error);
}, "import() with a non-string specifier rejects too");
