// The HTTP server's side of an edge realm (loaded only in realms the server creates).
//
// Swift evaluates a segment's bundle, then calls `prepareSegment(route, layouts, kind)`
// once, and `handle(segment, id, …)` per request. Responses go back through host ops:
//   ops.serverRespond(id, status, statusText, headerBlock, kind, body)  kind: 0 none, 1 string, 2 bytes, 3 stream
//   ops.serverWrite(id, Uint8Array) → true (go on) | false (client gone) | Promise<boolean> (wait for the socket)
//   ops.serverEnd(id), ops.serverFail(id, message)
//   ops.serverBodyRead(id) → Promise<Uint8Array | null>  (the request body, pulled from the socket)
//   ops.serverCurrentRequest() → the id of the request the running code belongs to (0: none)
//   ops.serverContinue(id, target, hasRequestHeaders, requestHeaderBlock, responseHeaderBlock)
//     middleware (or a Next.js rewrite): route the request on, to `target` ("" = same URL),
//     with new request headers when `hasRequestHeaders`, merging the response headers given
// Header lists cross as one string "name\nvalue\nname\nvalue" (HTTP forbids LF inside both).
//
// Next.js compatibility (docs/next-compat.md): this module defines a non-enumerable global
// under Symbol.for("verge.next.bridge") for the `next/server` and `next/headers` modules Verge
// bundles: `currentContext()` finds the record of the running request (the async context of
// `headers()` and `cookies()`), `install(hooks)` makes handlers receive NextRequest objects,
// and responses carrying Next.js's `x-middleware-*` headers are interpreted here.

const {
  ArrayPrototypeJoin,
  ArrayPrototypePush,
  ArrayPrototypeSort,
  Error,
  FunctionPrototypeCall,
  JSONParse,
  MapPrototypeDelete,
  MapPrototypeGet,
  MapPrototypeSet,
  ObjectDefineProperty,
  ObjectFreeze,
  ObjectKeys,
  PromisePrototypeThen,
  PromiseResolve,
  SafeMap,
  SafeSet,
  SetPrototypeAdd,
  SetPrototypeHas,
  StringPrototypeSplit,
  StringPrototypeIndexOf,
  StringPrototypeSlice,
  StringPrototypeStartsWith,
  StringPrototypeToLowerCase,
  StringPrototypeTrim,
  SymbolFor,
  ObjectSetPrototypeOf,
  TypeError,
  globalThis,
  TypedArrayPrototypeGetSymbolToStringTag,
  Uint8Array,
} = core.primordials;
const ops = core.ops;

const requestModule = core.require("request");
const responseModule = core.require("response");
// Streams and console load on first use: most requests neither read a body nor stream a
// response nor fail, and each module a realm loads costs its boot time and memory.
const streams = () => core.require("streams");
const bodyModule = core.require("body");
// AbortSignal (and with it events) loads when a request's signal is first needed.
const abort = () => core.require("abort");
const formatError = (error) => core.require("console").formatError(error);
const { Response } = responseModule;

const KNOWN_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];

// id -> the record of a request in flight: { id, signal, abortReason, request, kind,
// setCookies, sent, next (next/headers' state), after (callbacks) }. Also what
// `currentContext()` returns. `signal` is made on first use (`signalOfRecord`).
const inflight = new SafeMap();

/**
 * The signal aborted when the request's client goes away or a limit ends it, made on first
 * use; one made after that happened is made aborted, with the same reason.
 */
function signalOfRecord(record) {
  if (record.signal === null) {
    const signal = abort().newAbortSignal();
    record.signal = signal;
    if (record.abortReason !== undefined) abort().signalAbort(signal, record.abortReason);
  }
  return record.signal;
}

// ---------------------------------------------------------------------------------------
// The Next.js bridge

// Set by next/server when a segment's bundle includes it: { wrapRequest, fetchEvent }.
let nextHooks = null;

