// fetch() (https://fetch.spec.whatwg.org/#fetch-method) for a server runtime.
//
// JS runs the Fetch Standard's algorithms: the fetch() method steps (Request construction,
// abort), main fetch's scheme dispatch (http(s): and data: only), HTTP-redirect fetch
// (follow / error / manual, the 301/302/303 method rewrite, request-body header removal,
// Authorization dropped across origins, 20 redirects at most, stream bodies cannot be
// replayed), the data: URL processor, and the default request headers. Bytes move through
// the `fetch*` ops (Sources/VergeEdge/Ops/FetchOps.swift) over AsyncHTTPClient:
// request bodies stream from a ReadableStream with backpressure, response bodies are byte
// streams pulled from Swift one chunk at a time (nothing is read from the socket faster
// than JS reads), and Content-Encoding (gzip, deflate, br) is decoded in Swift.
//
// What a server runtime does differently from a browser (conformance/fetch/DIVERGENCES.md):
// no CORS (every response is "basic"), no cookies, no HTTP cache, `redirect: "manual"`
// returns the redirect response itself (as Deno and Workers do) instead of an opaque one.
//
// In served edge segments, fetch has Next.js's data cache: `cache: "force-cache"`, and
// `next: { revalidate, tags }` (docs/caching.md). The op `fetchCached` decides; a cached
// response arrives whole and is handed over as a byte stream of one chunk.

const {
  ArrayIsArray,
  ArrayPrototypePush,
  FunctionPrototypeCall,
  NumberIsNaN,
  ObjectFreeze,
  PromisePrototypeThen,
  PromiseReject,
  PromiseResolve,
  PromiseWithResolvers,
  PromiseMarkHandled,
  SafeFinalizationRegistry,
  SafeSet,
  SetPrototypeAdd,
  SetPrototypeHas,
  StringPrototypeCharCodeAt,
  StringPrototypeIndexOf,
  StringPrototypeSlice,
  StringPrototypeToLowerCase,
  TypeError,
  TypedArrayPrototypeGetSymbolToStringTag,
  Uint8Array,
} = core.primordials;
const { ops, config } = core;

const webidl = core.require("webidl");
const streams = core.require("streams");
const requestModule = core.require("request");
const responseModule = core.require("response");
const abortModule = core.require("abort");
const mime = core.require("mime");
const urlModule = core.require("url");

const REDIRECT_LIMIT = 20;

// ---------------------------------------------------------------------------------------
// URLs

// URL parsing through the url module's internals when it exports them, else its URL class
// (getters captured when fetch is first used). parseURL returns { href, origin } or null.
const URLClass = urlModule.URL;
const urlGetters = (() => {
  const proto = URLClass.prototype;
  const get = (name) => core.primordials.ObjectGetOwnPropertyDescriptor(proto, name).get;
  return { href: get("href"), origin: get("origin") };
})();

function parseURL(input, base = undefined) {
  if (typeof urlModule.parseURL === "function" && typeof urlModule.serializeURL === "function" &&
      typeof urlModule.serializeOrigin === "function") {
    // The url module's internal parser (immune to patched URL.prototype getters).
    const record = urlModule.parseURL(input, base);
    if (record === null || typeof record !== "object" || typeof record.scheme !== "string") return null;
    return { href: urlModule.serializeURL(record), origin: urlModule.serializeOrigin(record) };
  }
  let url;
  try {
    url = base === undefined ? new URLClass(input) : new URLClass(input, base);
  } catch {
    return null;
  }
  return {
    href: FunctionPrototypeCall(urlGetters.href, url),
    origin: FunctionPrototypeCall(urlGetters.origin, url),
  };
}

/** The scheme of a serialized URL ("https"). */
function schemeOf(href) {
  const colon = StringPrototypeIndexOf(href, ":");
  return StringPrototypeToLowerCase(StringPrototypeSlice(href, 0, colon));
}

