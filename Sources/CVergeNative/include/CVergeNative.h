#ifndef VERGE_NATIVE_H
#define VERGE_NATIVE_H
#include <stddef.h>
#include <stdint.h>
#include "verge_codec.h"

// ---- UTF-8 / UTF-16 (Encoding Standard semantics) ----

/// Encodes UTF-16 code units as UTF-8; lone surrogates become U+FFFD (EF BF BD).
/// `output` must hold 3 * count bytes. Returns the bytes written.
size_t verge_utf16_to_utf8(const uint16_t *input, size_t count, uint8_t *output);

/// The UTF-8 length of UTF-16 code units (lone surrogates count as U+FFFD, 3 bytes).
size_t verge_utf8_length(const uint16_t *input, size_t count);

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

// ---- HTTP/1 (http1.c) ----

/// Writes the fields of a server header block (UTF-16 "name\nvalue\nname\nvalue") as HTTP/1
/// header lines "name: value\r\n" into `output`, which must hold 2 * count + 2 bytes.
/// Returns the bytes written, or -1 when the block is for NIO's encoder to write instead: it
/// holds a code unit outside ASCII (or CR, NUL), a name without a value, or a field the
/// encoder frames itself (content-length, transfer-encoding, connection).
long verge_http1_fields(const uint16_t *block, size_t count, uint8_t *output);

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

// ---- Every encoding of the Encoding Standard (decoders.c, tables generated) ----

/// Bytes a decoder's state takes; a new decoder's state is all zero.
#define VERGE_DECODER_STATE_SIZE 32
/// The state byte that each call sets to 0 when the decoder is left idle (no partial sequence,
/// ASCII bytes decode to themselves), else to 1; callers may decode ASCII themselves while 0.
#define VERGE_DECODER_BUSY_BYTE 31

#define VERGE_DECODE_FATAL (-1)
#define VERGE_DECODE_INVALID (-2)
#define VERGE_DECODE_OUT_OF_MEMORY (-3)

/// "Get an encoding": strips leading and trailing ASCII whitespace from the UTF-16 `label`
/// and matches it ASCII case-insensitively against every label. Returns the encoding id, or
/// -1 (failure).
int verge_encoding_for_label(const uint16_t *label, size_t length);

/// The name of encoding `encoding` ("UTF-8", "Shift_JIS", ...), or NULL for an invalid id.
const char *verge_encoding_name(int encoding);

/// The number of encodings (ids are 0 ..< count).
int verge_encoding_count(void);

/// Runs encoding `encoding`'s decoder over `input`, continuing from `state`
/// (VERGE_DECODER_STATE_SIZE bytes, updated in place). Bytes restored by an earlier call are
/// read first. With `flush`, end-of-queue follows the input; without it, a sequence cut by
/// the end of the input stays in the state for the next call.
/// On success returns the UTF-16 units written to `*output` (malloc'ed; the caller frees it).
/// With `fatal`, the first error returns VERGE_DECODE_FATAL, `*output` is NULL, and
/// `*consumed` says how many input bytes were read (the rest are still queued, as the spec's
/// I/O queue keeps them). VERGE_DECODE_INVALID: bad id or state; VERGE_DECODE_OUT_OF_MEMORY.
long verge_decode(int encoding, uint8_t *state, const uint8_t *input, size_t count, int fatal,
                  int flush, uint16_t **output, size_t *consumed);

#define VERGE_DECODE_FLAG_FATAL 1
#define VERGE_DECODE_FLAG_FLUSH 2
/// Runs only the spec's handlers, byte by byte (for differential tests of the fast paths).
#define VERGE_DECODE_FLAG_NO_FAST_PATHS 4

/// verge_decode with its options as flags.
long verge_decode_with_flags(int encoding, uint8_t *state, const uint8_t *input, size_t count, int flags,
                             uint16_t **output, size_t *consumed);

/// verge_decode into a caller buffer: `*buffer` (malloc'ed, `*capacity` units; NULL and 0 for
/// none) is grown with realloc as needed and stays the caller's to reuse and free, whatever
/// the result. The output starts at `(*buffer)[0]`.
long verge_decode_into(int encoding, uint8_t *state, const uint8_t *input, size_t count, int flags,
                       uint16_t **buffer, size_t *capacity, size_t *consumed);

#endif
