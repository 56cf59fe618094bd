#ifndef VERGE_NATIVE_H
#define VERGE_NATIVE_H
#include <stddef.h>
#include <stdint.h>
#include "verge_codec.h"

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

// ---- IDNA (UTS #46 through ICU; idna.c) ----

#define VERGE_IDNA_OK 0
#define VERGE_IDNA_INVALID 1
#define VERGE_IDNA_BUFFER_TOO_SMALL 2
#define VERGE_IDNA_INTERNAL_ERROR 3

/// The URL Standard's domain to ASCII (beStrict = false) of a UTF-16 domain through ICU's
/// UTS #46 (nontransitional, CheckBidi, CheckJoiners; hyphen and DNS length errors
/// ignored). Returns VERGE_IDNA_OK with the ASCII result in `output` and its length in
/// *length; VERGE_IDNA_INVALID when the domain is invalid (*errors has ICU's UIDNA_ERROR_
/// bits); VERGE_IDNA_BUFFER_TOO_SMALL with the needed capacity in *length; or
/// VERGE_IDNA_INTERNAL_ERROR when ICU is unusable.
int verge_domain_to_ascii(const uint16_t *input, int32_t count, uint16_t *output,
                          int32_t capacity, int32_t *length, uint32_t *errors);

// ---- Sizes ----

/// The size `input` compresses to with gzip (default level), or -1 on failure.
long verge_gzip_size(const uint8_t *input, size_t count);

#include "verge_base64.h"

#endif