/** The URL serializer with "exclude fragment". */
function withoutFragment(href) {
  const hash = StringPrototypeIndexOf(href, "#");
  return hash === -1 ? href : StringPrototypeSlice(href, 0, hash);
}

function fragmentOf(href) {
  const hash = StringPrototypeIndexOf(href, "#");
  return hash === -1 ? null : StringPrototypeSlice(href, hash + 1);
}

// ---------------------------------------------------------------------------------------
// Header lists (flat arrays [name, value, …], names lowercased by the headers module)

function headerIndex(list, name) {
  for (let i = 0; i < list.length; i += 2) {
    if (StringPrototypeToLowerCase(list[i]) === name) return i;
  }
  return -1;
}

function hasHeader(list, name) {
  return headerIndex(list, name) !== -1;
}

function deleteHeader(list, name) {
  const kept = [];
  for (let i = 0; i < list.length; i += 2) {
    if (StringPrototypeToLowerCase(list[i]) !== name) {
      ArrayPrototypePush(kept, list[i], list[i + 1]);
    }
  }
  return kept;
}

function headerValues(list, name) {
  const values = [];
  for (let i = 0; i < list.length; i += 2) {
    if (StringPrototypeToLowerCase(list[i]) === name) ArrayPrototypePush(values, list[i + 1]);
  }
  return values;
}

// https://fetch.spec.whatwg.org/#bad-port
const badPorts = new SafeSet();
{
  const list = [1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102,
    103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514,
    515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
    3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080];
  for (let i = 0; i < list.length; i++) SetPrototypeAdd(badPorts, list[i]);
}

/** The explicit port of a serialized http(s) URL, or null. */
function portOf(href) {
  // scheme "://" [userinfo "@"] host [":" port] ("/" | end) — serialized URLs are canonical.
  const start = StringPrototypeIndexOf(href, "//") + 2;
  let end = start;
  while (end < href.length) {
    const c = StringPrototypeCharCodeAt(href, end);
    if (c === 0x2f || c === 0x3f || c === 0x23) break;
    end++;
  }
  const authority = StringPrototypeSlice(href, start, end);
  const at = core.primordials.StringPrototypeLastIndexOf(authority, "@");
  const host = at === -1 ? authority : StringPrototypeSlice(authority, at + 1);
  const bracket = core.primordials.StringPrototypeLastIndexOf(host, "]");
  const colon = core.primordials.StringPrototypeLastIndexOf(host, ":");
  if (colon === -1 || colon < bracket) return null;
  return +StringPrototypeSlice(host, colon + 1);
}

const requestBodyHeaderNames = ["content-encoding", "content-language", "content-location", "content-type"];

// ---------------------------------------------------------------------------------------
// data: URLs (https://fetch.spec.whatwg.org/#data-url-processor)

function isASCIIWhitespace(c) {
  return c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20;
}

function stripASCIIWhitespace(s) {
  let start = 0;
  let end = s.length;
  while (start < end && isASCIIWhitespace(StringPrototypeCharCodeAt(s, start))) start++;
  while (end > start && isASCIIWhitespace(StringPrototypeCharCodeAt(s, end - 1))) end--;
  return StringPrototypeSlice(s, start, end);
}

function hexValue(c) {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return -1;
}

/** Percent-decodes a string of code points < 0x100 (a serialized URL is ASCII) to bytes. */
function percentDecodeToBytes(input) {
  const output = new Uint8Array(input.length);
  let length = 0;
  for (let i = 0; i < input.length; i++) {
    const c = StringPrototypeCharCodeAt(input, i);
    if (c === 0x25 && i + 2 < input.length + 0) {
      const high = hexValue(StringPrototypeCharCodeAt(input, i + 1));
      const low = i + 2 < input.length ? hexValue(StringPrototypeCharCodeAt(input, i + 2)) : -1;
      if (high !== -1 && low !== -1) {
        output[length++] = high * 16 + low;
        i += 2;
        continue;
      }
    }
    output[length++] = c & 0xff;
  }
  return core.primordials.TypedArrayPrototypeSubarray(output, 0, length);
}

