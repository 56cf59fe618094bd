// FormData (https://xhr.spec.whatwg.org/#interface-formdata): entries, Blob to File
// conversion, overloads, iteration.

test(() => {
  assert_equals(FormData.length, 0);
  assert_throws_js(TypeError, () => FormData());
  assert_array_equals([...new FormData()], []);
  assert_array_equals([...new FormData(undefined)], []);
  assert_throws_js(TypeError, () => new FormData(null), "null is not an HTMLFormElement");
  assert_throws_js(TypeError, () => new FormData({}), "there are no forms here");
}, "FormData constructor");

test(() => {
  const fd = new FormData();
  fd.append("a", "1");
  fd.append("b", "2");
  fd.append("a", "3");
  assert_equals(fd.get("a"), "1");
  assert_array_equals(fd.getAll("a"), ["1", "3"]);
  assert_array_equals(fd.getAll("missing"), []);
  assert_equals(fd.get("missing"), null);
  assert_true(fd.has("b"));
  assert_false(fd.has("c"));
  fd.delete("a");
  assert_false(fd.has("a"));
  assert_array_equals([...fd.keys()], ["b"]);
}, "append, get, getAll, has and delete");

test(() => {
  const fd = new FormData();
  fd.append("a", "1");
  fd.append("b", "2");
  fd.append("a", "3");
  fd.append("c", "4");
  fd.set("a", "new");
  assert_array_equals([...fd.keys()], ["a", "b", "c"], "set replaces the first and removes the others");
  assert_array_equals([...fd.values()], ["new", "2", "4"]);
  fd.set("d", "5");
  assert_array_equals([...fd.keys()], ["a", "b", "c", "d"], "set appends a new name");
}, "set keeps the position of the first entry");

test(() => {
  const fd = new FormData();
  fd.append("n", 1);
  fd.append("u", undefined);
  fd.append(null, null);
  fd.append("\ud800", "\udc00");
  assert_equals(fd.get("n"), "1");
  assert_equals(fd.get("u"), "undefined");
  assert_equals(fd.get("null"), "null");
  assert_equals(fd.get("\ufffd"), "\ufffd", "names and values are USVStrings");
  fd.append("obj", { toString: () => "str" });
  assert_equals(fd.get("obj"), "str");
}, "Names and values are converted to USVStrings");

test(() => {
  const fd = new FormData();
  fd.append("blob", new Blob(["abc"], { type: "text/plain" }));
  const value = fd.get("blob");
  assert_true(value instanceof File);
  assert_equals(value.name, "blob");
  assert_equals(value.type, "text/plain");
  assert_equals(value.size, 3);
  assert_true(Math.abs(value.lastModified - Date.now()) < 1000);
  assert_equals(fd.get("blob"), value, "the same object every time");
}, "A Blob becomes a File named 'blob'");

test(() => {
  const fd = new FormData();
  fd.append("blob", new Blob(["abc"]), "custom.txt");
  assert_equals(fd.get("blob").name, "custom.txt");
  const file = new File(["x"], "original.txt", { lastModified: 123, type: "a/b" });
  fd.append("file", file);
  assert_equals(fd.get("file"), file, "a File without filename is kept as is");
  fd.append("renamed", file, "renamed.txt");
  const renamed = fd.get("renamed");
  assert_not_equals(renamed, file);
  assert_equals(renamed.name, "renamed.txt");
  assert_equals(renamed.lastModified, 123);
  assert_equals(renamed.type, "a/b");
  fd.set("set", new Blob(), "s.txt");
  assert_equals(fd.get("set").name, "s.txt");
}, "A filename renames a Blob or File entry");

test(() => {
  const fd = new FormData();
  assert_throws_js(TypeError, () => fd.append("a", "string value", "filename"), "three arguments need a Blob");
  assert_throws_js(TypeError, () => fd.set("a", "string value", "filename"));
  assert_throws_js(TypeError, () => fd.append("a", {}, "filename"));
  assert_throws_js(TypeError, () => fd.append("a", "b", undefined));
  assert_false(fd.has("a"));
}, "With three arguments the value must be a Blob (even if the filename is undefined)");

test(() => {
  const fd = new FormData();
  assert_throws_js(TypeError, () => fd.append());
  assert_throws_js(TypeError, () => fd.append("a"));
  assert_throws_js(TypeError, () => fd.set("a"));
  assert_throws_js(TypeError, () => fd.get());
  assert_throws_js(TypeError, () => fd.getAll());
  assert_throws_js(TypeError, () => fd.has());
  assert_throws_js(TypeError, () => fd.delete());
}, "Required arguments");

test(() => {
  for (const name of ["append", "delete", "get", "getAll", "has", "set", "entries", "keys", "values", "forEach"]) {
    assert_throws_js(TypeError, () => FormData.prototype[name].call({}, "a", "b"), name);
    assert_true(Object.getOwnPropertyDescriptor(FormData.prototype, name).enumerable, name);
  }
  assert_equals(FormData.prototype.append.length, 2);
  assert_equals(FormData.prototype.set.length, 2);
  assert_equals(FormData.prototype[Symbol.iterator], FormData.prototype.entries);
  assert_equals(String(new FormData()), "[object FormData]");
  assert_equals(Object.prototype.toString.call(new FormData().entries()), "[object FormData Iterator]");
}, "FormData follows WebIDL");

test(() => {
  const fd = new FormData();
  fd.append("b", "1");
  fd.append("a", "2");
  fd.append("b", "3");
  const entries = [...fd];
  assert_equals(entries.length, 3);
  assert_array_equals(entries[0], ["b", "1"], "insertion order, not sorted");
  assert_array_equals(entries[1], ["a", "2"]);
  assert_array_equals(entries[2], ["b", "3"]);
  const seen = [];
  fd.forEach((value, key, object) => seen.push(`${key}=${value}:${object === fd}`));
  assert_array_equals(seen, ["b=1:true", "a=2:true", "b=3:true"]);
}, "Iteration is in insertion order");

test(() => {
  const fd = new FormData();
  fd.append("a", "1");
  fd.append("b", "2");
  const iterator = fd.keys();
  assert_equals(iterator.next().value, "a");
  fd.append("c", "3");
  fd.delete("a");
  assert_equals(iterator.next().value, "c", "live: 'b' moved to the consumed index");
  assert_true(iterator.next().done);
}, "Iteration is live");