const bridge = ObjectFreeze({
  __proto__: null,
  /** The record of the request the running code belongs to, or undefined. */
  currentContext() {
    const id = ops.serverCurrentRequest();
    return id === 0 ? undefined : MapPrototypeGet(inflight, id);
  },
  /** next/server: hand handlers NextRequest objects (and middleware its NextFetchEvent). */
  install(hooks) {
    if (nextHooks !== null || hooks === null || typeof hooks !== "object") return;
    const wrapRequest = hooks.wrapRequest;
    const fetchEvent = hooks.fetchEvent;
    const isNextResponse = hooks.isNextResponse;
    if (typeof wrapRequest !== "function" || typeof fetchEvent !== "function" || typeof isNextResponse !== "function") return;
    nextHooks = { __proto__: null, wrapRequest, fetchEvent, isNextResponse };
  },
  /** next/server's after(): run `task` once the response has been sent. */
  after(record, task) {
    if (record.after === null) record.after = [];
    ArrayPrototypePush(record.after, task);
  },
});
ObjectDefineProperty(globalThis, SymbolFor("verge.next.bridge"), { __proto__: null, value: bridge });

/** Reads a segment's exports once: handlers per method and the Allow header. */
function prepareSegment(route, layouts, kind) {
  const handlers = { __proto__: null };
  const methods = [];
  if (kind === "middleware") {
    const run = route.middleware ?? route.proxy ?? route.default;
    if (typeof run !== "function") {
      throw new TypeError("middleware must export a function named `middleware` (or a default export)");
    }
    return ObjectFreeze({ __proto__: null, kind, handlers, run, allow: "", layouts: [], methods: "" });
  }
  if (kind === "page") {
    const render = route.default;
    if (typeof render !== "function") {
      throw new TypeError("a page must `export default` a function returning HTML (a string), a Response or a ReadableStream");
    }
    handlers.GET = render;
    ArrayPrototypePush(methods, "GET");
  } else {
    for (let i = 0; i < KNOWN_METHODS.length; i++) {
      const method = KNOWN_METHODS[i];
      const value = route[method];
      if (typeof value === "function") {
        handlers[method] = value;
        ArrayPrototypePush(methods, method);
      }
    }
  }
  const allowed = [];
  for (let i = 0; i < methods.length; i++) ArrayPrototypePush(allowed, methods[i]);
  if (handlers.GET && !handlers.HEAD) ArrayPrototypePush(allowed, "HEAD");
  if (!handlers.OPTIONS) ArrayPrototypePush(allowed, "OPTIONS");
  ArrayPrototypeSort(allowed);
  const layoutRenderers = [];
  if (kind === "page") {
    for (let i = 0; i < layouts.length; i++) {
      if (typeof layouts[i].default === "function") ArrayPrototypePush(layoutRenderers, layouts[i].default);
    }
  }
  return ObjectFreeze({
    __proto__: null,
    kind,
    handlers,
    allow: ArrayPrototypeJoin(allowed, ", "),
    layouts: layoutRenderers,
    methods: ArrayPrototypeJoin(methods, ","),
  });
}

function splitHeaderBlock(block) {
  return block === "" ? [] : StringPrototypeSplit(block, "\n");
}

function joinHeaders(flat) {
  return ArrayPrototypeJoin(flat, "\n");
}

function requestBodyStream(id) {
  return streams().createReadableStream(
    () => {},
    (controller) =>
      PromisePrototypeThen(ops.serverBodyRead(id), (chunk) => {
        if (chunk === null) streams().readableStreamDefaultControllerClose(controller);
        else streams().readableStreamDefaultControllerEnqueue(controller, chunk);
      }),
    () => {
      ops.serverBodyCancel(id);
    },
    1,
    () => 1,
  );
}

/**
 * Handles one request. `params` is JSON: { name: "value" | ["a", "b"] }.
 * Never throws: every failure ends in ops.serverFail.
 */