function base64Value(c) {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52;
  if (c === 0x2b) return 62;
  if (c === 0x2f) return 63;
  return -1;
}

/** Forgiving-base64 decode (https://infra.spec.whatwg.org/#forgiving-base64-decode) of bytes. */
function forgivingBase64Decode(bytes) {
  // 1. Remove all ASCII whitespace.
  const data = new Uint8Array(bytes.length);
  let length = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (!isASCIIWhitespace(c)) data[length++] = c;
  }
  // 2. If length % 4 is 0, remove one or two trailing "=".
  if (length % 4 === 0 && length > 0) {
    if (data[length - 1] === 0x3d) {
      length--;
      if (data[length - 1] === 0x3d) length--;
    }
  }
  // 3. If length % 4 is 1, failure.
  if (length % 4 === 1) return null;
  const output = new Uint8Array(((length * 3) >> 2) + 3);
  let written = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < length; i++) {
    const value = base64Value(data[i]);
    // 4. Any code point not in the base64 alphabet ("=" included here): failure.
    if (value === -1) return null;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits === 24) {
      output[written++] = (buffer >> 16) & 0xff;
      output[written++] = (buffer >> 8) & 0xff;
      output[written++] = buffer & 0xff;
      buffer = 0;
      bits = 0;
    }
  }
  if (bits === 12) {
    output[written++] = (buffer >> 4) & 0xff;
  } else if (bits === 18) {
    output[written++] = (buffer >> 10) & 0xff;
    output[written++] = (buffer >> 2) & 0xff;
  }
  return core.primordials.TypedArrayPrototypeSlice(output, 0, written);
}

/** Returns { mimeType (serialized), body (Uint8Array) } or null on failure. */
function processDataURL(href) {
  // 2-3. Serialize with exclude fragment, remove the leading "data:".
  let input = StringPrototypeSlice(withoutFragment(href), 5);
  // 5. Collect code points that are not ",".
  const comma = StringPrototypeIndexOf(input, ",");
  // 7. Past the end: failure.
  if (comma === -1) return null;
  // 6. Strip leading and trailing ASCII whitespace.
  let mimeType = stripASCIIWhitespace(StringPrototypeSlice(input, 0, comma));
  // 8-10. The rest, percent-decoded.
  let body = percentDecodeToBytes(StringPrototypeSlice(input, comma + 1));
  // 11. ";" then spaces then "base64" (ASCII case-insensitive) at the end.
  let end = mimeType.length;
  if (end >= 6 && StringPrototypeToLowerCase(StringPrototypeSlice(mimeType, end - 6)) === "base64") {
    let p = end - 6;
    while (p > 0 && StringPrototypeCharCodeAt(mimeType, p - 1) === 0x20) p--;
    if (p > 0 && StringPrototypeCharCodeAt(mimeType, p - 1) === 0x3b) {
      body = forgivingBase64Decode(body);
      if (body === null) return null;
      mimeType = StringPrototypeSlice(mimeType, 0, p - 1);
    }
  }
  // 12. Starts with ";": prepend "text/plain".
  if (StringPrototypeCharCodeAt(mimeType, 0) === 0x3b) mimeType = "text/plain" + mimeType;
  // 13-14. Parse it; on failure text/plain;charset=US-ASCII.
  const record = mime.parseMimeType(mimeType);
  const serialized = record === null ? "text/plain;charset=US-ASCII" : mime.serializeMimeType(record);
  void input;
  input = null;
  return { mimeType: serialized, body };
}

// ---------------------------------------------------------------------------------------
// Errors

function networkError(message, cause = undefined) {
  return cause === undefined ? new TypeError(message) : new TypeError(message, { cause });
}

