// process has only process.env; any other process.x throws the named error, as in the
// Vercel Edge Runtime ("A Node.js API is used (process.x) which is not supported …").

function expectNodeError(fn, name) {
  try {
    fn();
  } catch (e) {
    assert_equals(e.constructor, Error, name);
    assert_equals(e.message, `A Node.js API is used (process.${name}) which is not supported in the edge runtime`);
    return;
  }
  assert_unreached(`process.${name} did not throw`);
}

test(() => {
  for (const name of ["cwd", "exit", "version", "versions", "platform", "argv", "pid", "nextTick", "hrtime",
    "memoryUsage", "binding", "dlopen", "kill", "stdout", "stderr", "stdin", "mainModule", "emitWarning",
    "on", "umask", "chdir", "execPath", "release", "features", "_linkedBinding", "__proto__x"]) {
    expectNodeError(() => process[name], name);
  }
}, "reading any process.x other than env throws the named error");

test(() => {
  expectNodeError(() => { process.exitCode = 1; }, "exitCode");
  expectNodeError(() => { process.title = "x"; }, "title");
}, "writing process.x throws the named error");

test(() => {
  expectNodeError(() => process.exit(0), "exit");
  expectNodeError(() => process.binding("fs"), "binding");
}, "calls fail before anything runs");

test(() => {
  assert_equals(typeof process.env, "object");
  assert_equals(Object.getPrototypeOf(process.env), Object.prototype);
  assert_equals(process.env.PATH, undefined, "nothing of the host environment leaks in");
  assert_equals(process.env.HOME, undefined);
  process.env.SET_BY_TEST = "1";
  assert_equals(process.env.SET_BY_TEST, "1", "env is a plain writable object");
  delete process.env.SET_BY_TEST;
}, "process.env is a plain object holding only the configured variables");

test(() => {
  assert_equals(process[Symbol.toStringTag], undefined);
  assert_equals(process[Symbol.iterator], undefined);
}, "symbol-keyed reads do not throw (so the object can be inspected)");