function handle(segment, id, method, url, headerBlock, hasBody, paramsJSON) {
  try {
    const record = {
      __proto__: null,
      id,
      signal: null,
      abortReason: undefined,
      request: null,
      kind: segment.kind,
      setCookies: null,
      sent: false,
      next: undefined,
      after: null,
      // The response body being streamed, if any.
      stream: null,
    };
    MapPrototypeSet(inflight, id, record);
    if (segment.kind === "middleware") {
      runMiddleware(segment, record, method, url, headerBlock, hasBody);
      return;
    }
    let handler = segment.handlers[method];
    if (handler === undefined && method === "HEAD") handler = segment.handlers.GET;
    if (handler === undefined) {
      finish(id);
      if (method === "OPTIONS") {
        ops.serverRespond(id, 204, "", "allow\n" + segment.allow, 0, null);
      } else {
        ops.serverRespond(id, 405, "", "allow\n" + segment.allow + "\ncontent-type\ntext/plain;charset=UTF-8", 1,
          "Method Not Allowed");
      }
      return;
    }
    const body = hasBody ? requestBodyStream(id) : null;
    let request = requestModule.requestFromHost({
      method,
      url,
      headers: splitHeaderBlock(headerBlock),
      namesLowercased: true,
      body,
      signal: () => signalOfRecord(record),
    });
    if (nextHooks !== null) request = nextHooks.wrapRequest(request);
    record.request = request;
    const params = paramsJSON === "{}" ? {} : JSONParse(paramsJSON);
    let result;
    if (segment.kind === "page") {
      result = renderPage(segment, handler, params, searchParamsRecord(url));
    } else {
      result = FunctionPrototypeCall(handler, undefined, request, { params: PromiseResolve(params) });
    }
    // A Response returned synchronously is sent now; anything else is awaited (the promise
    // job and its reactions cost about a microsecond a request).
    if (responseModule.isResponse(result)) respond(id, result, segment);
    else PromisePrototypeThen(PromiseResolve(result), (value) => respond(id, value, segment), (error) => fail(id, error));
  } catch (error) {
    fail(id, error);
  }
}

/** Next.js pages get `searchParams` as a record: repeated keys become arrays. */
function searchParamsRecord(url) {
  const record = { __proto__: null };
  const question = StringPrototypeIndexOf(url, "?");
  if (question === -1) return record;
  const { URLSearchParams } = core.require("url");
  const hash = StringPrototypeIndexOf(url, "#");
  const params = new URLSearchParams(StringPrototypeSlice(url, question + 1, hash === -1 ? url.length : hash));
  params.forEach((value, key) => {
    const existing = record[key];
    if (existing === undefined) record[key] = value;
    else if (typeof existing === "string") record[key] = [existing, value];
    else ArrayPrototypePush(existing, value);
  });
  return ObjectSetPrototypeOf(record, core.primordials.Object.prototype);
}

async function renderPage(segment, render, params, searchParams) {
  let html = await render({ params: PromiseResolve(params), searchParams: PromiseResolve(searchParams) });
  if (typeof html !== "string") return html;
  const layouts = segment.layouts;
  for (let i = layouts.length - 1; i >= 0; i--) {
    html = await layouts[i]({ children: html, params: PromiseResolve(params) });
    if (typeof html !== "string") {
      throw new TypeError("a layout must return a string of HTML (it receives { children, params })");
    }
  }
  return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
}

function respond(id, value, segment) {
  try {
    if (segment.kind === "page" && !responseModule.isResponse(value) && bodyModule.isReadableStream(value)) {
      value = new Response(value, { headers: { "content-type": "text/html; charset=utf-8" } });
    }
    if (!responseModule.isResponse(value)) {
      const kind = value === undefined ? "undefined" : value === null ? "null" : typeof value;
      throw new TypeError(`the handler returned ${kind}, not a Response: return new Response(...) or Response.json(...)`);
    }
    const host = responseModule.responseToHost(value);
    let list = host.headers;
    const record = MapPrototypeGet(inflight, id);
    // A NextResponse from a route handler may carry NextResponse.rewrite()'s directive (any
    // other response's x-middleware-* headers, a fetched one's say, are passed through).
    const interpret = nextHooks !== null && nextHooks.isNextResponse(value);
    if (record !== undefined && (interpret || record.setCookies !== null)) {
      const directives = nextDirectives(list, record, interpret);
      if (directives.rewrite !== null) {
        cancelBody(host.body);
        continueTo(id, record, directives, directives.rewrite);
        return;
      }
      list = directives.headers;
    }
    send(id, record, host.status, host.statusText, list, host.body);
  } catch (error) {
    fail(id, error);
  }
}