function isUint8Array(value) {
  return TypedArrayPrototypeGetSymbolToStringTag(value) === "Uint8Array";
}

/** A request body as fetch sends it: null, a Uint8Array, or a ReadableStream. */
function normalizeBody(body) {
  if (body === null || body === undefined) return null;
  if (streams.isReadableStream(body)) return body;
  if (typeof body === "string") return core.ops.utf8Encode(body);
  return webidl.bufferSourceBytes(body);
}

// Next.js's fetch extension: `init.next = { revalidate, tags }` for the data cache
// (docs/caching.md). Returns undefined or { revalidate, tags } with both validated.
const MAX_TAGS = 128;
const MAX_TAG_LENGTH = 256;

function nextFetchOptions(init) {
  if (init === undefined || init === null || (typeof init !== "object" && typeof init !== "function")) return undefined;
  const next = init.next;
  if (next === undefined) return undefined;
  if (next === null || (typeof next !== "object" && typeof next !== "function")) {
    throw new TypeError("Failed to execute 'fetch': `next` must be an object such as { revalidate: 60, tags: ['posts'] }");
  }
  const revalidate = next.revalidate;
  if (revalidate !== undefined && revalidate !== false &&
      (typeof revalidate !== "number" || NumberIsNaN(revalidate) || revalidate < 0)) {
    throw new TypeError(
      `Failed to execute 'fetch': next.revalidate must be false, 0 or a positive number of seconds, not ${typeof revalidate === "number" ? revalidate : typeof revalidate}`,
    );
  }
  const list = next.tags;
  let tags;
  if (list !== undefined) {
    if (!ArrayIsArray(list)) throw new TypeError("Failed to execute 'fetch': next.tags must be an array of strings");
    const count = list.length;
    if (count > MAX_TAGS) {
      throw new TypeError(`Failed to execute 'fetch': next.tags has ${count} tags; at most ${MAX_TAGS} are allowed`);
    }
    tags = [];
    for (let i = 0; i < count; i++) {
      const tag = list[i];
      if (typeof tag !== "string") throw new TypeError(`Failed to execute 'fetch': next.tags[${i}] is not a string`);
      if (tag.length > MAX_TAG_LENGTH) {
        throw new TypeError(
          `Failed to execute 'fetch': next.tags[${i}] is ${tag.length} characters long; at most ${MAX_TAG_LENGTH} are allowed`,
        );
      }
      ArrayPrototypePush(tags, tag);
    }
  }
  return { __proto__: null, revalidate, tags };
}

// Cancels the network request of a response body stream dropped without being read to the end.
const droppedBodies = new SafeFinalizationRegistry((id) => ops.fetchCancel(id));

// ---------------------------------------------------------------------------------------
// One fetch() call

class FetchCall {
  constructor(request, resolve, reject) {
    this.method = request.method;
    this.url = request.url;
    this.headers = request.headers;
    this.body = normalizeBody(request.body); // null | Uint8Array | ReadableStream
    this.bodyIsStream = this.body !== null && !isUint8Array(this.body);
    this.redirectMode = request.redirect ?? "follow";
    this.cache = request.cache ?? "default";
    this.signal = request.signal ?? null;
    this.resolve = resolve;
    this.reject = reject;
    this.urlList = [request.url];
    this.redirectCount = 0;
    this.settled = false; // the fetch() promise is settled
    this.aborted = false;
    this.taskID = 0; // the network request in flight (0: none)
    this.bodyStream = null; // the response body (a byte stream)
    this.bodyDone = false;
    this.requestBodyStream = this.bodyIsStream ? this.body : null;
    this.abortAlgorithm = null;
    this.nextOptions = undefined; // { revalidate, tags } from init.next
    this.cacheChecked = false;
  }

  get currentURL() {
    return this.urlList[this.urlList.length - 1];
  }

