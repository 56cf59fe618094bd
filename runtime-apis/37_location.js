// WorkerLocation (HTML, https://html.spec.whatwg.org/multipage/workers.html#worker-locations):
// the global `location` of `verge run --location URL`. Its URL is `core.config.location`,
// fixed for the realm's life; it is also the base URL of relative URLs in `new Request()`,
// `Response.redirect()` and `fetch()`. Without `--location` (edge handlers in the server)
// there is no `location` global and relative URLs throw a TypeError, as in Workers.

const {
  ObjectFreeze,
  ObjectGetOwnPropertyDescriptor,
  ReflectApply,
  Symbol,
  TypeError,
} = core.primordials;
const webidl = core.require("webidl");

const constructorKey = Symbol("WorkerLocation");

/** The URL's components as the HTML getters return them. */
function components(href) {
  const url = parseURL(href);
  if (url === null) {
    throw new TypeError(`--location: '${href}' is not an absolute URL`);
  }
  return url;
}

// The URL parser comes from the url module. Its internal `parseURL` (when exported)
// is immune to user code patching URL.prototype; else the URL class is used right here,
// at the first touch of `location`, before user code could have replaced its getters
// (the url module is loaded by this call if it was not loaded yet).
function parseURL(href) {
  const urlModule = core.require("url");
  if (typeof urlModule.parseURL === "function" && typeof urlModule.serializeURL === "function" &&
      typeof urlModule.serializeOrigin === "function") {
    // The url module's internal URL record: the HTML getters read it directly.
    const url = urlModule.parseURL(href, undefined);
    if (url === null || typeof url !== "object" || typeof url.scheme !== "string") return null;
    const host = url.host === null ? "" : url.port === null ? url.host : `${url.host}:${url.port}`;
    return {
      href: urlModule.serializeURL(url),
      origin: urlModule.serializeOrigin(url),
      protocol: url.scheme + ":",
      host,
      hostname: url.host ?? "",
      port: url.port === null ? "" : `${url.port}`,
      pathname: url.path,
      search: url.query === null || url.query === "" ? "" : "?" + url.query,
      hash: url.fragment === null || url.fragment === "" ? "" : "#" + url.fragment,
    };
  }
  const URLClass = urlModule.URL;
  let url;
  try {
    url = new URLClass(href);
  } catch {
    return null;
  }
  const get = (name) => ReflectApply(ObjectGetOwnPropertyDescriptor(URLClass.prototype, name).get, url, []);
  return {
    href: get("href"),
    origin: get("origin"),
    protocol: get("protocol"),
    host: get("host"),
    hostname: get("hostname"),
    port: get("port"),
    pathname: get("pathname"),
    search: get("search"),
    hash: get("hash"),
  };
}

let isWorkerLocation;

class WorkerLocation {
  #url;

  constructor(key = undefined, url = undefined) {
    if (key !== constructorKey) webidl.illegalConstructor();
    this.#url = url;
  }

  get href() {
    webidl.assertBranded(this, isWorkerLocation);
    return this.#url.href;
  }

  get origin() {
    webidl.assertBranded(this, isWorkerLocation);
    return this.#url.origin;
  }

  get protocol() {
    webidl.assertBranded(this, isWorkerLocation);
    return this.#url.protocol;
  }

  get host() {
    webidl.assertBranded(this, isWorkerLocation);
    return this.#url.host;
  }

  get hostname() {
    webidl.assertBranded(this, isWorkerLocation);
    return this.#url.hostname;
  }

  get port() {
    webidl.assertBranded(this, isWorkerLocation);
    return this.#url.port;
  }

  get pathname() {
    webidl.assertBranded(this, isWorkerLocation);
    return this.#url.pathname;
  }

  get search() {
    webidl.assertBranded(this, isWorkerLocation);
    return this.#url.search;
  }

  get hash() {
    webidl.assertBranded(this, isWorkerLocation);
    return this.#url.hash;
  }

  // stringifier: the href.
  toString() {
    webidl.assertBranded(this, isWorkerLocation);
    return this.#url.href;
  }

  static {
    isWorkerLocation = (value) => value !== null && typeof value === "object" && #url in value;
  }
}

webidl.configureInterface(WorkerLocation);

let location = null;
if (core.config.location !== undefined && core.config.location !== null) {
  const url = components(core.config.location);
  location = new WorkerLocation(constructorKey, ObjectFreeze({ __proto__: null, ...url }));
}

return ObjectFreeze({
  __proto__: null,
  WorkerLocation,
  location,
  isWorkerLocation,
});