/** Writes a response: the whole body with the head when it is a string or bytes, else streamed. */
function send(id, record, status, statusText, list, body) {
  const headers = joinHeaders(list);
  if (record !== undefined) record.sent = true;
  if (body === null || body === undefined) {
    finish(id);
    ops.serverRespond(id, status, statusText, headers, 0, null);
  } else if (typeof body === "string") {
    finish(id);
    ops.serverRespond(id, status, statusText, headers, 1, body);
  } else if (TypedArrayPrototypeGetSymbolToStringTag(body) === "Uint8Array") {
    finish(id);
    ops.serverRespond(id, status, statusText, headers, 2, body);
  } else {
    ops.serverRespond(id, status, statusText, headers, 3, null);
    if (record !== undefined) record.stream = body;
    pump(id, body);
  }
}

function cancelBody(body) {
  if (body !== null && body !== undefined && typeof body !== "string" && bodyModule.isReadableStream(body)) {
    PromisePrototypeThen(streams().readableStreamCancel(body, undefined), undefined, () => {});
  }
}

// ---------------------------------------------------------------------------------------
// Next.js response directives and middleware

// Next.js's response headers between middleware and the server (never sent to clients).
const MIDDLEWARE_PREFIX = "x-middleware-";
const REQUEST_PREFIX = "x-middleware-request-";
const INTERNAL_HEADERS = new SafeSet();
SetPrototypeAdd(INTERNAL_HEADERS, "x-middleware-rewrite");
SetPrototypeAdd(INTERNAL_HEADERS, "x-middleware-next");
SetPrototypeAdd(INTERNAL_HEADERS, "x-middleware-override-headers");
SetPrototypeAdd(INTERNAL_HEADERS, "x-middleware-set-cookie");
SetPrototypeAdd(INTERNAL_HEADERS, "x-middleware-redirect");
SetPrototypeAdd(INTERNAL_HEADERS, "x-middleware-refresh");
SetPrototypeAdd(INTERNAL_HEADERS, "x-middleware-skip");
SetPrototypeAdd(INTERNAL_HEADERS, "x-middleware-invoke");

/**
 * Reads Next.js's `x-middleware-*` headers off a response's header list and adds the
 * cookies `cookies().set()` recorded (a cookie the response sets itself wins, as in
 * Next.js). Returns { headers (the list to send), rewrite (URL string or null), next
 * (boolean), requestHeaders (flat list, or null when not overridden) }.
 */
function nextDirectives(list, record, interpret = true) {
  let headers = null;
  let rewrite = null;
  let next = false;
  let override = null;
  let requestValues = null;
  for (let i = 0; interpret && i < list.length; i += 2) {
    const name = list[i];
    if (StringPrototypeStartsWith(name, MIDDLEWARE_PREFIX) &&
      (SetPrototypeHas(INTERNAL_HEADERS, name) || StringPrototypeStartsWith(name, REQUEST_PREFIX))) {
      if (headers === null) {
        headers = [];
        for (let j = 0; j < i; j++) ArrayPrototypePush(headers, list[j]);
      }
      const value = list[i + 1];
      if (name === "x-middleware-rewrite") rewrite = value;
      else if (name === "x-middleware-next") next = true;
      else if (name === "x-middleware-override-headers") override = value;
      else if (StringPrototypeStartsWith(name, REQUEST_PREFIX)) {
        if (requestValues === null) requestValues = new SafeMap();
        MapPrototypeSet(requestValues, StringPrototypeSlice(name, REQUEST_PREFIX.length), value);
      }
      // x-middleware-set-cookie and the like: Next.js internals, dropped.
      continue;
    }
    if (headers !== null) ArrayPrototypePush(headers, name, list[i + 1]);
  }
  if (record.setCookies !== null) {
    if (headers === null) {
      headers = [];
      for (let j = 0; j < list.length; j++) ArrayPrototypePush(headers, list[j]);
    }
    addRecordedCookies(headers, record.setCookies);
  }
  // (Unchanged: the response's own list, which is only read.)
  if (headers === null) headers = list;
  let requestHeaders = null;
  if (override !== null) {
    requestHeaders = [];
    const names = StringPrototypeSplit(override, ",");
    for (let i = 0; i < names.length; i++) {
      const name = StringPrototypeToLowerCase(StringPrototypeTrim(names[i]));
      if (name === "") continue;
      const value = requestValues === null ? undefined : MapPrototypeGet(requestValues, name);
      if (value !== undefined) ArrayPrototypePush(requestHeaders, name, value);
    }
  }
  return { __proto__: null, headers, rewrite, next, requestHeaders };
}

