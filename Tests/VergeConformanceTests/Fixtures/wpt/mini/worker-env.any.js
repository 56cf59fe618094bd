test(() => {
  assert_true(GLOBAL.isWorker(), "GLOBAL.isWorker()");
  assert_equals(GLOBAL.isWindow(), false);
  assert_equals(GLOBAL.isShadowRealm(), false);
  assert_true(self instanceof DedicatedWorkerGlobalScope, "instanceof DedicatedWorkerGlobalScope");
  assert_true(self instanceof WorkerGlobalScope, "instanceof WorkerGlobalScope");
  assert_equals(typeof postMessage, "function");
  assert_equals({} instanceof WorkerGlobalScope, false);
}, "the sandbox looks like a dedicated worker to the harness");
