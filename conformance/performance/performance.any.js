// performance (https://w3c.github.io/hr-time/, https://w3c.github.io/user-timing/).

test(() => {
  assert_true(performance instanceof Performance);
  assert_true(performance instanceof EventTarget);
  assert_throws_js(TypeError, () => new Performance());
  assert_throws_js(TypeError, () => new PerformanceEntry());
  assert_throws_js(TypeError, () => new PerformanceMeasure());
  assert_class_string(performance, "Performance");
}, "interfaces");

test(() => {
  const a = performance.now();
  const b = performance.now();
  assert_equals(typeof a, "number");
  assert_greater_than_equal(a, 0);
  assert_greater_than_equal(b, a, "monotonic");
  const drift = performance.timeOrigin + performance.now() - Date.now();
  assert_less_than(Math.abs(drift), 1000, "timeOrigin + now() is close to Date.now()");
  assert_greater_than(performance.timeOrigin, 1.5e12);
  const json = performance.toJSON();
  assert_equals(json.timeOrigin, performance.timeOrigin);
  assert_throws_js(TypeError, () => Performance.prototype.now.call({}));
}, "now() and timeOrigin");

async_test((t) => {
  const start = performance.now();
  setTimeout(t.step_func_done(() => {
    assert_greater_than_equal(performance.now() - start, 19, "the clock advances with timers");
  }), 20);
}, "now() follows real time");

test(() => {
  performance.clearMarks();
  performance.clearMeasures();
  const mark = performance.mark("m1");
  assert_true(mark instanceof PerformanceMark);
  assert_true(mark instanceof PerformanceEntry);
  assert_equals(mark.name, "m1");
  assert_equals(mark.entryType, "mark");
  assert_equals(mark.duration, 0);
  assert_equals(mark.detail, null);
  assert_less_than_equal(mark.startTime, performance.now());
  const entries = performance.getEntriesByName("m1");
  assert_equals(entries.length, 1);
  assert_equals(entries[0], mark);
  assert_throws_js(TypeError, () => performance.mark());
}, "mark() records a mark");

test(() => {
  const detail = { nested: [1, 2] };
  const mark = performance.mark("with-detail", { detail, startTime: 12.5 });
  assert_equals(mark.startTime, 12.5);
  assert_not_equals(mark.detail, detail, "the detail is cloned");
  assert_array_equals(mark.detail.nested, [1, 2]);
  assert_equals(mark.detail, mark.detail, "the same clone each time");
  assert_throws_dom("DataCloneError", () => performance.mark("bad", { detail: () => {} }));
  assert_throws_js(TypeError, () => performance.mark("bad", { startTime: -1 }));
  assert_throws_js(TypeError, () => performance.mark("bad", { startTime: NaN }));
  const constructed = new PerformanceMark("constructed", { detail: 1 });
  assert_equals(constructed.detail, 1);
  assert_equals(performance.getEntriesByName("constructed").length, 0, "the constructor does not record");
}, "mark options and the PerformanceMark constructor");

test(() => {
  performance.clearMarks();
  performance.clearMeasures();
  performance.mark("start", { startTime: 10 });
  performance.mark("end", { startTime: 25 });
  const byNames = performance.measure("names", "start", "end");
  assert_equals(byNames.entryType, "measure");
  assert_equals(byNames.startTime, 10);
  assert_equals(byNames.duration, 15);
  assert_equals(byNames.detail, null);
  const fromStart = performance.measure("from-start", "start");
  assert_equals(fromStart.startTime, 10);
  assert_approx_equals(fromStart.duration, performance.now() - 10, 50);
  const whole = performance.measure("whole");
  assert_equals(whole.startTime, 0);
  const options = performance.measure("options", { start: "start", end: 30, detail: { d: 1 } });
  assert_equals(options.startTime, 10);
  assert_equals(options.duration, 20);
  assert_equals(options.detail.d, 1);
  const withDuration = performance.measure("duration", { start: 5, duration: 7 });
  assert_equals(withDuration.startTime, 5);
  assert_equals(withDuration.duration, 7);
  const endDuration = performance.measure("end-duration", { end: 20, duration: 5 });
  assert_equals(endDuration.startTime, 15);
  assert_equals(endDuration.duration, 5);
  const emptyOptions = performance.measure("empty", {}, "end");
  assert_equals(emptyOptions.startTime, 0, "empty options allow an end mark");
  assert_equals(emptyOptions.duration, 25);
}, "measure() overloads");

test(() => {
  performance.mark("known", { startTime: 1 });
  assert_throws_dom("SyntaxError", () => performance.measure("m", "unknown-mark"));
  assert_throws_dom("SyntaxError", () => performance.measure("m", "known", "unknown-mark"));
  assert_throws_js(TypeError, () => performance.measure("m", { start: 1 }, "known"), "options with an end mark");
  assert_throws_js(TypeError, () => performance.measure("m", { duration: 1 }), "duration alone");
  assert_throws_js(TypeError, () => performance.measure("m", { detail: 1 }), "detail alone");
  assert_throws_js(TypeError, () => performance.measure("m", { start: 1, end: 2, duration: 1 }), "all three");
  assert_throws_js(TypeError, () => performance.measure("m", { start: -1 }), "negative timestamp");
  assert_throws_js(TypeError, () => performance.measure());
}, "measure() errors");

test(() => {
  performance.clearMarks();
  performance.clearMeasures();
  performance.mark("b", { startTime: 20 });
  performance.mark("a", { startTime: 10 });
  performance.mark("a", { startTime: 30 });
  performance.measure("m", { start: 5, end: 6 });
  const all = performance.getEntries();
  assert_array_equals(all.map((e) => e.startTime), [5, 10, 20, 30], "sorted by startTime");
  assert_equals(performance.getEntriesByType("mark").length, 3);
  assert_equals(performance.getEntriesByType("measure").length, 1);
  assert_equals(performance.getEntriesByType("resource").length, 0);
  assert_equals(performance.getEntriesByName("a").length, 2);
  assert_equals(performance.getEntriesByName("a", "measure").length, 0);
  assert_equals(performance.measure("latest-a", "a").startTime, 30, "a name means its latest mark");
  performance.clearMarks("a");
  assert_equals(performance.getEntriesByName("a").length, 0);
  assert_equals(performance.getEntriesByType("mark").length, 1);
  performance.clearMeasures("m");
  assert_equals(performance.getEntriesByType("measure").length, 1);
  performance.clearMarks();
  performance.clearMeasures();
  assert_equals(performance.getEntries().length, 0);
  assert_not_equals(performance.getEntries(), performance.getEntries(), "a new array each time");
}, "the entry buffer");

test(() => {
  const mark = performance.mark("json", { detail: [1] });
  const json = mark.toJSON();
  for (const key of ["name", "entryType", "startTime", "duration", "detail"]) {
    assert_equals(json[key], mark[key], key);
  }
  const measure = performance.measure("json-measure");
  const measureJSON = measure.toJSON();
  for (const key of ["name", "entryType", "startTime", "duration", "detail"]) {
    assert_equals(measureJSON[key], measure[key], key);
  }
  assert_equals(JSON.parse(JSON.stringify(mark)).name, "json");
}, "toJSON()");