  // "Abort the fetch() call" with `error`.
  abort(error) {
    if (this.aborted) return;
    this.aborted = true;
    if (this.taskID !== 0) {
      ops.fetchCancel(this.taskID);
      this.taskID = 0;
    }
    this.settle(false, error);
    if (this.requestBodyStream !== null) {
      const stream = this.requestBodyStream;
      this.requestBodyStream = null;
      PromiseMarkHandled(streams.readableStreamCancel(stream, error));
    }
    if (this.bodyStream !== null && !this.bodyDone) {
      this.bodyDone = true;
      streams.readableStreamError(this.bodyStream, error);
    }
    this.cleanUp();
  }

  settle(fulfilled, value) {
    if (this.settled) return;
    this.settled = true;
    if (fulfilled) this.resolve(value);
    else this.reject(value);
  }

  fail(error) {
    if (this.taskID !== 0) {
      ops.fetchCancel(this.taskID);
      this.taskID = 0;
    }
    if (this.requestBodyStream !== null) {
      const stream = this.requestBodyStream;
      this.requestBodyStream = null;
      PromiseMarkHandled(streams.readableStreamCancel(stream, error));
    }
    this.settle(false, error);
    this.cleanUp();
  }

  cleanUp() {
    if (this.abortAlgorithm !== null) {
      abortModule.removeAbortAlgorithm(this.signal, this.abortAlgorithm);
      this.abortAlgorithm = null;
    }
  }

  // Main fetch: the scheme decides.
  mainFetch() {
    if (this.aborted) return;
    const url = this.currentURL;
    const scheme = schemeOf(url);
    switch (scheme) {
      case "http":
      case "https": {
        // "Should request be blocked due to a bad port": a network error.
        const port = portOf(url);
        if (port !== null && SetPrototypeHas(badPorts, port)) {
          this.fail(networkError(`fetch failed: port ${port} is a bad port (blocked by the Fetch Standard): ${url}`));
          return;
        }
        if (!this.cacheChecked) {
          this.cacheChecked = true;
          if (this.dataCacheFetch()) return;
        }
        this.httpFetch();
        return;
      }
      case "data":
        this.dataFetch(url);
        return;
      default:
        this.fail(networkError(
          `fetch failed: the URL scheme "${scheme}:" is not supported (only http:, https: and data: URLs can be fetched): ${url}`,
        ));
    }
  }

  dataFetch(url) {
    const data = processDataURL(url);
    if (data === null) {
      this.fail(networkError(`fetch failed: invalid data: URL (no "," or bad base64): ${url}`));
      return;
    }
    // The response is made "in parallel": resolve in a later microtask.
    PromisePrototypeThen(PromiseResolve(undefined), () => {
      if (this.aborted) return;
      // Main fetch: a HEAD (or CONNECT) response has a null body, whatever the scheme.
      const stream = this.method === "HEAD" || this.method === "CONNECT" ? null : bytesStream(data.body);
      this.respond(200, "OK", ["content-type", data.mimeType], stream);
    });
  }

  // The data cache (Next.js semantics, Sources/VergeEdge/Ops/FetchCacheOps.swift): true when
  // it answers (now or later), false when the request goes to the network as usual.
  dataCacheFetch() {
    if (this.bodyIsStream || this.redirectMode !== "follow") return false;
    const next = this.nextOptions;
    let result;
    try {
      result = ops.fetchCached(this.method, withoutFragment(this.currentURL), this.headers,
        this.body === null ? undefined : this.body, this.cache,
        next === undefined ? undefined : next.revalidate, next === undefined ? undefined : next.tags);
    } catch (error) {
      // A fetch the segment's fetchCache forbids, or the subrequest limit.
      this.fail(error);
      return true;
    }
    if (result === null) return false;
    if (ArrayIsArray(result)) {
      this.respondCached(result);
      return true;
    }
    PromisePrototypeThen(result, (value) => {
      if (this.aborted) return;
      if (!ArrayIsArray(value)) {
        this.fail(networkError("fetch failed", value));
        return;
      }
      this.respondCached(value);
    });
    return true;
  }

