// atob and btoa (https://html.spec.whatwg.org/#atob), on HTML's forgiving-base64
// (https://infra.spec.whatwg.org/#forgiving-base64). The work is native (ops.base64Encode
// and ops.base64Decode, C in Sources/CVergeNative/base64.c): both return null when the
// input is not valid, and an InvalidCharacterError DOMException is thrown here.

const { ObjectFreeze } = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;
const ops = core.ops;

function invalidCharacter(message) {
  const { DOMException } = core.require("dom_exception");
  return new DOMException(message, "InvalidCharacterError");
}

/** btoa(data): base64 of a string whose code units are all at most U+00FF. */
function btoa(data) {
  const prefix = "Failed to execute 'btoa'";
  webidl.requiredArguments(arguments.length, 1, prefix);
  data = converters.DOMString(data, prefix, "Argument 1");
  const result = ops.base64Encode(data);
  if (result === null) {
    throw invalidCharacter(`${prefix}: The string to be encoded contains characters outside of the Latin1 range.`);
  }
  return result;
}

/** atob(data): the bytes of forgiving-base64 `data`, as a string of code units 0–255. */
function atob(data) {
  const prefix = "Failed to execute 'atob'";
  webidl.requiredArguments(arguments.length, 1, prefix);
  data = converters.DOMString(data, prefix, "Argument 1");
  const result = ops.base64Decode(data);
  if (result === null) {
    throw invalidCharacter(`${prefix}: The string to be decoded is not correctly encoded.`);
  }
  return result;
}

return ObjectFreeze({ __proto__: null, atob, btoa });
