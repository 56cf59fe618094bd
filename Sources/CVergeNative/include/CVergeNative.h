#ifndef VERGE_NATIVE_H
#define VERGE_NATIVE_H
#include <stddef.h>
#include <stdint.h>

// ---- UTF-8 / UTF-16 (Encoding Standard semantics) ----

/// Encodes UTF-16 code units as UTF-8; lone surrogates become U+FFFD (EF BF BD).
/// `output` must hold 3 * count bytes. Returns the bytes written.
size_t verge_utf16_to_utf8(const uint16_t *input, size_t count, uint8_t *output);

/// TextEncoder.encodeInto: encodes as many whole code points as fit in `capacity` bytes.
/// Sets *read to the UTF-16 units consumed; returns the bytes written.
size_t verge_utf16_to_utf8_into(const uint16_t *input, size_t count, uint8_t *output,
                                size_t capacity, size_t *read);

/// Decodes UTF-8 to UTF-16 with the Encoding Standard's UTF-8 decoder (each maximal
/// invalid subpart becomes one U+FFFD). `output` must hold `count` units.
/// When `flush` is 0, an incomplete sequence at the end is left unconsumed (*consumed says
/// how many bytes were used). Returns the units written, or -1 when `fatal` and the input
/// holds an error (or, with flush, ends mid-sequence).
long verge_utf8_decode(const uint8_t *input, size_t count, uint16_t *output, int fatal,
                       int flush, size_t *consumed);

/// verge_utf8_decode with flush = 1.
long verge_utf8_to_utf16(const uint8_t *input, size_t count, uint16_t *output, int fatal);

#endif
