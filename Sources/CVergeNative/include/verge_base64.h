#ifndef VERGE_BASE64_H
#define VERGE_BASE64_H
#include <stddef.h>
#include <stdint.h>

// ---- Base64 (HTML's forgiving-base64, for atob/btoa) ----

/// Encodes the code units of a string as base64 (btoa). Every unit must be at most 0xFF
/// (a byte); returns -1 when one is not. Writes UTF-16 code units (JavaScriptCore makes
/// strings from UTF-16 far faster than from UTF-8): `output` must hold
/// verge_base64_encoded_length(count) units. Returns the units written.
long verge_base64_encode_utf16(const uint16_t *input, size_t count, uint16_t *output);

/// The length of the base64 encoding of `count` bytes, with padding.
size_t verge_base64_encoded_length(size_t count);

/// HTML's forgiving-base64 decode (atob): ASCII whitespace is ignored, padding is
/// optional but must be right when present. Each decoded byte is written as one UTF-16
/// code unit (a Latin-1 string). `output` must hold count * 3 / 4 + 8 units (the vector
/// path writes a few units past the result); `scratch` must hold `count` bytes. Returns
/// the units written, or -1 when the input is not valid.
long verge_base64_decode_utf16(const uint16_t *input, size_t count, uint16_t *output, uint8_t *scratch);

#endif
