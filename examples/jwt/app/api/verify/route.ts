// GET /api/verify — verifies the JWT of the `Authorization: Bearer <token>` header.
//
// Runs in the edge runtime. Keys come from process.env (see ../../../verify.js):
//   JWT_HS256_SECRET (or JWT_HS256_JWK), JWT_RS256_JWK, JWT_ES256_JWK, JWT_EDDSA_JWK,
//   and JWT_LEEWAY_SECONDS for clock skew (default 0).
// 200 with the token's claims when it verifies; 401 with a JSON reason when it does not
// (malformed, unsupported_alg, no_key, bad_signature, expired, not_yet_valid, missing_token).

import { keysFromEnv, verifyJwt } from "../../../verify.js";

export const runtime = "edge";
export const dynamic = "force-dynamic";

// Imported once per isolate, on the first request.
let keysPromise: Promise<Record<string, CryptoKey>> | undefined;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

function unauthorized(reason: string, detail: string): Response {
  // RFC 6750 section 3: the challenge names the error.
  const description = detail.replace(/["\\]/g, "'");
  return json(401, { error: "invalid_token", reason, detail }, {
    "www-authenticate": `Bearer error="invalid_token", error_description="${description}"`,
  });
}

export async function GET(request: Request): Promise<Response> {
  const authorization = request.headers.get("authorization") ?? "";
  const match = /^Bearer[ ]+([A-Za-z0-9_\-.~+/]+=*)$/i.exec(authorization.trim());
  if (match === null) {
    return json(401, { error: "invalid_request", reason: "missing_token", detail: "send Authorization: Bearer <jwt>" }, {
      "www-authenticate": 'Bearer realm="api"',
    });
  }

  keysPromise ??= keysFromEnv(process.env as Record<string, string | undefined>);
  let keys: Record<string, CryptoKey>;
  try {
    keys = await keysPromise;
  } catch (error) {
    keysPromise = undefined;
    return json(500, { error: "server_error", detail: `the configured JWT keys cannot be imported: ${String(error)}` });
  }

  const leeway = Number(process.env.JWT_LEEWAY_SECONDS ?? "0") || 0;
  const result = await verifyJwt(match[1], keys, { leeway });
  if (!result.ok) return unauthorized(result.reason, result.detail);
  return json(200, { ok: true, alg: result.header.alg, claims: result.payload });
}