/** Appends `Set-Cookie` for each cookie `cookies().set()` changed that the response does not set. */
function addRecordedCookies(headers, recorded) {
  const own = new SafeSet();
  for (let i = 0; i < headers.length; i += 2) {
    if (headers[i] !== "set-cookie") continue;
    const value = headers[i + 1];
    const equals = StringPrototypeIndexOf(value, "=");
    SetPrototypeAdd(own, StringPrototypeTrim(equals === -1 ? value : StringPrototypeSlice(value, 0, equals)));
  }
  for (let i = 0; i < recorded.length; i += 2) {
    if (!SetPrototypeHas(own, recorded[i])) ArrayPrototypePush(headers, "set-cookie", recorded[i + 1]);
  }
}

/** Headers a response carries that must not be merged into another response. */
function mergeableHeaders(list) {
  const out = [];
  for (let i = 0; i < list.length; i += 2) {
    const name = list[i];
    if (name === "content-length" || name === "transfer-encoding" || name === "content-encoding" || name === "connection") continue;
    ArrayPrototypePush(out, name, list[i + 1]);
  }
  return out;
}

/** Routes the request on (Next.js `rewrite`, or middleware's `next`): same origin only. */
function continueTo(id, record, directives, rewrite) {
  let target = "";
  if (rewrite !== null) {
    const { URL } = core.require("url");
    const base = new URL(record.request.url);
    let destination;
    try {
      destination = new URL(rewrite, base);
    } catch {
      throw new TypeError(`NextResponse.rewrite(): invalid URL '${rewrite}'`);
    }
    if (destination.origin !== base.origin) {
      proxy(id, record, destination.href, directives);
      return;
    }
    target = destination.pathname + destination.search;
  }
  const requestHeaders = directives.requestHeaders;
  finish(id);
  ops.serverContinue(id, target, requestHeaders !== null, requestHeaders === null ? "" : joinHeaders(requestHeaders),
    joinHeaders(mergeableHeaders(directives.headers)));
}

/** A rewrite to another origin: fetch it and answer with its response. */
function proxy(id, record, url, directives) {
  const { fetch } = core.require("fetch");
  const request = record.request;
  // Overridden request headers are a flat list of lowercased names and values.
  const overridden = directives.requestHeaders;
  const headers = overridden === null ? request.headers : core.require("headers").headersFromList(overridden, "none");
  const init = {
    __proto__: null,
    method: request.method,
    headers,
    redirect: "manual",
    signal: signalOfRecord(record),
  };
  if (request.body !== null && request.method !== "GET" && request.method !== "HEAD") {
    init.body = request.body;
    init.duplex = "half";
  }
  PromisePrototypeThen(fetch(url, init), (response) => {
    const host = responseModule.responseToHost(response);
    const list = mergeableHeaders(directives.headers);
    const upstream = host.headers;
    for (let i = 0; i < upstream.length; i += 2) {
      const name = upstream[i];
      // fetch decoded the body: its framing headers no longer apply.
      if (name === "content-length" || name === "content-encoding" || name === "transfer-encoding" || name === "connection") continue;
      ArrayPrototypePush(list, name, upstream[i + 1]);
    }
    send(id, record, host.status, host.statusText, list, host.body);
  }, (error) => fail(id, error));
}

/** Runs middleware: answer, or route on (next / rewrite) with what it changed. */
function runMiddleware(segment, record, method, url, headerBlock, hasBody) {
  const id = record.id;
  const body = hasBody ? requestBodyStream(id) : null;
  let request = requestModule.requestFromHost({
    method,
    url,
    headers: splitHeaderBlock(headerBlock),
    namesLowercased: true,
    body,
    signal: () => signalOfRecord(record),
  });
  let event;
  if (nextHooks !== null) {
    request = nextHooks.wrapRequest(request);
    event = nextHooks.fetchEvent(request, "/middleware");
  }
  record.request = request;
  const result = FunctionPrototypeCall(segment.run, undefined, request, event);
  PromisePrototypeThen(PromiseResolve(result), (value) => {
    try {
      if (value === undefined || value === null) {
        const directives = { __proto__: null, headers: [], rewrite: null, next: true, requestHeaders: null };
        if (record.setCookies !== null) addRecordedCookies(directives.headers, record.setCookies);
        continueTo(id, record, directives, null);
        return;
      }
      if (!responseModule.isResponse(value)) {
        const kind = typeof value;
        throw new TypeError(`middleware returned ${kind}, not a Response: return NextResponse.next(), a redirect, a rewrite or a Response (or nothing)`);
      }
      const host = responseModule.responseToHost(value);
      const directives = nextDirectives(host.headers, record);
      if (directives.rewrite !== null || directives.next) {
        cancelBody(host.body);
        continueTo(id, record, directives, directives.rewrite);
        return;
      }
      send(id, record, host.status, host.statusText, directives.headers, host.body);
    } catch (error) {
      fail(id, error);
    }
  }, (error) => fail(id, error));
}

