// URL and URLSearchParams micro-benchmarks. Runs under `verge run` and under `node`;
// prints one `name<TAB>ops/sec` line per case.
"use strict";

const now = typeof performance !== "undefined" && typeof performance.now === "function"
  ? () => performance.now()
  : () => Date.now();

const print = typeof console !== "undefined" ? (line) => console.log(line) : () => {};

/** Runs fn in batches for about `ms` milliseconds after a warm-up; returns ops/sec. */
function measure(fn, ms = 1000) {
  const batch = 1000;
  for (let i = 0; i < 20; i++) for (let j = 0; j < batch; j++) fn();
  let runs = 0;
  const start = now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let j = 0; j < batch; j++) fn();
    runs += batch;
    elapsed = now() - start;
  }
  return Math.round((runs / elapsed) * 1000);
}

const typicalURLs = [
  "https://example.com/",
  "https://www.example.com/path/to/resource?query=1&b=2#frag",
  "http://localhost:3000/api/users/123",
  "https://user:pass@sub.example.co.uk:8443/a/b/c.html?x=y",
  "https://cdn.example.org/assets/app.3f2a1b.js",
  "http://127.0.0.1:8080/health",
  "https://example.com/search?q=hello+world&lang=en",
  "https://api.example.com/v1/items/42/comments?page=2&per_page=50",
];
const relativeURLs = ["/relative/path?x=1", "../up/one", "sibling.html", "?only=query", "#only-hash", "//other.example/x"];
const base = "https://example.com/base/dir/index.html";

let sink = null;
let k = 0;
const results = [];
const run = (name, fn) => results.push([name, measure(fn)]);

run("new URL(absolute)", () => {
  sink = new URL(typicalURLs[k++ & 7]);
});
run("new URL(relative, base)", () => {
  sink = new URL(relativeURLs[k++ % 6], base);
});
run("new URL().href", () => {
  sink = new URL(typicalURLs[k++ & 7]).href;
});
run("URL getters", () => {
  const u = new URL(typicalURLs[k++ & 7]);
  sink = u.protocol + u.host + u.pathname + u.search + u.hash;
});
run("URL.canParse", () => {
  sink = URL.canParse(typicalURLs[k++ & 7]);
});
const idnURLs = ["https://münchen.example/", "https://例え.テスト/path", "https://faß.de/"];
run("new URL(IDN host)", () => {
  sink = new URL(idnURLs[k++ % 3]);
});
const queries = [
  "a=1&b=2&c=hello+world&d=%20x&e=f",
  "q=search+terms&page=3&sort=desc",
  "name=J%C3%BCrgen&city=M%C3%BCnchen&tags=a,b,c",
];
run("URLSearchParams parse", () => {
  sink = new URLSearchParams(queries[k++ % 3]);
});
const params = new URLSearchParams({ q: "hello world", lang: "en", page: "2", filter: "a&b=c", emoji: "\u{1F600}" });
run("URLSearchParams toString", () => {
  sink = params.toString();
});
run("URLSearchParams append+get", () => {
  const p = new URLSearchParams();
  p.append("a", "1");
  p.append("b", "2");
  sink = p.get("b");
});
run("url.searchParams.set", () => {
  const u = new URL("https://example.com/?a=1&b=2");
  u.searchParams.set("c", "3");
  sink = u.href;
});

for (let i = 0; i < results.length; i++) print(results[i][0] + "\t" + results[i][1]);
void sink;