  // [status, statusText, headers, body, url, redirected, state] from the data cache.
  respondCached(result) {
    const status = result[0];
    if (result[5]) ArrayPrototypePush(this.urlList, result[4]);
    const nullBody = status === 101 || status === 103 || status === 204 || status === 205 || status === 304;
    const stream = nullBody || this.method === "HEAD" ? null : bytesStream(result[3]);
    this.respond(status, result[1], result[2], stream);
    // The body is already in memory: nothing is left for an abort to stop.
    this.cleanUp();
  }

  requestHeaders() {
    let list = [];
    for (let i = 0; i < this.headers.length; i++) ArrayPrototypePush(list, this.headers[i]);
    // fetch step 12: Accept.
    if (!hasHeader(list, "accept")) ArrayPrototypePush(list, "accept", "*/*");
    // HTTP-network-or-cache fetch: User-Agent, cache headers, Accept-Encoding.
    if (!hasHeader(list, "user-agent")) ArrayPrototypePush(list, "user-agent", config.userAgent ?? "Verge");
    if (this.cache === "no-store" || this.cache === "reload") {
      if (!hasHeader(list, "pragma")) ArrayPrototypePush(list, "pragma", "no-cache");
      if (!hasHeader(list, "cache-control")) ArrayPrototypePush(list, "cache-control", "no-cache");
    } else if (this.cache === "no-cache" && !hasHeader(list, "cache-control")) {
      ArrayPrototypePush(list, "cache-control", "max-age=0");
    }
    if (hasHeader(list, "range")) {
      if (!hasHeader(list, "accept-encoding")) ArrayPrototypePush(list, "accept-encoding", "identity");
    } else if (!hasHeader(list, "accept-encoding")) {
      ArrayPrototypePush(list, "accept-encoding", "gzip, deflate, br");
    }
    return list;
  }

  httpFetch() {
    let bodyKind = 0;
    let bodyBytes;
    if (this.body !== null) {
      if (this.bodyIsStream) {
        bodyKind = 2;
      } else {
        bodyKind = 1;
        bodyBytes = this.body;
      }
    }
    let id;
    try {
      id = ops.fetchStart(this.method, withoutFragment(this.currentURL), this.requestHeaders(), bodyKind, bodyBytes,
        this.method !== "HEAD");
    } catch (error) {
      // The subrequest limit, or a request AsyncHTTPClient cannot express.
      this.fail(error);
      return;
    }
    this.taskID = id;
    const head = ops.fetchResponse(id);
    if (bodyKind === 2) this.pumpRequestBody(id, this.body);
    PromisePrototypeThen(head, (result) => this.onHead(id, result));
  }

  // Streams the request body to the connection, one chunk at a time.
  pumpRequestBody(id, stream) {
    let reader;
    try {
      reader = streams.acquireReadableStreamDefaultReader(stream);
    } catch (error) {
      ops.fetchWriteError(id, "the request body stream is locked");
      this.fail(networkError("fetch failed: the request body stream is locked", error));
      return;
    }
    const step = () => {
      if (this.aborted || this.taskID !== id) return;
      PromisePrototypeThen(streams.readableStreamDefaultReaderRead(reader), (result) => {
        if (this.aborted || this.taskID !== id) return;
        if (result.done) {
          this.requestBodyStream = null;
          ops.fetchWriteEnd(id);
          return;
        }
        const chunk = result.value;
        if (!isUint8Array(chunk)) {
          const error = new TypeError("fetch failed: request body stream chunks must be Uint8Arrays");
          ops.fetchWriteError(id, "a chunk is not a Uint8Array");
          this.fail(error);
          return;
        }
        PromisePrototypeThen(ops.fetchWrite(id, chunk), step, () => {
          // The connection failed; the response side reports it.
        });
      }, (error) => {
        if (this.aborted || this.taskID !== id) return;
        this.requestBodyStream = null;
        ops.fetchWriteError(id, String(error));
        this.fail(networkError("fetch failed: the request body stream errored", error));
      });
    };
    step();
  }

