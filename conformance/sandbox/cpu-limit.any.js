// META: verge-cpu-limit-ms=50
// The CPU limit ends a runaway task, uncatchably, and the sandbox goes on: later tasks run.
// (`// META: verge-cpu-limit-ms=50` gives each task of this file a 50 ms CPU budget, the
// edge default per request; docs/limits.md.)

async_test((t) => {
  const state = { started: false, finished: false };
  setTimeout(() => {
    state.started = true;
    try {
      for (;;) {}
    } catch (e) {
      state.caught = true;
    } finally {
      state.finallyRan = true;
    }
  }, 0);
  setTimeout(t.step_func_done(() => {
    assert_true(state.started, "the runaway task started");
    assert_equals(state.caught, undefined, "the termination cannot be caught");
    assert_equals(state.finallyRan, undefined, "finally blocks do not run either");
  }), 5);
}, "a runaway timer task is ended and the next task runs");

async_test((t) => {
  let looped = false;
  setTimeout(() => {
    Promise.resolve().then(() => {
      looped = true;
      while (true) {}
    });
  }, 0);
  setTimeout(t.step_func_done(() => {
    assert_true(looped, "the runaway microtask started");
  }), 5);
}, "a runaway microtask is ended with its task");

async_test((t) => {
  const target = new EventTarget();
  target.addEventListener("spin", () => {
    for (;;) {}
  });
  setTimeout(() => target.dispatchEvent(new Event("spin")), 0);
  setTimeout(t.step_func_done(), 5);
}, "a runaway event listener is ended with its task");

async_test((t) => {
  // Work under the budget is not affected: 20 tasks of a few milliseconds each.
  let runs = 0;
  const spinFor = (ms) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {}
  };
  const tick = t.step_func(() => {
    spinFor(5);
    if (++runs === 20) t.done();
    else setTimeout(tick, 0);
  });
  setTimeout(tick, 0);
}, "tasks under the budget each get a fresh budget");