async function pump(id, stream) {
  let reader;
  const streamsModule = streams();
  try {
    reader = streamsModule.acquireReadableStreamDefaultReader(stream);
    while (true) {
      const { value, done } = await streamsModule.readableStreamDefaultReaderRead(reader);
      if (done) break;
      if (TypedArrayPrototypeGetSymbolToStringTag(value) !== "Uint8Array") {
        throw new TypeError("a response body stream must produce Uint8Array chunks (encode strings with TextEncoder)");
      }
      let writable = ops.serverWrite(id, value);
      if (writable !== true && writable !== false) writable = await writable;
      if (writable === false) {
        // The client went away: cancel the source so it stops producing.
        await streamsModule.readableStreamCancel(stream, new (core.require("dom_exception").DOMException)("The client disconnected", "AbortError"));
        finish(id);
        return;
      }
    }
    finish(id);
    ops.serverEnd(id);
  } catch (error) {
    finish(id);
    ops.serverFail(id, "Error while streaming the response: " + formatError(error));
    if (reader !== undefined) {
      try {
        streamsModule.readableStreamCancel(stream, error);
      } catch {
        // Already errored or closed.
      }
    }
  }
}

function fail(id, error) {
  finish(id);
  ops.serverFail(id, formatError(error));
}

function finish(id) {
  const record = MapPrototypeGet(inflight, id);
  if (record === undefined) return;
  if (record.after === null) {
    MapPrototypeDelete(inflight, id);
    return;
  }
  // next/server's after(): the callbacks run once the response is handed to the server (a
  // microtask later), still in the request's context, which ends when they have settled.
  const tasks = record.after;
  record.after = null;
  record.sent = true;
  PromisePrototypeThen(PromiseResolve(undefined), () => runAfter(id, record, tasks));
}

function runAfter(id, record, tasks) {
  let pending = tasks.length;
  const settled = () => {
    if (--pending === 0 && MapPrototypeGet(inflight, id) === record) MapPrototypeDelete(inflight, id);
  };
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i];
    let result;
    try {
      result = typeof task === "function" ? FunctionPrototypeCall(task, undefined) : task;
    } catch (error) {
      result = PromiseResolve(undefined);
      reportAfterError(error);
    }
    PromisePrototypeThen(PromiseResolve(result), settled, (error) => {
      reportAfterError(error);
      settled();
    });
  }
}

function reportAfterError(error) {
  core.require("global_events").reportException(new Error("A task passed to after() failed: " + formatError(error)));
}

/** The client disconnected or a limit ended the request: abort `request.signal`. */
function abortRequest(id, reason) {
  const record = MapPrototypeGet(inflight, id);
  if (record === undefined) return;
  MapPrototypeDelete(inflight, id);
  const { DOMException } = core.require("dom_exception");
  const error = new DOMException(reason, "AbortError");
  if (record.signal === null) record.abortReason = error;
  else abort().signalAbort(record.signal, error);
  // A streamed response is cancelled now, not when its source next produces a chunk (the
  // pump's write would then find the client gone): a source waiting for events that may
  // never come (server-sent events, a stalled upstream fetch) stops at once. The pump's
  // pending read then ends, and its end finds the exchange gone.
  if (record.stream !== null) {
    PromisePrototypeThen(streams().readableStreamCancel(record.stream, error), undefined, () => {});
  }
}

void ObjectKeys;
void Uint8Array;

return ObjectFreeze({ __proto__: null, abortRequest, handle, prepareSegment });
