// Response (https://fetch.spec.whatwg.org/#response-class), plus `responseToHost` (the
// HTTP server's view of a handler's Response) and `responseFromHost` (fetch's results).

const {
  JSONStringify,
  ObjectFreeze,
  RegExpPrototypeExec,
  StringPrototypeIndexOf,
  StringPrototypeSlice,
  TypeError,
  RangeError,
  Symbol,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;
const headersModule = core.require("headers");
const bodyModule = core.require("body");

const kInternal = Symbol("response internal");

// reason-phrase = *( HTAB / SP / VCHAR / obs-text ); ByteString already bounds at 0xFF.
const invalidReasonPhraseRE = /[^\t\u0020-\u007E\u0080-\u00FF]/;

function isNullBodyStatus(status) {
  return status === 101 || status === 103 || status === 204 || status === 205 || status === 304;
}

function isRedirectStatus(status) {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

const convertResponseInit = webidl.createDictionaryConverter("ResponseInit", [
  { key: "headers", converter: (V, prefix, context) => headersModule.convertHeadersInit(V, prefix, context) },
  { key: "status", converter: converters["unsigned short"], defaultValue: 200 },
  { key: "statusText", converter: converters.ByteString, defaultValue: "" },
]);

let isResponse;
let initializeResponse;
let getBody;
let getHeadersObject;
let getStatus;
let getStatusText;
let makeResponse;

class Response {
  #type = "default";
  #status = 200;
  #statusText = "";
  #headers;
  #body = null;
  // The last URL of the response's URL list (without fragment), or null.
  #url = null;
  #redirected = false;

  constructor(body = null, init = undefined) {
    if (body === kInternal) {
      this.#headers = arguments[1];
      return;
    }
    const prefix = "Failed to construct 'Response'";
    const bodyInit = body === null || body === undefined ? null : bodyModule.convertBodyInit(body, prefix, "Argument 1");
    const convertedInit = convertResponseInit(init, prefix, "Argument 2");
    this.#headers = headersModule.headersFromList([], "response");
    const bodyWithType = bodyInit === null ? null : bodyModule.extractBody(bodyInit);
    initializeResponse(this, convertedInit, bodyWithType, prefix);
  }

  static {
    isResponse = (value) => value !== null && typeof value === "object" && #headers in value;
    getStatus = (response) => response.#status;
    getStatusText = (response) => response.#statusText;
    makeResponse = (headers, type, status, statusText, body, url, redirected) => {
      const response = new Response(kInternal, headers);
      response.#type = type;
      response.#status = status;
      response.#statusText = statusText;
      response.#body = body;
      response.#url = url;
      response.#redirected = redirected;
      return response;
    };
    initializeResponse = (response, init, bodyWithType, prefix) => {
      // https://fetch.spec.whatwg.org/#initialize-a-response
      const status = init.status;
      if (status < 200 || status > 599) {
        throw new RangeError(`${prefix}: The status provided (${status}) is outside the range [200, 599].`);
      }
      const statusText = init.statusText;
      if (statusText !== "" && RegExpPrototypeExec(invalidReasonPhraseRE, statusText) !== null) {
        throw new TypeError(`${prefix}: Invalid statusText '${statusText}': it must match the reason-phrase production.`);
      }
      response.#status = status;
      response.#statusText = statusText;
      if (init.headers !== undefined) headersModule.fillFromPairs(response.#headers, init.headers, prefix);
      if (bodyWithType !== null) {
        if (isNullBodyStatus(status)) {
          throw new TypeError(`${prefix}: A Response with status ${status} cannot have a body.`);
        }
        response.#body = bodyWithType.body;
        if (bodyWithType.type !== null && !headersModule.hasHeader(response.#headers, "content-type")) {
          headersModule.appendHeader(response.#headers, "content-type", bodyWithType.type, prefix);
        }
      }
    };
    getBody = (response) => response.#body;
    getHeadersObject = (response) => response.#headers;
  }

  static error() {
    return makeResponse(headersModule.headersFromList([], "immutable"), "error", 0, "", null, null, false);
  }

  static redirect(url, status = 302) {
    const prefix = "Failed to execute 'redirect' on 'Response'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    url = converters.USVString(url, prefix, "Argument 1");
    status = converters["unsigned short"](status, prefix, "Argument 2");
    const parsed = bodyModule.parseURL(url, bodyModule.baseURL());
    if (parsed === null) throw new TypeError(`${prefix}: Invalid URL '${url}'`);
    if (!isRedirectStatus(status)) {
      throw new RangeError(`${prefix}: Invalid status code ${status}: a redirect status is 301, 302, 303, 307 or 308.`);
    }
    const headers = headersModule.headersFromList(["location", parsed.href], "immutable");
    return makeResponse(headers, "default", status, "", null, null, false);
  }

  static json(data, init = undefined) {
    const prefix = "Failed to execute 'json' on 'Response'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    const convertedInit = convertResponseInit(init, prefix, "Argument 2");
    // https://infra.spec.whatwg.org/#serialize-a-javascript-value-to-json-bytes
    const text = JSONStringify(data);
    if (text === undefined) throw new TypeError(`${prefix}: The data is not JSON-serializable.`);
    const body = bodyModule.bodyFromSource(text);
    const response = makeResponse(headersModule.headersFromList([], "response"), "default", 200, "", null, null, false);
    initializeResponse(response, convertedInit, { body, type: "application/json" }, prefix);
    return response;
  }

  get type() {
    webidl.assertBranded(this, isResponse);
    return this.#type;
  }

  get url() {
    webidl.assertBranded(this, isResponse);
    return this.#url ?? "";
  }

  get redirected() {
    webidl.assertBranded(this, isResponse);
    return this.#redirected;
  }

  get status() {
    webidl.assertBranded(this, isResponse);
    return this.#status;
  }

  get ok() {
    webidl.assertBranded(this, isResponse);
    return this.#status >= 200 && this.#status <= 299;
  }

  get statusText() {
    webidl.assertBranded(this, isResponse);
    return this.#statusText;
  }

  get headers() {
    webidl.assertBranded(this, isResponse);
    return this.#headers;
  }

  clone() {
    webidl.assertBranded(this, isResponse);
    if (this.#body !== null && bodyModule.isUnusable(this.#body)) {
      throw new TypeError("Failed to execute 'clone' on 'Response': Response body is already used");
    }
    const headers = headersModule.headersFromList(headersModule.copyList(this.#headers), headersModule.getGuard(this.#headers));
    const body = this.#body === null ? null : bodyModule.cloneBody(this.#body);
    return makeResponse(headers, this.#type, this.#status, this.#statusText, body, this.#url, this.#redirected);
  }
}

bodyModule.mixinBody(Response, "Response", isResponse, (response) => getBody(response),
  (response) => headersModule.getHeader(getHeadersObject(response), "content-type"));
webidl.configureInterface(Response);
webidl.setLength(Response, 0);
webidl.setLength(Response.redirect, 1);
webidl.setLength(Response.json, 1);

// ---------------------------------------------------------------------------------------
// Host conversion

/**
 * The HTTP server's view of a Response: `{ status, statusText, headers, body }` where
 * `headers` is the flat `[name, value, …]` list (lowercase names; read it before JS runs
 * again, do not modify it) and `body` is null, a string, a Uint8Array (same rules) or a
 * ReadableStream. The body is marked used. Throws a TypeError for a used or locked body.
 */
function responseToHost(response) {
  if (!isResponse(response)) throw new TypeError("The handler did not return a Response");
  return {
    status: getStatus(response),
    statusText: getStatusText(response),
    headers: headersModule.getList(getHeadersObject(response)),
    body: bodyModule.bodyToHost(getBody(response), true),
  };
}

/**
 * A Response for fetch: `headers` a flat list (adopted; names lowercased here), `body`
 * null, a ReadableStream, a string or a Uint8Array (adopted), `url` the final URL.
 * Headers are immutable, as the spec's fetch responses are.
 */
function responseFromHost({ status, statusText = "", headers = [], body = null, url = null, redirected = false, type = "default" }) {
  let inner = null;
  if (body !== null && body !== undefined) {
    inner = bodyModule.isReadableStream(body) ? bodyModule.bodyFromStream(body) : bodyModule.bodyFromSource(body);
  }
  let finalURL = url;
  if (finalURL !== null && finalURL !== undefined) {
    const hash = StringPrototypeIndexOf(finalURL, "#");
    if (hash !== -1) finalURL = StringPrototypeSlice(finalURL, 0, hash);
  } else {
    finalURL = null;
  }
  const headerObject = headersModule.headersFromList(headersModule.adoptHostList(headers), "immutable");
  return makeResponse(headerObject, type, status, statusText, inner, finalURL, redirected === true);
}

return ObjectFreeze({
  __proto__: null,
  Response,
  isNullBodyStatus,
  isRedirectStatus,
  isResponse,
  responseFromHost,
  responseToHost,
});