  onHead(id, result) {
    if (this.aborted || this.taskID !== id) {
      ops.fetchCancel(id);
      return;
    }
    if (!ArrayIsArray(result)) {
      // A network error: `result` is an Error with `code`.
      this.taskID = 0;
      this.fail(networkError("fetch failed", result));
      return;
    }
    const status = result[0];
    const statusText = result[1];
    const headers = result[2];
    if (status === 301 || status === 302 || status === 303 || status === 307 || status === 308) {
      if (this.redirectMode === "error") {
        ops.fetchDiscard(id);
        this.taskID = 0;
        this.fail(networkError(`fetch failed: the server answered with a redirect (${status}) and the request's redirect mode is "error"`));
        return;
      }
      if (this.redirectMode === "follow") {
        if (this.followRedirect(id, status, headers)) return;
      }
      // "manual" (or a redirect without Location): the response itself.
    }
    this.respondFromNetwork(id, status, statusText, headers);
  }

  // HTTP-redirect fetch. Returns false when there is no Location (the response is returned).
  followRedirect(id, status, headers) {
    // Location URL: extract header list values for `Location`.
    const locations = headerValues(headers, "location");
    if (locations.length === 0) return false;
    const fail = (message) => {
      ops.fetchDiscard(id);
      this.taskID = 0;
      this.fail(networkError(`fetch failed: ${message}`));
      return true;
    };
    if (locations.length > 1) return fail("the redirect response has more than one Location header");
    const location = parseURL(locations[0], this.currentURL);
    if (location === null) return fail(`the redirect Location '${locations[0]}' is not a valid URL`);
    const scheme = schemeOf(location.href);
    if (scheme !== "http" && scheme !== "https") {
      return fail(`the redirect Location '${location.href}' is not an http(s) URL`);
    }
    if (this.redirectCount === REDIRECT_LIMIT) {
      return fail(`too many redirects (more than ${REDIRECT_LIMIT}), the last to ${location.href}`);
    }
    this.redirectCount++;
    // A stream body cannot be sent again.
    if (status !== 303 && this.body !== null && this.bodyIsStream) {
      return fail(`cannot follow the ${status} redirect to ${location.href}: the request body is a ReadableStream, which cannot be sent twice`);
    }
    if (((status === 301 || status === 302) && this.method === "POST") ||
        (status === 303 && this.method !== "GET" && this.method !== "HEAD")) {
      this.method = "GET";
      this.body = null;
      this.bodyIsStream = false;
      if (this.requestBodyStream !== null) {
        // The stream was consumed (or is being): nothing more to send.
        this.requestBodyStream = null;
      }
      for (let i = 0; i < requestBodyHeaderNames.length; i++) {
        this.headers = deleteHeader(this.headers, requestBodyHeaderNames[i]);
      }
    }
    const current = parseURL(this.currentURL);
    if (current === null || current.origin !== location.origin || current.origin === "null") {
      this.headers = deleteHeader(this.headers, "authorization");
    }
    // The request's fragment carries over when the Location has none.
    let href = location.href;
    if (fragmentOf(href) === null) {
      const fragment = fragmentOf(this.currentURL);
      if (fragment !== null) href += "#" + fragment;
    }
    ops.fetchDiscard(id);
    this.taskID = 0;
    ArrayPrototypePush(this.urlList, href);
    this.mainFetch();
    return true;
  }

  respondFromNetwork(id, status, statusText, headers) {
    const nullBody = status === 101 || status === 103 || status === 204 || status === 205 || status === 304;
    let stream = null;
    if (nullBody || this.method === "HEAD") {
      ops.fetchDiscard(id);
      this.taskID = 0;
    } else {
      stream = this.networkBodyStream(id);
    }
    this.respond(status, statusText, headers, stream);
  }

