// Fetches a data file of the checkout relative to the test's location, as WPT tests do
// with resources/*.json.
promise_test(async () => {
  const response = await fetch("resources/data.json");
  assert_equals(response.status, 200);
  assert_equals(response.url, location.href.replace(/[^/]*$/, "resources/data.json"));
  assert_equals(response.headers.get("x-fixture"), "sidecar");
  assert_equals(response.headers.get("content-type"), "application/json");
  const data = await response.json();
  assert_equals(data.answer, 42);
  const missing = await fetch("resources/absent.json");
  assert_equals(missing.status, 404);
}, "fetch of a checkout file relative to location");
