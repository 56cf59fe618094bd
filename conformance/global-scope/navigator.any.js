// navigator.userAgent: one product token, as the WinterTC Minimum Common API suggests.

test(() => {
  assert_equals(typeof navigator, "object");
  assert_equals(navigator.userAgent, "Verge");
}, "navigator.userAgent is the product token");

test(() => {
  assert_equals(typeof Navigator, "function");
  assert_true(navigator instanceof Navigator);
  assert_throws_js(TypeError, () => new Navigator());
  assert_equals(Object.prototype.toString.call(navigator), "[object Navigator]");
  const getter = Object.getOwnPropertyDescriptor(Navigator.prototype, "userAgent").get;
  assert_equals(typeof getter, "function", "userAgent is an accessor on the prototype");
  assert_throws_js(TypeError, () => getter.call({}), "brand check");
}, "navigator is the Navigator");
