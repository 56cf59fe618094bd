// fetch() reaches the network only: file: (and other local schemes) are network errors,
// a TypeError naming the scheme, never a read of the host's files.

function requireFetch() {
  assert_implements_optional(typeof fetch === "function", "fetch is not built into this runtime yet");
}

promise_test(async (t) => {
  requireFetch();
  for (const url of ["file:///etc/passwd", "file:///proc/self/environ", "FILE:///etc/hosts", "file://localhost/etc/passwd"]) {
    const error = await fetch(url).then(() => null, (e) => e);
    assert_not_equals(error, null, url + " rejected");
    assert_equals(error.constructor, TypeError, url);
    assert_true(/file/i.test(error.message), `the message names the scheme: ${error.message}`);
  }
}, "fetch('file:///etc/passwd') rejects with a TypeError naming the scheme");

promise_test(async () => {
  requireFetch();
  for (const url of ["ftp://127.0.0.1/", "javascript:1", "ws://127.0.0.1/", "chrome://settings", "about:config"]) {
    const error = await fetch(url).then(() => null, (e) => e);
    assert_not_equals(error, null, url + " rejected");
    assert_equals(error.constructor, TypeError, url);
  }
}, "other schemes fetch cannot serve reject with a TypeError");