  respond(status, statusText, headers, stream) {
    let response;
    try {
      response = responseModule.responseFromHost({
        status,
        statusText,
        headers,
        body: stream,
        url: this.currentURL,
        redirected: this.urlList.length > 1,
        type: "basic",
      });
    } catch (error) {
      this.fail(networkError("fetch failed: the response cannot be represented", error));
      return;
    }
    this.settle(true, response);
    if (stream === null) this.cleanUp();
  }

  // The response body: a byte stream pulled from Swift (highWaterMark 0: nothing is asked
  // for before a read).
  networkBodyStream(id) {
    const call = this;
    const stream = streams.createReadableByteStream(
      undefined,
      (controller) => {
        if (call.bodyDone) return undefined;
        return PromisePrototypeThen(ops.fetchRead(id), (chunk) => {
          if (call.bodyDone) return;
          if (chunk === undefined) {
            call.bodyDone = true;
            call.taskID = 0;
            call.cleanUp();
            streams.readableStreamClose(stream);
            return;
          }
          streams.readableByteStreamControllerEnqueue(controller, chunk);
        }, (error) => {
          if (call.bodyDone) return;
          call.bodyDone = true;
          call.taskID = 0;
          call.cleanUp();
          throw error;
        });
      },
      (_reason) => {
        if (!call.bodyDone) {
          call.bodyDone = true;
          call.taskID = 0;
          ops.fetchCancel(id);
          call.cleanUp();
        }
        return PromiseResolve(undefined);
      },
      0,
    );
    this.bodyStream = stream;
    droppedBodies.register(stream, id);
    return stream;
  }
}

/** A byte stream of one Uint8Array (a data: URL body). */
function bytesStream(bytes) {
  const stream = streams.createReadableByteStream(
    undefined,
    (controller) => {
      if (bytes !== null) {
        const chunk = bytes;
        bytes = null;
        if (chunk.length !== 0) streams.readableByteStreamControllerEnqueue(controller, chunk);
        streams.readableStreamClose(stream);
      }
      return undefined;
    },
    () => {
      bytes = null;
      return undefined;
    },
    0,
  );
  return stream;
}

// ---------------------------------------------------------------------------------------
// The fetch() method

const { fetch } = {
  fetch(input, init = undefined) {
    // 1. Let p be a new promise.
    const { promise, resolve, reject } = PromiseWithResolvers();
    // 2. Let requestObject be the result of invoking Request's initial constructor.
    let requestObject;
    let request;
    let nextOptions;
    try {
      if (arguments.length < 1) {
        throw new TypeError("Failed to execute 'fetch': 1 argument required, but only 0 present.");
      }
      requestObject = new requestModule.Request(input, init);
      request = requestModule.requestToHost(requestObject);
      nextOptions = nextFetchOptions(init);
    } catch (error) {
      return PromiseReject(error);
    }
    const call = new FetchCall(request, resolve, reject);
    call.nextOptions = nextOptions;
    const signal = call.signal;
    // 4. If requestObject's signal is aborted: abort the fetch() call.
    if (signal !== null && abortModule.isAborted(signal)) {
      call.abort(abortModule.abortReason(signal));
      return promise;
    }
    // 11. Abort steps on the signal.
    if (signal !== null) {
      call.abortAlgorithm = () => call.abort(abortModule.abortReason(signal));
      abortModule.addAbortAlgorithm(signal, call.abortAlgorithm);
    }
    // 12. Fetch.
    try {
      call.mainFetch();
    } catch (error) {
      call.fail(error instanceof TypeError ? error : networkError("fetch failed", error));
    }
    return promise;
  },
};

return ObjectFreeze({
  __proto__: null,
  fetch,
  processDataURL,
  forgivingBase64Decode,
});
