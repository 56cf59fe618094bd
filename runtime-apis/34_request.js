// Request (https://fetch.spec.whatwg.org/#request-class), plus `requestFromHost` (the
// HTTP server's incoming requests) and `requestToHost` (what fetch sends).
//
// A Request object wraps an internal request record (the spec's "request" concept) whose
// header list is shared with the Request's Headers object. Its AbortSignal is created
// when first read: until then the request only remembers the signal it follows. A request
// from the host makes its Headers object when first read, too.

const {
  ObjectFreeze,
  RegExpPrototypeExec,
  StringPrototypeToUpperCase,
  Symbol,
  TypeError,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;
const headersModule = core.require("headers");
const bodyModule = core.require("body");

const kInternal = Symbol("request internal");

/** The spec's request concept: everything a Request object exposes, minus the Headers object. */
class InnerRequest {
  method = "GET";
  url = "";
  headerList = [];
  body = null;
  referrer = "client"; // "client" | "no-referrer" | a serialized URL
  referrerPolicy = "";
  mode = "no-cors";
  credentials = "same-origin";
  cache = "default";
  redirect = "follow";
  integrity = "";
  keepalive = false;
  reloadNavigation = false;
  historyNavigation = false;
  priority = "auto";
}

function cloneInnerRequest(request) {
  const copy = new InnerRequest();
  copy.method = request.method;
  copy.url = request.url;
  copy.headerList = [];
  for (let i = 0; i < request.headerList.length; i++) copy.headerList[i] = request.headerList[i];
  copy.body = request.body;
  copy.referrer = request.referrer;
  copy.referrerPolicy = request.referrerPolicy;
  copy.mode = request.mode;
  copy.credentials = request.credentials;
  copy.cache = request.cache;
  copy.redirect = request.redirect;
  copy.integrity = request.integrity;
  copy.keepalive = request.keepalive;
  copy.reloadNavigation = request.reloadNavigation;
  copy.historyNavigation = request.historyNavigation;
  copy.priority = request.priority;
  return copy;
}

// ---------------------------------------------------------------------------------------
// RequestInit

const convertRequestCache = webidl.createEnumConverter("RequestCache",
  ["default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"]);
const convertRequestCredentials = webidl.createEnumConverter("RequestCredentials", ["omit", "same-origin", "include"]);
const convertRequestDuplex = webidl.createEnumConverter("RequestDuplex", ["half"]);
const convertRequestMode = webidl.createEnumConverter("RequestMode", ["navigate", "same-origin", "no-cors", "cors"]);
const convertRequestPriority = webidl.createEnumConverter("RequestPriority", ["high", "low", "auto"]);
const convertRequestRedirect = webidl.createEnumConverter("RequestRedirect", ["follow", "error", "manual"]);
const convertReferrerPolicy = webidl.createEnumConverter("ReferrerPolicy", [
  "", "no-referrer", "no-referrer-when-downgrade", "same-origin", "origin", "strict-origin",
  "origin-when-cross-origin", "strict-origin-when-cross-origin", "unsafe-url",
]);

function convertNullableBodyInit(V, prefix, context) {
  return V === null ? null : bodyModule.convertBodyInit(V, prefix, context);
}

function convertNullableSignal(V, prefix, context) {
  if (V === null) return null;
  if (!bodyModule.isAbortSignal(V)) throw webidl.makeException(TypeError, "is not of type 'AbortSignal'.", prefix, context);
  return V;
}

// Members in lexicographic order, as WebIDL converts them.
const convertRequestInit = webidl.createDictionaryConverter("RequestInit", [
  { key: "body", converter: convertNullableBodyInit },
  { key: "cache", converter: convertRequestCache },
  { key: "credentials", converter: convertRequestCredentials },
  { key: "duplex", converter: convertRequestDuplex },
  { key: "headers", converter: (V, prefix, context) => headersModule.convertHeadersInit(V, prefix, context) },
  { key: "integrity", converter: converters.DOMString },
  { key: "keepalive", converter: converters.boolean },
  { key: "method", converter: converters.ByteString },
  { key: "mode", converter: convertRequestMode },
  { key: "priority", converter: convertRequestPriority },
  { key: "redirect", converter: convertRequestRedirect },
  { key: "referrer", converter: converters.USVString },
  { key: "referrerPolicy", converter: convertReferrerPolicy },
  { key: "signal", converter: convertNullableSignal },
  { key: "window", converter: converters.any },
]);

const methodTokenRE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Normalizes DELETE, GET, HEAD, OPTIONS, POST and PUT to uppercase (https://fetch.spec.whatwg.org/#concept-method-normalize). */
function normalizeMethod(method) {
  const upper = StringPrototypeToUpperCase(method);
  switch (upper) {
    case "DELETE":
    case "GET":
    case "HEAD":
    case "OPTIONS":
    case "POST":
    case "PUT":
      return upper;
    default:
      return method;
  }
}

function isForbiddenMethod(method) {
  const upper = StringPrototypeToUpperCase(method);
  return upper === "CONNECT" || upper === "TRACE" || upper === "TRACK";
}

function isCORSSafelistedMethod(method) {
  return method === "GET" || method === "HEAD" || method === "POST";
}

/** The origin of the realm's base URL (`--location`), or null (an opaque origin). */
function realmOrigin() {
  const base = bodyModule.baseURL();
  if (base === undefined) return null;
  const parsed = bodyModule.parseURL(base, undefined);
  if (parsed === null || parsed.origin === "null") return null;
  return parsed.origin;
}

// ---------------------------------------------------------------------------------------
// Request

let isRequest;
let innerOf;
let headersOf;
let signalOf;
let makeRequest;

/** A request's signal source: an AbortSignal, null, or a function that makes the signal. */
function sourceSignal(source) {
  return typeof source === "function" ? source() : source;
}

class Request {
  #request;
  // The Headers object, made on first use for a request from the host (null until then:
  // most handlers never read a header, and the list is the request's own either way).
  #headers;
  // The signal this request's signal follows (null: none; a function: the host makes it on
  // first use, see requestFromHost), and its own signal once read.
  #signalSource = null;
  #signal = null;

  constructor(input, init = undefined) {
    if (input === kInternal) {
      this.#request = arguments[1];
      this.#headers = arguments[2];
      this.#signalSource = arguments[3];
      return;
    }
    const prefix = "Failed to construct 'Request'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    // RequestInfo = (Request or USVString)
    const inputIsRequest = isRequest(input);
    if (!inputIsRequest) input = converters.USVString(input, prefix, "Argument 1");
    init = convertRequestInit(init, prefix, "Argument 2");

    let request;
    let fallbackMode = null;
    const baseURL = bodyModule.baseURL();
    let signal = null;
    if (!inputIsRequest) {
      const parsed = bodyModule.parseURL(input, baseURL);
      if (parsed === null) {
        throw new TypeError(baseURL === undefined
          ? `${prefix}: Invalid URL '${input}' (relative URLs need a base URL; none is set in this runtime)`
          : `${prefix}: Invalid URL '${input}'`);
      }
      if (parsed.username !== "" || parsed.password !== "") {
        throw new TypeError(`${prefix}: Request cannot be constructed from a URL that includes credentials: '${input}'`);
      }
      request = new InnerRequest();
      request.url = parsed.href;
      fallbackMode = "cors";
    } else {
      request = input.#request;
      signal = input.#signal ?? input.#signalSource;
    }

    // "window": there is no traversable here, only null (or absent) is allowed.
    if (init.window !== undefined && init.window !== null) {
      throw new TypeError(`${prefix}: 'window' can only be null`);
    }

    request = cloneInnerRequest(request);
    request.body = null;
    const inputBody = inputIsRequest ? input.#request.body : null;

    let initIsEmpty = true;
    for (const key in init) {
      void key;
      initIsEmpty = false;
      break;
    }
    if (!initIsEmpty) {
      if (request.mode === "navigate") request.mode = "same-origin";
      request.reloadNavigation = false;
      request.historyNavigation = false;
      request.referrer = "client";
      request.referrerPolicy = "";
    }

    if (init.referrer !== undefined) {
      const referrer = init.referrer;
      if (referrer === "") {
        request.referrer = "no-referrer";
      } else {
        const parsedReferrer = bodyModule.parseURL(referrer, baseURL);
        if (parsedReferrer === null) throw new TypeError(`${prefix}: Invalid referrer URL '${referrer}'`);
        const origin = realmOrigin();
        if ((parsedReferrer.protocol === "about:" && parsedReferrer.pathname === "client") ||
            (origin !== null && parsedReferrer.origin !== origin)) {
          request.referrer = "client";
        } else {
          request.referrer = parsedReferrer.href;
        }
      }
    }
    if (init.referrerPolicy !== undefined) request.referrerPolicy = init.referrerPolicy;

    const mode = init.mode !== undefined ? init.mode : fallbackMode;
    if (mode === "navigate") throw new TypeError(`${prefix}: Cannot construct a Request with a RequestInit whose mode is 'navigate'`);
    if (mode !== null) request.mode = mode;
    if (init.credentials !== undefined) request.credentials = init.credentials;
    if (init.cache !== undefined) request.cache = init.cache;
    if (request.cache === "only-if-cached" && request.mode !== "same-origin") {
      throw new TypeError(`${prefix}: 'only-if-cached' can be set only with 'same-origin' mode`);
    }
    if (init.redirect !== undefined) request.redirect = init.redirect;
    if (init.integrity !== undefined) request.integrity = init.integrity;
    if (init.keepalive !== undefined) request.keepalive = init.keepalive;
    if (init.method !== undefined) {
      const method = init.method;
      if (RegExpPrototypeExec(methodTokenRE, method) === null) throw new TypeError(`${prefix}: '${method}' is not a valid HTTP method.`);
      if (isForbiddenMethod(method)) throw new TypeError(`${prefix}: '${method}' HTTP method is unsupported.`);
      request.method = normalizeMethod(method);
    }
    if (init.signal !== undefined) signal = init.signal;
    if (init.priority !== undefined) request.priority = init.priority;

    this.#request = request;
    this.#signalSource = signal;
    const headers = headersModule.headersFromList(request.headerList, "request");
    this.#headers = headers;
    if (request.mode === "no-cors") {
      if (!isCORSSafelistedMethod(request.method)) {
        throw new TypeError(`${prefix}: '${request.method}' is unsupported in no-cors mode.`);
      }
      headersModule.setGuard(headers, "request-no-cors");
    }

    if (!initIsEmpty) {
      // Re-fill through the guard: init.headers, or the copied input headers.
      const list = headersModule.getList(headers);
      const copied = [];
      for (let i = 0; i < list.length; i++) copied[i] = list[i];
      list.length = 0;
      headersModule.setList(headers, list);
      if (init.headers !== undefined) {
        headersModule.fillFromPairs(headers, init.headers, prefix);
      } else {
        for (let i = 0; i < copied.length; i += 2) headersModule.appendHeader(headers, copied[i], copied[i + 1], prefix);
      }
    }

    const initHasBody = init.body !== undefined && init.body !== null;
    if ((initHasBody || inputBody !== null) && (request.method === "GET" || request.method === "HEAD")) {
      throw new TypeError(`${prefix}: Request with GET/HEAD method cannot have body.`);
    }
    let initBody = null;
    if (initHasBody) {
      const bodyWithType = bodyModule.extractBody(init.body, request.keepalive);
      initBody = bodyWithType.body;
      if (bodyWithType.type !== null && !headersModule.hasHeader(headers, "content-type")) {
        headersModule.appendHeader(headers, "content-type", bodyWithType.type, prefix);
      }
    }
    const inputOrInitBody = initBody ?? inputBody;
    if (inputOrInitBody !== null && inputOrInitBody.source === null) {
      if (initBody !== null && init.duplex === undefined) {
        throw new TypeError(`${prefix}: The 'duplex' member must be specified for a request with a streaming body`);
      }
      if (request.mode !== "same-origin" && request.mode !== "cors") {
        throw new TypeError(`${prefix}: A request with a streaming body must have mode 'same-origin' or 'cors'`);
      }
    }
    let finalBody = inputOrInitBody;
    if (initBody === null && inputBody !== null) {
      if (bodyModule.isUnusable(inputBody)) {
        throw new TypeError(`${prefix}: Cannot construct a Request with a Request object that has already been used.`);
      }
      finalBody = bodyModule.transferBody(inputBody);
    }
    request.body = finalBody;
  }

  static {
    isRequest = (value) => value !== null && typeof value === "object" && #request in value;
    innerOf = (request) => request.#request;
    headersOf = (request) => request.#headers ?? request.#makeHeaders();
    signalOf = (request) => {
      if (request.#signal === null) {
        request.#signal = bodyModule.createDependentSignal(sourceSignal(request.#signalSource));
        request.#signalSource = null;
      }
      return request.#signal;
    };
    makeRequest = (inner, headers, signalSource) => new Request(kInternal, inner, headers, signalSource);
  }

  get method() {
    webidl.assertBranded(this, isRequest);
    return this.#request.method;
  }

  get url() {
    webidl.assertBranded(this, isRequest);
    return this.#request.url;
  }

  get headers() {
    webidl.assertBranded(this, isRequest);
    return this.#headers ?? this.#makeHeaders();
  }

  #makeHeaders() {
    const headers = headersModule.headersFromList(this.#request.headerList, "request");
    this.#headers = headers;
    return headers;
  }

  get destination() {
    webidl.assertBranded(this, isRequest);
    return "";
  }

  get referrer() {
    webidl.assertBranded(this, isRequest);
    const referrer = this.#request.referrer;
    if (referrer === "no-referrer") return "";
    if (referrer === "client") return "about:client";
    return referrer;
  }

  get referrerPolicy() {
    webidl.assertBranded(this, isRequest);
    return this.#request.referrerPolicy;
  }

  get mode() {
    webidl.assertBranded(this, isRequest);
    return this.#request.mode;
  }

  get credentials() {
    webidl.assertBranded(this, isRequest);
    return this.#request.credentials;
  }

  get cache() {
    webidl.assertBranded(this, isRequest);
    return this.#request.cache;
  }

  get redirect() {
    webidl.assertBranded(this, isRequest);
    return this.#request.redirect;
  }

  get integrity() {
    webidl.assertBranded(this, isRequest);
    return this.#request.integrity;
  }

  get keepalive() {
    webidl.assertBranded(this, isRequest);
    return this.#request.keepalive;
  }

  get isReloadNavigation() {
    webidl.assertBranded(this, isRequest);
    return this.#request.reloadNavigation;
  }

  get isHistoryNavigation() {
    webidl.assertBranded(this, isRequest);
    return this.#request.historyNavigation;
  }

  get signal() {
    webidl.assertBranded(this, isRequest);
    return signalOf(this);
  }

  get duplex() {
    webidl.assertBranded(this, isRequest);
    return "half";
  }

  clone() {
    webidl.assertBranded(this, isRequest);
    const request = this.#request;
    if (request.body !== null && bodyModule.isUnusable(request.body)) {
      throw new TypeError("Failed to execute 'clone' on 'Request': Request body is already used");
    }
    const inner = cloneInnerRequest(request);
    inner.body = request.body === null ? null : bodyModule.cloneBody(request.body);
    const headers = headersModule.headersFromList(inner.headerList, headersModule.getGuard(headersOf(this)));
    return makeRequest(inner, headers, signalOf(this));
  }
}

bodyModule.mixinBody(Request, "Request", isRequest, (request) => innerOf(request).body,
  (request) => headersModule.getHeader(headersOf(request), "content-type"));
webidl.configureInterface(Request);
webidl.setLength(Request, 1);

// ---------------------------------------------------------------------------------------
// Host conversion

/**
 * A Request for the HTTP server: `headers` a flat `[name, value, …]` list the server has
 * validated (adopted; names lowercased here unless `namesLowercased` says the server did
 * it), `body` null or a ReadableStream, `signal`
 * an AbortSignal aborted when the client goes away, or a function returning that signal
 * (called when `request.signal` is first read: most handlers never read it, and a realm
 * that makes no signal need not load AbortSignal and events), or null/undefined. Guard
 * "request", mode "cors", no WebIDL re-validation.
 */
function requestFromHost({ method, url, headers, body = null, signal = null, namesLowercased = false }) {
  const inner = new InnerRequest();
  inner.method = method;
  inner.url = url;
  inner.headerList = namesLowercased ? headers : headersModule.adoptHostList(headers);
  inner.mode = "cors";
  if (body !== null && body !== undefined) {
    inner.body = bodyModule.isReadableStream(body) ? bodyModule.bodyFromStream(body) : bodyModule.bodyFromSource(body);
  }
  return makeRequest(inner, null, signal ?? null);
}

/**
 * What fetch sends for `request`: `{ method, url, headers, body, redirect, signal, … }`
 * with `headers` a copy of the flat list and `body` null, a Uint8Array (do not modify)
 * or a ReadableStream. The body is marked used. Throws a TypeError for a used body.
 */
function requestToHost(request) {
  if (!isRequest(request)) throw new TypeError("requestToHost needs a Request");
  const inner = innerOf(request);
  return {
    method: inner.method,
    url: inner.url,
    headers: headersModule.copyList(headersOf(request)),
    body: bodyModule.bodyToHost(inner.body, false),
    redirect: inner.redirect,
    signal: signalOf(request),
    mode: inner.mode,
    credentials: inner.credentials,
    cache: inner.cache,
    integrity: inner.integrity,
    keepalive: inner.keepalive,
    referrer: inner.referrer,
    referrerPolicy: inner.referrerPolicy,
    priority: inner.priority,
  };
}

return ObjectFreeze({
  __proto__: null,
  Request,
  isRequest,
  requestFromHost,
  requestToHost,
});
