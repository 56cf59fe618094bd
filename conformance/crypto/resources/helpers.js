// Shared helpers for the conformance/crypto tests (loaded with // META: script=resources/helpers.js).
"use strict";

/** "0a0b…" -> Uint8Array */
function hex(string) {
  const clean = string.replace(/\s+/g, "");
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.substr(i * 2, 2), 16);
  return out;
}

/** ArrayBuffer | view -> "0a0b…" */
function toHex(buffer) {
  const bytes = buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += bytes[i].toString(16).padStart(2, "0");
  return out;
}

/** ASCII/Latin-1 string -> Uint8Array */
function bytesOf(string) {
  const out = new Uint8Array(string.length);
  for (let i = 0; i < string.length; i++) out[i] = string.charCodeAt(i);
  return out;
}

/** base64url (no padding) -> Uint8Array */
function fromBase64Url(string) {
  const b64 = string.replace(/-/g, "+").replace(/_/g, "/");
  return bytesOf(atobPolyfill(b64 + "===".slice((b64.length + 3) % 4)));
}

/** Uint8Array -> base64url (no padding) */
function toBase64Url(bytes) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  bytes = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
  let out = "";
  let i = 0;
  for (; i + 3 <= bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
  }
  if (bytes.length - i === 1) {
    const n = bytes[i] << 16;
    out += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63];
  } else if (bytes.length - i === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63];
  }
  return out;
}

// atob without depending on the global (another module provides it).
function atobPolyfill(b64) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const c of b64) {
    if (c === "=") break;
    buffer = (buffer << 6) | alphabet.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((buffer >> bits) & 0xff);
    }
  }
  return out;
}

function utf8(string) {
  return new TextEncoder().encode(string);
}

function assert_bytes_equal(actual, expected, description) {
  assert_true(actual instanceof ArrayBuffer || ArrayBuffer.isView(actual), `${description}: result is bytes`);
  assert_equals(toHex(actual), typeof expected === "string" ? expected : toHex(expected), description);
}

/** Rejects with a DOMException named `name` (the promise_rejects_dom of WPT, by name). */
async function rejects_with(promise, name, description) {
  try {
    await promise;
  } catch (error) {
    assert_equals(error.name, name, `${description}: error name (${error.message})`);
    if (name !== "TypeError" && name !== "RangeError") {
      assert_true(error instanceof DOMException, `${description}: a DOMException`);
    }
    return error;
  }
  assert_unreached(`${description}: should have rejected with ${name}`);
}

const subtle = crypto.subtle;
