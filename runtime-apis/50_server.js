// The HTTP server's side of an edge realm (loaded only in realms the server creates).
//
// Swift evaluates a segment's bundle, then calls `prepareSegment(route, layouts, kind)`
// once, and `handle(segment, id, …)` per request. Responses go back through host ops:
//   ops.serverRespond(id, status, statusText, headerBlock, kind, body)  kind: 0 none, 1 string, 2 bytes, 3 stream
//   ops.serverWrite(id, Uint8Array) → true (go on) | false (client gone) | Promise<boolean> (wait for the socket)
//   ops.serverEnd(id), ops.serverFail(id, message)
//   ops.serverBodyRead(id) → Promise<Uint8Array | null>  (the request body, pulled from the socket)
// Header lists cross as one string "name\nvalue\nname\nvalue" (HTTP forbids LF inside both).

const {
  ArrayPrototypeJoin,
  ArrayPrototypePush,
  ArrayPrototypeSort,
  FunctionPrototypeCall,
  JSONParse,
  MapPrototypeDelete,
  MapPrototypeGet,
  MapPrototypeSet,
  ObjectFreeze,
  ObjectKeys,
  PromisePrototypeThen,
  PromiseResolve,
  SafeMap,
  StringPrototypeSplit,
  StringPrototypeIndexOf,
  StringPrototypeSlice,
  ObjectSetPrototypeOf,
  TypeError,
  TypedArrayPrototypeGetSymbolToStringTag,
  Uint8Array,
} = core.primordials;
const ops = core.ops;

const requestModule = core.require("request");
const responseModule = core.require("response");
const streams = core.require("streams");
const bodyModule = core.require("body");
const abort = core.require("abort");
const { formatError } = core.require("console");
const { Response } = responseModule;

const KNOWN_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];

// id -> { controller } for requests in flight.
const inflight = new SafeMap();

/** Reads a segment's exports once: handlers per method and the Allow header. */
function prepareSegment(route, layouts, kind) {
  const handlers = { __proto__: null };
  const methods = [];
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
  return streams.createReadableStream(
    () => {},
    (controller) =>
      PromisePrototypeThen(ops.serverBodyRead(id), (chunk) => {
        if (chunk === null) streams.readableStreamDefaultControllerClose(controller);
        else streams.readableStreamDefaultControllerEnqueue(controller, chunk);
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
    const signal = abort.newAbortSignal();
    MapPrototypeSet(inflight, id, signal);
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
    const request = requestModule.requestFromHost({
      method,
      url,
      headers: splitHeaderBlock(headerBlock),
      body,
      signal,
    });
    const params = JSONParse(paramsJSON);
    let result;
    if (segment.kind === "page") {
      result = renderPage(segment, handler, params, searchParamsRecord(url));
    } else {
      result = FunctionPrototypeCall(handler, undefined, request, { params: PromiseResolve(params) });
    }
    PromisePrototypeThen(PromiseResolve(result), (value) => respond(id, value, segment), (error) => fail(id, error));
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
    const headers = joinHeaders(host.headers);
    const body = host.body;
    if (body === null || body === undefined) {
      finish(id);
      ops.serverRespond(id, host.status, host.statusText, headers, 0, null);
    } else if (typeof body === "string") {
      finish(id);
      ops.serverRespond(id, host.status, host.statusText, headers, 1, body);
    } else if (TypedArrayPrototypeGetSymbolToStringTag(body) === "Uint8Array") {
      finish(id);
      ops.serverRespond(id, host.status, host.statusText, headers, 2, body);
    } else {
      ops.serverRespond(id, host.status, host.statusText, headers, 3, null);
      pump(id, body);
    }
  } catch (error) {
    fail(id, error);
  }
}

async function pump(id, stream) {
  let reader;
  try {
    reader = streams.acquireReadableStreamDefaultReader(stream);
    while (true) {
      const { value, done } = await streams.readableStreamDefaultReaderRead(reader);
      if (done) break;
      if (TypedArrayPrototypeGetSymbolToStringTag(value) !== "Uint8Array") {
        throw new TypeError("a response body stream must produce Uint8Array chunks (encode strings with TextEncoder)");
      }
      let writable = ops.serverWrite(id, value);
      if (writable !== true && writable !== false) writable = await writable;
      if (writable === false) {
        // The client went away: cancel the source so it stops producing.
        await streams.readableStreamCancel(stream, new (core.require("dom_exception").DOMException)("The client disconnected", "AbortError"));
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
        streams.readableStreamCancel(stream, error);
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
  MapPrototypeDelete(inflight, id);
}

/** The client disconnected or a limit ended the request: abort `request.signal`. */
function abortRequest(id, reason) {
  const signal = MapPrototypeGet(inflight, id);
  if (signal === undefined) return;
  MapPrototypeDelete(inflight, id);
  const { DOMException } = core.require("dom_exception");
  abort.signalAbort(signal, new DOMException(reason, "AbortError"));
}

void ObjectKeys;
void Uint8Array;

return ObjectFreeze({ __proto__: null, abortRequest, handle, prepareSegment });
