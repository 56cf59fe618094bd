#ifndef VERGE_CODEC_H
#define VERGE_CODEC_H
#include <stddef.h>
#include <stdint.h>

// ---- Streaming compression codecs (zlib and brotli) ----
// Used by CompressionStream/DecompressionStream and by fetch's Content-Encoding decoding.

typedef enum {
    /// RFC 1950 (zlib wrapper around DEFLATE): CompressionStream "deflate".
    VERGE_CODEC_DEFLATE = 0,
    /// RFC 1951 (raw DEFLATE): "deflate-raw".
    VERGE_CODEC_DEFLATE_RAW = 1,
    /// RFC 1952: "gzip".
    VERGE_CODEC_GZIP = 2,
    /// RFC 7932: "brotli" / Content-Encoding br.
    VERGE_CODEC_BROTLI = 3,
    /// Decompression only: Content-Encoding "deflate" as browsers read it, zlib-wrapped
    /// or raw DEFLATE (decided by the first two bytes).
    VERGE_CODEC_DEFLATE_AUTO = 4,
} verge_codec_format;

typedef enum {
    /// Progress made; call again while input remains or the output buffer was filled.
    VERGE_CODEC_OK = 0,
    /// Decompression: the end of the compressed stream was reached (input after it is
    /// trailing data). Compression with finish: every byte has been produced.
    VERGE_CODEC_END = 1,
    /// The compressed input is invalid (verge_codec_message says why).
    VERGE_CODEC_DATA_ERROR = -1,
    /// Decompression with finish: the input ended before the compressed stream did.
    VERGE_CODEC_TRUNCATED = -2,
    /// Out of memory or an internal error.
    VERGE_CODEC_FAILURE = -3,
} verge_codec_status;

typedef struct verge_codec verge_codec;

/// A new codec, or NULL (bad format/direction pair, or out of memory).
/// `level` is the compression level (-1: the format's default); ignored when decompressing.
verge_codec *verge_codec_new(int format, int decompress, int level);
void verge_codec_free(verge_codec *codec);

/// Runs the codec over `input` (may be empty), writing at most `output_capacity` bytes.
/// *consumed and *produced say how much was read and written. `finish` says no more input
/// follows: compression then flushes its trailer; decompression reports
/// VERGE_CODEC_TRUNCATED once the input is exhausted without reaching the stream's end.
/// Loop while the status is VERGE_CODEC_OK and (*consumed < input_length or
/// *produced == output_capacity).
int verge_codec_process(verge_codec *codec, const uint8_t *input, size_t input_length,
                        size_t *consumed, uint8_t *output, size_t output_capacity,
                        size_t *produced, int finish);

/// True once a decompressor has reached the end of its stream.
int verge_codec_ended(const verge_codec *codec);

/// A static description of the last error (never NULL).
const char *verge_codec_message(const verge_codec *codec);

/// One-shot helper for tests and the test server: compresses `input` into a malloc'ed
/// buffer (*output, *output_length). Returns 0 on success.
int verge_codec_compress_all(int format, int level, const uint8_t *input, size_t input_length,
                             uint8_t **output, size_t *output_length);

/// The sum of `length` bytes modulo 2^32 (the test server's cheap body checksum).
uint32_t verge_bytes_sum(const uint8_t *bytes, size_t length);

#endif
