// The ES modules Verge ships for `next/server` and `next/headers` (and the cookie helpers
// some projects import from `next/dist/server/web/spec-extension/cookies`). Each is plain
// JavaScript in a raw string: edit it in place. `NextCompat.install` writes them under
// `.verge/next/` at build time, and esbuild's alias for `next` points there.

enum NextCompatModules {
    /// (path under .verge/next/, source)
    static let files: [(path: String, source: String)] = [
        ("dist/server/web/spec-extension/cookies.js", #"""
// Verge's implementation of the cookie helpers of `next/server` (RequestCookies,
// ResponseCookies), behaving as Next.js's (@edge-runtime/cookies) do. Also reachable as
// `next/dist/server/web/spec-extension/cookies`, where some projects import them from.
// Written by Verge; see docs/next-compat.md.

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

/** Parses a `Cookie` header: `a=1; b=2`. Later pairs win; undecodable values are skipped. */
export function parseCookie(header) {
  const map = new Map();
  for (const pair of String(header).split(/; */)) {
    if (pair === "") continue;
    const at = pair.indexOf("=");
    if (at === -1) {
      map.set(pair, "true");
      continue;
    }
    const name = pair.slice(0, at);
    try {
      map.set(name, decodeURIComponent(pair.slice(at + 1)));
    } catch {
      // A malformed %-sequence: the pair is ignored, as Next.js does.
    }
  }
  return map;
}

const SAME_SITE = new Set(["strict", "lax", "none"]);
const PRIORITY = new Set(["low", "medium", "high"]);

/** Parses one `Set-Cookie` value into `{ name, value, …attributes }` (absent attributes omitted). */
export function parseSetCookie(setCookie) {
  if (!setCookie) return undefined;
  const pairs = parseCookie(setCookie);
  const iterator = pairs.entries();
  const first = iterator.next();
  if (first.done) return undefined;
  const [name, value] = first.value;
  const attributes = Object.create(null);
  for (const [key, attributeValue] of iterator) {
    attributes[key.toLowerCase().replace(/-/g, "")] = attributeValue;
  }
  const cookie = { name, value };
  if (attributes.domain) cookie.domain = attributes.domain;
  if (attributes.expires) cookie.expires = new Date(attributes.expires);
  if (attributes.httponly) cookie.httpOnly = true;
  if (typeof attributes.maxage === "string" && attributes.maxage !== "") cookie.maxAge = Number(attributes.maxage);
  if (attributes.path) cookie.path = attributes.path;
  if (attributes.samesite) {
    const sameSite = attributes.samesite.toLowerCase();
    if (SAME_SITE.has(sameSite)) cookie.sameSite = sameSite;
  }
  if (attributes.secure) cookie.secure = true;
  if (attributes.priority) {
    const priority = attributes.priority.toLowerCase();
    if (PRIORITY.has(priority)) cookie.priority = priority;
  }
  if (attributes.partitioned) cookie.partitioned = true;
  return cookie;
}

/**
 * Serializes a cookie: `name=value` (value percent-encoded) then its attributes in Next.js's
 * order: Path, Expires, Max-Age, Domain, Secure, HttpOnly, SameSite, Partitioned, Priority.
 */
export function stringifyCookie(cookie) {
  const attributes = [];
  if (cookie.path) attributes.push(`Path=${cookie.path}`);
  if (cookie.expires || cookie.expires === 0) {
    const date = typeof cookie.expires === "number" ? new Date(cookie.expires) : cookie.expires;
    attributes.push(`Expires=${date.toUTCString()}`);
  }
  if (typeof cookie.maxAge === "number") attributes.push(`Max-Age=${cookie.maxAge}`);
  if (cookie.domain) attributes.push(`Domain=${cookie.domain}`);
  if (cookie.secure) attributes.push("Secure");
  if (cookie.httpOnly) attributes.push("HttpOnly");
  if (cookie.sameSite) attributes.push(`SameSite=${cookie.sameSite === true ? "strict" : cookie.sameSite}`);
  if (cookie.partitioned) attributes.push("Partitioned");
  if (cookie.priority) attributes.push(`Priority=${cookie.priority}`);
  const pair = `${cookie.name}=${encodeURIComponent(cookie.value ?? "")}`;
  return attributes.length === 0 ? pair : `${pair}; ${attributes.join("; ")}`;
}

function nameOf(args, method) {
  const first = args[0];
  if (typeof first === "string") return first;
  if (first !== null && typeof first === "object" && typeof first.name === "string") return first.name;
  throw new TypeError(`cookies.${method}() needs a cookie name (a string) or an object with a 'name'`);
}

function checkName(name, method) {
  // What would break the header: controls, whitespace, '=', ';' and ','.
  if (typeof name !== "string" || name === "" || /[\u0000-\u0020\u007f=;,]/.test(name)) {
    throw new TypeError(`cookies.${method}(): invalid cookie name ${JSON.stringify(String(name))}`);
  }
}

/** The cookies of a request (its `Cookie` header), as `request.cookies` on a NextRequest. */
export class RequestCookies {
  #headers;
  #parsed = new Map();

  constructor(requestHeaders) {
    if (!(requestHeaders instanceof Headers)) throw new TypeError("RequestCookies needs the request's Headers");
    this.#headers = requestHeaders;
    const header = requestHeaders.get("cookie");
    if (header) {
      for (const [name, value] of parseCookie(header)) this.#parsed.set(name, { name, value });
    }
  }

  [Symbol.iterator]() {
    return this.#parsed[Symbol.iterator]();
  }

  /** How many cookies the request carries. */
  get size() {
    return this.#parsed.size;
  }

  get(...args) {
    return this.#parsed.get(nameOf(args, "get"));
  }

  getAll(...args) {
    const all = Array.from(this.#parsed.values());
    if (args.length === 0 || args[0] === undefined) return all;
    const name = nameOf(args, "getAll");
    return all.filter((cookie) => cookie.name === name);
  }

  has(name) {
    return this.#parsed.has(name);
  }

  set(...args) {
    const [name, value] = args.length === 1 && typeof args[0] === "object" && args[0] !== null
      ? [args[0].name, args[0].value]
      : args;
    checkName(name, "set");
    this.#parsed.set(name, { name, value: String(value ?? "") });
    this.#write();
    return this;
  }

  delete(names) {
    const result = Array.isArray(names) ? names.map((name) => this.#parsed.delete(name)) : this.#parsed.delete(names);
    this.#write();
    return result;
  }

  clear() {
    this.delete(Array.from(this.#parsed.keys()));
    return this;
  }

  #write() {
    const serialized = Array.from(this.#parsed.values(), (cookie) => stringifyCookie(cookie)).join("; ");
    if (serialized === "") this.#headers.delete("cookie");
    else this.#headers.set("cookie", serialized);
  }

  toString() {
    return Array.from(this.#parsed.values(), (cookie) => `${cookie.name}=${encodeURIComponent(cookie.value)}`).join("; ");
  }

  [inspectSymbol]() {
    return `RequestCookies ${JSON.stringify(Object.fromEntries(this.#parsed))}`;
  }
}

function normalizeCookie(cookie) {
  if (typeof cookie.expires === "number") cookie.expires = new Date(cookie.expires);
  if (cookie.maxAge) cookie.expires = new Date(Date.now() + cookie.maxAge * 1000);
  if (cookie.path === null || cookie.path === undefined) cookie.path = "/";
  return cookie;
}

/** The cookies a response sets (its `Set-Cookie` headers), as `response.cookies` on a NextResponse. */
export class ResponseCookies {
  #headers;
  #parsed = new Map();

  constructor(responseHeaders) {
    if (!(responseHeaders instanceof Headers)) throw new TypeError("ResponseCookies needs the response's Headers");
    this.#headers = responseHeaders;
    for (const value of responseHeaders.getSetCookie()) {
      const parsed = parseSetCookie(value);
      if (parsed) this.#parsed.set(parsed.name, parsed);
    }
  }

  get(...args) {
    return this.#parsed.get(nameOf(args, "get"));
  }

  getAll(...args) {
    const all = Array.from(this.#parsed.values());
    if (args.length === 0 || args[0] === undefined) return all;
    const name = nameOf(args, "getAll");
    return all.filter((cookie) => cookie.name === name);
  }

  has(name) {
    return this.#parsed.has(name);
  }

  /** How many cookies the response sets. */
  get size() {
    return this.#parsed.size;
  }

  [Symbol.iterator]() {
    return this.#parsed[Symbol.iterator]();
  }

  /** `set(name, value, options?)` or `set({ name, value, ...options })`. */
  set(...args) {
    let cookie;
    if (args.length === 1 && typeof args[0] === "object" && args[0] !== null) {
      cookie = { ...args[0] };
    } else {
      const [name, value, options] = args;
      cookie = { name, value, ...(options ?? {}) };
      cookie.name = name;
      cookie.value = value;
    }
    checkName(cookie.name, "set");
    cookie.value = String(cookie.value ?? "");
    this.#parsed.set(cookie.name, normalizeCookie(cookie));
    this.#write();
    return this;
  }

  /** Expires the cookie: `delete(name)` or `delete({ name, path, domain })`. */
  delete(...args) {
    const name = nameOf(args, "delete");
    const options = typeof args[0] === "object" ? args[0] : {};
    const cookie = { name, value: "", expires: new Date(0) };
    if (options.path !== undefined) cookie.path = options.path;
    if (options.domain !== undefined) cookie.domain = options.domain;
    if (options.secure !== undefined) cookie.secure = options.secure;
    if (options.httpOnly !== undefined) cookie.httpOnly = options.httpOnly;
    if (options.sameSite !== undefined) cookie.sameSite = options.sameSite;
    if (options.partitioned !== undefined) cookie.partitioned = options.partitioned;
    return this.set(cookie);
  }

  #write() {
    this.#headers.delete("set-cookie");
    for (const cookie of this.#parsed.values()) this.#headers.append("set-cookie", stringifyCookie(cookie));
  }

  toString() {
    return Array.from(this.#parsed.values(), stringifyCookie).join("; ");
  }

  [inspectSymbol]() {
    return `ResponseCookies ${JSON.stringify(Object.fromEntries(this.#parsed))}`;
  }
}
"""#),
        ("server.js", #"""
// `next/server` for Verge's edge runtime: NextRequest, NextResponse, userAgent and friends,
// written by Verge to behave as Next.js's do (see docs/next-compat.md). The build writes this
// file to .verge/next/server.js and points esbuild's alias for `next` at that folder.

import { RequestCookies, ResponseCookies } from "./dist/server/web/spec-extension/cookies.js";

export { RequestCookies, ResponseCookies };

// The HTTP server's hook (runtime-apis/50_server.js); absent outside the server (build probe).
const bridge = globalThis[Symbol.for("verge.next.bridge")];
const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

/** `String(new URL(String(url)))`, or Next.js's error for a relative or malformed URL. */
function validateURL(url) {
  try {
    return String(new URL(String(url)));
  } catch (error) {
    throw new Error(
      `URL is malformed "${String(url)}". Please use only absolute URLs - https://nextjs.org/docs/messages/middleware-relative-urls`,
      { cause: error },
    );
  }
}

// ---------------------------------------------------------------------------------------
// NextURL

function hasPathPrefix(pathname, prefix) {
  return pathname === prefix || pathname.startsWith(prefix + "/");
}

/**
 * `request.nextUrl`: a URL with Next.js's extras. `basePath` is "" unless the URL was made
 * with `{ nextConfig: { basePath } }` (Verge reads no next.config); when set, `pathname`
 * excludes it and `href`/`toString()` include it.
 */
export class NextURL extends URL {
  #basePath = "";
  #buildId = undefined;
  #locale = "";

  constructor(input, baseOrOptions = undefined, options = undefined) {
    let base;
    let opts;
    if (baseOrOptions !== null && typeof baseOrOptions === "object" && !(baseOrOptions instanceof URL)) {
      opts = baseOrOptions;
      base = opts.base;
    } else {
      base = baseOrOptions;
      opts = options ?? {};
    }
    if (base === undefined || base === null) super(String(input));
    else super(String(input), String(base));
    const basePath = opts?.nextConfig?.basePath ?? "";
    if (basePath !== "" && hasPathPrefix(super.pathname, basePath)) {
      this.#basePath = basePath;
      super.pathname = super.pathname.slice(basePath.length) || "/";
    }
  }

  get basePath() {
    return this.#basePath;
  }

  set basePath(value) {
    value = String(value);
    this.#basePath = value === "/" ? "" : value.startsWith("/") || value === "" ? value : "/" + value;
  }

  get buildId() {
    return this.#buildId;
  }

  set buildId(value) {
    this.#buildId = value;
  }

  get locale() {
    return this.#locale;
  }

  set locale(value) {
    this.#locale = String(value);
  }

  get defaultLocale() {
    return undefined;
  }

  get domainLocale() {
    return undefined;
  }

  get href() {
    if (this.#basePath === "") return super.href;
    const copy = new URL(super.href);
    copy.pathname = this.#basePath + (copy.pathname === "/" ? "" : copy.pathname);
    return copy.href;
  }

  set href(value) {
    super.href = value;
  }

  toString() {
    return this.href;
  }

  toJSON() {
    return this.href;
  }

  clone() {
    return new NextURL(this.href, { nextConfig: { basePath: this.#basePath } });
  }

  [inspectSymbol]() {
    return {
      href: this.href,
      origin: this.origin,
      protocol: this.protocol,
      username: this.username,
      password: this.password,
      host: this.host,
      hostname: this.hostname,
      port: this.port,
      pathname: this.pathname,
      search: this.search,
      searchParams: this.searchParams,
      hash: this.hash,
      basePath: this.basePath,
    };
  }
}

// ---------------------------------------------------------------------------------------
// geo and ip

/** Which request headers carry the client's location; VERGE_GEO_HEADERS in .env overrides
 *  them ("country:cf-ipcountry,city:cf-ipcity,…"). */
const DEFAULT_GEO_HEADERS = {
  country: ["x-vercel-ip-country", "cf-ipcountry", "x-geo-country"],
  region: ["x-vercel-ip-country-region", "cf-region-code", "x-geo-region"],
  city: ["x-vercel-ip-city", "cf-ipcity", "x-geo-city"],
  latitude: ["x-vercel-ip-latitude", "cf-iplatitude", "x-geo-latitude"],
  longitude: ["x-vercel-ip-longitude", "cf-iplongitude", "x-geo-longitude"],
};

let geoHeaders;
function configuredGeoHeaders() {
  if (geoHeaders !== undefined) return geoHeaders;
  geoHeaders = DEFAULT_GEO_HEADERS;
  let configured;
  try {
    configured = typeof process === "object" ? process.env.VERGE_GEO_HEADERS : undefined;
  } catch {
    configured = undefined;
  }
  if (typeof configured === "string" && configured.trim() !== "") {
    geoHeaders = { __proto__: null };
    for (const entry of configured.split(",")) {
      const at = entry.indexOf(":");
      if (at === -1) continue;
      const field = entry.slice(0, at).trim();
      const header = entry.slice(at + 1).trim().toLowerCase();
      if (field === "" || header === "") continue;
      (geoHeaders[field] ??= []).push(header);
    }
  }
  return geoHeaders;
}

function geoFromHeaders(headers) {
  let geo;
  const table = configuredGeoHeaders();
  for (const field in table) {
    for (const name of table[field]) {
      const value = headers.get(name);
      if (value === null || value === "") continue;
      let decoded = value;
      try {
        decoded = decodeURIComponent(value);
      } catch {
        // Not percent-encoded: keep the raw value.
      }
      (geo ??= {})[field] = decoded;
      break;
    }
  }
  return geo;
}

function ipFromHeaders(headers) {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded !== null) {
    const first = forwarded.split(",")[0].trim();
    if (first !== "") return first;
  }
  const real = headers.get("x-real-ip");
  if (real !== null && real.trim() !== "") return real.trim();
  return undefined;
}

// ---------------------------------------------------------------------------------------
// NextRequest

const unknown = Symbol("not computed");

/** A Request with `nextUrl`, `cookies`, `geo` and `ip`. */
export class NextRequest extends Request {
  #nextConfig;
  #nextUrl = undefined;
  #cookies = undefined;
  #geo = unknown;
  #ip = unknown;

  constructor(input, init = {}) {
    const url = input !== null && typeof input === "object" && "url" in input ? input.url : String(input);
    validateURL(url);
    if (input instanceof Request) super(input, init);
    else super(url, init);
    this.#nextConfig = init?.nextConfig;
    if (init?.geo !== undefined) this.#geo = init.geo;
    if (init?.ip !== undefined) this.#ip = init.ip;
  }

  /** The parsed URL, as a NextURL (computed on first use). */
  get nextUrl() {
    return (this.#nextUrl ??= new NextURL(this.url, { nextConfig: this.#nextConfig }));
  }

  /** The request's cookies, from its `Cookie` header (parsed on first use). */
  get cookies() {
    return (this.#cookies ??= new RequestCookies(this.headers));
  }

  /** The client's location from the configured geo headers, undefined when none is present. */
  get geo() {
    if (this.#geo === unknown) this.#geo = geoFromHeaders(this.headers);
    return this.#geo;
  }

  /** The client's address from `x-forwarded-for` (first entry) or `x-real-ip`, undefined when absent. */
  get ip() {
    if (this.#ip === unknown) this.#ip = ipFromHeaders(this.headers);
    return this.#ip;
  }

  get page() {
    throw new Error(
      "The request.page has been deprecated in favour of `URLPattern`.\n  Read more: https://nextjs.org/docs/messages/middleware-request-page",
    );
  }

  get ua() {
    throw new Error(
      "The request.ua has been removed in favour of `userAgent` function.\n  Read more: https://nextjs.org/docs/messages/middleware-parse-user-agent",
    );
  }

  [inspectSymbol]() {
    return {
      cookies: this.cookies,
      nextUrl: this.nextUrl,
      url: this.url,
      bodyUsed: this.bodyUsed,
      cache: this.cache,
      credentials: this.credentials,
      destination: this.destination,
      headers: Object.fromEntries(this.headers),
      integrity: this.integrity,
      keepalive: this.keepalive,
      method: this.method,
      mode: this.mode,
      redirect: this.redirect,
      referrer: this.referrer,
      referrerPolicy: this.referrerPolicy,
      signal: this.signal,
    };
  }
}

// ---------------------------------------------------------------------------------------
// NextResponse

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function handleMiddlewareField(init, headers) {
  const requestHeaders = init?.request?.headers;
  if (!requestHeaders) return;
  if (!(requestHeaders instanceof Headers)) throw new Error("request.headers must be an instance of Headers");
  const keys = [];
  for (const [key, value] of requestHeaders) {
    headers.set("x-middleware-request-" + key, value);
    keys.push(key);
  }
  headers.set("x-middleware-override-headers", keys.join(","));
}

let isNextResponse;

/** A Response with `cookies`, and the middleware helpers `next`, `rewrite` and `redirect`. */
export class NextResponse extends Response {
  #cookies = undefined;

  static {
    isNextResponse = (value) => value !== null && typeof value === "object" && #cookies in value;
  }

  constructor(body = null, init = {}) {
    super(body, init);
  }

  /** The cookies this response sets (`Set-Cookie`), read and written through its headers. */
  get cookies() {
    return (this.#cookies ??= new ResponseCookies(this.headers));
  }

  /** A JSON response: `body` serialized, `content-type: application/json` unless given. */
  static json(body, init = undefined) {
    const text = JSON.stringify(body);
    if (text === undefined) {
      throw new TypeError("Failed to execute 'json' on 'Response': The data is not JSON serializable");
    }
    const headers = new Headers(init?.headers);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
    return new NextResponse(text, { ...init, headers });
  }

  /** A redirect to an absolute URL with status 307 (or 301, 302, 303, 308). */
  static redirect(url, init = undefined) {
    const status = typeof init === "number" ? init : (init?.status ?? 307);
    if (!REDIRECTS.has(status)) {
      throw new RangeError('Failed to execute "redirect" on "response": Invalid status code');
    }
    const options = typeof init === "object" && init !== null ? init : {};
    const headers = new Headers(options.headers);
    headers.set("Location", validateURL(url));
    return new NextResponse(null, { ...options, headers, status });
  }

  /** Serves another URL's response (same origin: another route of this app; else proxied). */
  static rewrite(destination, init = undefined) {
    const headers = new Headers(init?.headers);
    headers.set("x-middleware-rewrite", validateURL(destination));
    handleMiddlewareField(init, headers);
    return new NextResponse(null, { ...init, headers });
  }

  /** In middleware: go on to the route (optionally with new request headers). */
  static next(init = undefined) {
    const headers = new Headers(init?.headers);
    headers.set("x-middleware-next", "1");
    handleMiddlewareField(init, headers);
    return new NextResponse(null, { ...init, headers });
  }

  [inspectSymbol]() {
    return {
      cookies: this.cookies,
      body: this.body,
      bodyUsed: this.bodyUsed,
      headers: Object.fromEntries(this.headers),
      ok: this.ok,
      redirected: this.redirected,
      status: this.status,
      statusText: this.statusText,
      type: this.type,
    };
  }
}

// ---------------------------------------------------------------------------------------
// Middleware's second argument

/** The event middleware receives: `waitUntil(promise)` keeps work going after the response. */
export class NextFetchEvent {
  #request;
  sourcePage;

  constructor({ request, page }) {
    this.#request = request;
    this.sourcePage = page;
  }

  get request() {
    return this.#request;
  }

  waitUntil(promise) {
    Promise.resolve(promise).catch((error) => {
      console.error("A promise passed to event.waitUntil() rejected:", error);
    });
  }

  respondWith() {
    throw new Error(
      "event.respondWith() has been removed from middleware: return a Response instead.\n  Read more: https://nextjs.org/docs/messages/middleware-new-signature",
    );
  }

  passThroughOnException() {
    // Nothing to fall back to: there is no origin behind Verge.
  }
}

// ---------------------------------------------------------------------------------------
// userAgent: a best-effort parser written for Verge (Next.js uses ua-parser-js). It knows
// the common browsers, engines, operating systems, device kinds and CPU architectures.

const BOTS =
  /Googlebot|Mediapartners-Google|AdsBot-Google|googleweblight|Storebot-Google|Google-PageRenderer|Google-InspectionTool|GoogleOther|Google-Extended|Bingbot|BingPreview|Slurp|DuckDuckBot|baiduspider|yandex|sogou|LinkedInBot|bitlybot|tumblr|vkShare|quora link preview|facebookexternalhit|facebookcatalog|Twitterbot|applebot|redditbot|Slackbot|Discordbot|WhatsApp|SkypeUriPreview|ia_archiver|GPTBot|ClaudeBot|PerplexityBot|Bytespider|AhrefsBot|SemrushBot|MJ12bot|PetalBot/i;

/** Whether a User-Agent string belongs to a known crawler or link-preview bot. */
export function isBot(input) {
  return BOTS.test(input);
}

const BROWSERS = [
  [/\bEdg(?:e|A|iOS)?\/([\w.]+)/, "Edge"],
  [/\bOPR\/([\w.]+)/, "Opera"],
  [/\bOPT\/([\w.]+)/, "Opera Touch"],
  [/\bOpera\b.*Version\/([\w.]+)/, "Opera"],
  [/\bSamsungBrowser\/([\w.]+)/, "Samsung Browser"],
  [/\bYaBrowser\/([\w.]+)/, "Yandex"],
  [/\bUCBrowser\/([\w.]+)/, "UCBrowser"],
  [/\bVivaldi\/([\w.]+)/, "Vivaldi"],
  [/\bFBAV\/([\w.]+)/, "Facebook"],
  [/\bInstagram ([\w.]+)/, "Instagram"],
  [/\bHeadlessChrome\/([\w.]+)/, "Chrome Headless"],
  [/\bCriOS\/([\w.]+)/, "Chrome"],
  [/; wv\).*\bChrome\/([\w.]+)/, "Chrome WebView"],
  [/\bChrome\/([\w.]+)/, "Chrome"],
  [/\bFxiOS\/([\w.]+)/, "Firefox"],
  [/\b(?:Mobile|Tablet);.*\bFirefox\/([\w.]+)/, "Mobile Firefox"],
  [/\bFirefox\/([\w.]+)/, "Firefox"],
  [/\bMSIE ([\w.]+)/, "IE"],
  [/\bTrident\/.*\brv:([\w.]+)/, "IE"],
  [/\bVersion\/([\w.]+).*\bMobile\/\w+ Safari/, "Mobile Safari"],
  [/\bVersion\/([\w.]+).*\bSafari\//, "Safari"],
  [/\b(?:iPhone|iPad|iPod)\b.*AppleWebKit\/([\w.]+)(?!.*Safari)/, "WebKit"],
];

const WINDOWS_VERSIONS = { "10.0": "10", "6.4": "10", "6.3": "8.1", "6.2": "8", "6.1": "7", "6.0": "Vista", "5.2": "XP", "5.1": "XP", "5.0": "2000" };

const VENDORS = [
  [/^(?:SM-|GT-|SCH-|SGH-|SAMSUNG)/i, "Samsung"],
  [/^(?:Pixel|Nexus)/i, "Google"],
  [/^(?:Redmi|Mi |MI |POCO|M2\d{3}|2\d{3}[A-Z0-9]{4,})/, "Xiaomi"],
  [/^(?:HUAWEI|ELE-|VOG-|ANE-|MAR-|LYA-)/i, "Huawei"],
  [/^(?:ONEPLUS|KB2|LE2|IN20|HD19)/i, "OnePlus"],
  [/^(?:moto|XT\d{4})/i, "Motorola"],
  [/^(?:LG-|LM-)/i, "LG"],
  [/^Nokia/i, "Nokia"],
  [/^(?:CPH|OPPO)/i, "OPPO"],
  [/^(?:vivo|V\d{4})/i, "Vivo"],
  [/^(?:KF|Kindle)/, "Amazon"],
];

function parseUserAgent(ua) {
  const browser = { name: undefined, version: undefined, major: undefined };
  const engine = { name: undefined, version: undefined };
  const os = { name: undefined, version: undefined };
  const device = { vendor: undefined, model: undefined, type: undefined };
  const cpu = { architecture: undefined };
  if (ua === "") return { ua, browser, engine, os, device, cpu };

  for (const [pattern, name] of BROWSERS) {
    const match = pattern.exec(ua);
    if (match === null) continue;
    browser.name = name;
    browser.version = match[1];
    browser.major = match[1].replace(/[^\d.]/g, "").split(".")[0] || undefined;
    break;
  }

  let match;
  if ((match = /\bTrident\/([\w.]+)/.exec(ua))) engine.name = "Trident", engine.version = match[1];
  else if ((match = /\bEdge\/([\w.]+)/.exec(ua))) engine.name = "EdgeHTML", engine.version = match[1];
  else if ((match = /\bPresto\/([\w.]+)/.exec(ua))) engine.name = "Presto", engine.version = match[1];
  else if ((match = /AppleWebKit\/537\.36.*\bChrome\/(?!27)([\w.]+)/.exec(ua))) engine.name = "Blink", engine.version = match[1];
  else if ((match = /AppleWebKit\/([\w.]+)/.exec(ua))) engine.name = "WebKit", engine.version = match[1];
  else if ((match = /\brv:([\w.]+)\).*\bGecko\//.exec(ua))) engine.name = "Gecko", engine.version = match[1];

  if ((match = /\bWindows Phone(?: OS)? ([\d.]+)/.exec(ua))) os.name = "Windows Phone", os.version = match[1];
  else if ((match = /\bWindows NT ([\d.]+)/.exec(ua))) os.name = "Windows", os.version = WINDOWS_VERSIONS[match[1]] ?? match[1];
  else if (/\bWindows\b/.test(ua)) os.name = "Windows";
  else if ((match = /\b(?:iPhone|iPad|iPod)\b.*?\bOS ([\d_]+)/.exec(ua))) os.name = "iOS", os.version = match[1].replace(/_/g, ".");
  else if (/\b(?:iPhone|iPad|iPod)\b/.test(ua)) os.name = "iOS";
  else if ((match = /\bCrOS \S+ ([\d.]+)/.exec(ua))) os.name = "Chromium OS", os.version = match[1];
  else if ((match = /\bMac OS X ?([\d_.]*)/.exec(ua))) os.name = "Mac OS", os.version = match[1] ? match[1].replace(/_/g, ".") : undefined;
  else if ((match = /\bAndroid[ /]?([\d.]*)/.exec(ua))) os.name = "Android", os.version = match[1] || undefined;
  else if ((match = /\b(Ubuntu|Fedora|Debian|Arch|Mint|SUSE)\b(?:[ /]([\d.]+))?/i.exec(ua))) os.name = match[1], os.version = match[2];
  else if ((match = /\b(FreeBSD|OpenBSD|NetBSD)\b/.exec(ua))) os.name = match[1];
  else if (/\bLinux\b/.test(ua)) os.name = "Linux";

  if ((match = /\b(iPad|iPhone|iPod)\b/.exec(ua))) {
    device.vendor = "Apple";
    device.model = match[1];
    device.type = match[1] === "iPad" ? "tablet" : "mobile";
  } else if (/\bMacintosh\b/.test(ua)) {
    device.vendor = "Apple";
    device.model = "Macintosh";
  } else if (/\b(?:SmartTV|SMART-TV|SmartTv|HbbTV|Web0S|webOS.TV|AppleTV|CrKey|BRAVIA|Tizen.+TV)\b/i.test(ua)) {
    device.type = "smarttv";
  } else if ((match = /\b(PlayStation(?: \w+)?|Xbox(?: One)?|Nintendo \w+)/.exec(ua))) {
    device.type = "console";
    device.model = match[1];
    device.vendor = /PlayStation/.test(match[1]) ? "Sony" : /Xbox/.test(match[1]) ? "Microsoft" : "Nintendo";
  } else if (/\bWatch\b|\bWear OS\b/.test(ua)) {
    device.type = "wearable";
  } else if (/\bAndroid\b/.test(ua)) {
    const model = /\bAndroid[^;)]*;(?: [a-z]{2}[-_][a-z]{2};)? ([^;)]+?)(?: Build\/[^;)]*)?[;)]/i.exec(ua);
    if (model !== null && model[1] !== "Linux" && model[1] !== "wv") {
      device.model = model[1].trim();
      for (const [pattern, vendor] of VENDORS) {
        if (pattern.test(device.model)) {
          device.vendor = vendor;
          break;
        }
      }
    }
    device.type = /\bMobile\b/.test(ua) ? "mobile" : "tablet";
  } else if (/\bWindows Phone\b|\bIEMobile\b/.test(ua)) {
    device.type = "mobile";
  } else if (/\b(?:Kindle|Silk)\b/.test(ua)) {
    device.vendor = "Amazon";
    device.type = "tablet";
  }

  if (/\b(?:x86_64|x86-64|x64|Win64|WOW64|amd64)\b/i.test(ua)) cpu.architecture = "amd64";
  else if (/\b(?:aarch64|arm64)\b/i.test(ua)) cpu.architecture = "arm64";
  else if (/\barmv?\d*l?\b|\barm\b/i.test(ua)) cpu.architecture = "arm";
  else if (/\b(?:i[3-6]86|x86|i86pc)\b/i.test(ua)) cpu.architecture = "ia32";
  else if (/\b(?:ppc|powerpc)\b/i.test(ua)) cpu.architecture = "ppc";

  return { ua, browser, engine, os, device, cpu };
}

/** Parses a User-Agent string: `{ isBot, ua, browser, device, engine, os, cpu }`. */
export function userAgentFromString(input) {
  return { ...parseUserAgent(input === undefined ? "" : String(input)), isBot: input === undefined ? false : isBot(String(input)) };
}

/** Parses the User-Agent header of a request (anything with `headers`). */
export function userAgent({ headers }) {
  return userAgentFromString(headers.get("user-agent") || undefined);
}

// ---------------------------------------------------------------------------------------
// The rest of next/server's exports.

export const URLPattern = /* @__PURE__ */ (() => globalThis.URLPattern)();

/** `next/og`'s ImageResponse, which Verge does not support. */
export class ImageResponse {
  constructor() {
    throw new Error("ImageResponse (next/og) is not supported by Verge's edge runtime: see docs/next-compat.md");
  }
}

/** Resolves at once: every Verge edge request is dynamic. */
export async function connection() {}

/** Runs `task` (a function or promise) after the response has been sent. */
export function after(task) {
  if (typeof task !== "function" && !(task !== null && typeof task === "object" && typeof task.then === "function")) {
    throw new TypeError("after() needs a function or a promise");
  }
  const context = bridge?.currentContext();
  if (context === undefined) {
    throw new Error("`after` was called outside a request scope. Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context");
  }
  bridge.after(context, task);
}

// Tell the server to hand this segment's handlers NextRequest objects.
bridge?.install({
  wrapRequest: (request) => new NextRequest(request),
  fetchEvent: (request, page) => new NextFetchEvent({ request, page }),
  isNextResponse,
});
"""#),
        ("headers.js", #"""
// `next/headers` for Verge's edge runtime: `headers()`, `cookies()` and `draftMode()` read
// the current request, written by Verge to behave as Next.js's do (see docs/next-compat.md).
//
// JavaScriptCore has no AsyncLocalStorage. The server knows which request each entry into
// JavaScript belongs to (timers and I/O completions are charged to the request that started
// them), and `currentContext()` asks it. Continuations of a promise that two requests share
// run in the request that settled it: read headers()/cookies() before awaiting shared work.

import { RequestCookies, ResponseCookies, stringifyCookie } from "./dist/server/web/spec-extension/cookies.js";

const bridge = globalThis[Symbol.for("verge.next.bridge")];

function currentContext(expression) {
  const context = bridge?.currentContext();
  if (context === undefined) {
    throw new Error(
      `\`${expression}\` was called outside a request scope. Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context`,
    );
  }
  return context;
}

function stateOf(context) {
  return (context.next ??= { headers: undefined, cookies: undefined, draftMode: undefined });
}

// ---------------------------------------------------------------------------------------
// headers()

function readonlyHeadersError() {
  throw new Error("Headers cannot be modified. Read more: https://nextjs.org/docs/app/api-reference/functions/headers");
}

/** The request's headers, read-only. */
class ReadonlyHeaders extends Headers {
  append() {
    readonlyHeadersError();
  }
  delete() {
    readonlyHeadersError();
  }
  set() {
    readonlyHeadersError();
  }
}

/** A promise of `value` that also answers `value`'s methods synchronously (Next.js 15's
 *  compatibility with the synchronous style of Next.js 14). */
function exoticPromise(value, methods, getters = []) {
  const promise = Promise.resolve(value);
  for (const name of methods) {
    const method = value[name];
    Object.defineProperty(promise, name, { value: method.bind(value), writable: true, configurable: true });
  }
  for (const name of getters) {
    Object.defineProperty(promise, name, { get: () => value[name], configurable: true });
  }
  return promise;
}

const HEADER_METHODS = ["append", "delete", "get", "getSetCookie", "has", "set", "forEach", "keys", "values", "entries", Symbol.iterator];

/** The current request's headers: `await headers()` (or, as in Next.js 14, `headers().get(…)`). */
export function headers() {
  const context = currentContext("headers");
  const state = stateOf(context);
  if (state.headers === undefined) {
    state.headers = exoticPromise(new ReadonlyHeaders(context.request.headers), HEADER_METHODS);
  }
  return state.headers;
}

// ---------------------------------------------------------------------------------------
// cookies()

function readonlyCookiesError() {
  throw new Error(
    "Cookies can only be modified in a Server Action or Route Handler. Read more: https://nextjs.org/docs/app/api-reference/functions/cookies#options",
  );
}

/**
 * In a route handler (or middleware): the request's cookies, writable; `set` and `delete`
 * add `Set-Cookie` to the response (a cookie the returned response sets itself wins).
 * In a page: the request's cookies, read-only.
 */
function makeCookies(context) {
  const requestCookies = new RequestCookies(new Headers(context.request.headers));
  if (context.kind === "page") {
    return new Proxy(requestCookies, {
      get(target, property) {
        if (property === "set" || property === "delete" || property === "clear") return readonlyCookiesError;
        const value = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }
  const cookies = new ResponseCookies(new Headers());
  for (const cookie of requestCookies.getAll()) cookies.set(cookie);
  const modified = new Set();
  const update = () => {
    if (context.sent) {
      console.warn("cookies().set()/delete() after the response was sent has no effect");
    }
    const list = [];
    for (const cookie of cookies.getAll()) {
      if (modified.has(cookie.name)) list.push(cookie.name, stringifyCookie(cookie));
    }
    context.setCookies = list;
  };
  return new Proxy(cookies, {
    get(target, property) {
      if (property === "set") {
        return (...args) => {
          const first = args[0];
          modified.add(typeof first === "string" ? first : first?.name);
          try {
            return target.set(...args);
          } finally {
            update();
          }
        };
      }
      if (property === "delete") {
        return (...args) => {
          const first = args[0];
          modified.add(typeof first === "string" ? first : first?.name);
          try {
            return target.delete(...args);
          } finally {
            update();
          }
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const COOKIE_METHODS = ["get", "getAll", "has", "set", "delete", "clear", "toString", Symbol.iterator];

/** The current request's cookies: `await cookies()` (or, as in Next.js 14, `cookies().get(…)`). */
export function cookies() {
  const context = currentContext("cookies");
  const state = stateOf(context);
  if (state.cookies === undefined) {
    const underlying = makeCookies(context);
    const methods = COOKIE_METHODS.filter((name) => typeof underlying[name] === "function");
    state.cookies = exoticPromise(underlying, methods, ["size"]);
  }
  return state.cookies;
}

// ---------------------------------------------------------------------------------------
// draftMode()

function draftModeUnsupported() {
  throw new Error("draftMode().enable()/disable() is not supported by Verge's edge runtime: see docs/next-compat.md");
}

/** Draft mode is never enabled on Verge (no preview secret to check it against). */
export function draftMode() {
  const context = currentContext("draftMode");
  const state = stateOf(context);
  if (state.draftMode === undefined) {
    const value = { isEnabled: false, enable: draftModeUnsupported, disable: draftModeUnsupported };
    state.draftMode = exoticPromise(value, ["enable", "disable"], ["isEnabled"]);
  }
  return state.draftMode;
}
"""#),
    ]
}
