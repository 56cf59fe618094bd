// Streaming compression and decompression over zlib (deflate, deflate-raw, gzip) and brotli,
// for CompressionStream/DecompressionStream and fetch's Content-Encoding decoding.
// One state machine per stream; the caller drives it with bounded output buffers, so a
// decompression bomb never needs more memory than the buffer the caller hands in.
#include "verge_codec.h"
#include <brotli/decode.h>
#include <brotli/encode.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

struct verge_codec {
    int format;
    int decompress;
    int ended;
    const char *message;
    // zlib
    z_stream z;
    int z_ready;
    // DEFLATE_AUTO: the first byte, held until the second one tells zlib from raw.
    uint8_t auto_byte;
    int auto_held;
    // brotli
    BrotliEncoderState *brotli_encoder;
    BrotliDecoderState *brotli_decoder;
};

static int window_bits(int format) {
    switch (format) {
    case VERGE_CODEC_DEFLATE: return 15;
    case VERGE_CODEC_DEFLATE_RAW: return -15;
    case VERGE_CODEC_GZIP: return 15 + 16;
    default: return 15;
    }
}

verge_codec *verge_codec_new(int format, int decompress, int level) {
    if (format < VERGE_CODEC_DEFLATE || format > VERGE_CODEC_DEFLATE_AUTO) return NULL;
    if (format == VERGE_CODEC_DEFLATE_AUTO && !decompress) return NULL;
    verge_codec *codec = calloc(1, sizeof(verge_codec));
    if (!codec) return NULL;
    codec->format = format;
    codec->decompress = decompress;
    codec->message = "";
    if (format == VERGE_CODEC_BROTLI) {
        if (decompress) {
            codec->brotli_decoder = BrotliDecoderCreateInstance(NULL, NULL, NULL);
            if (!codec->brotli_decoder) goto fail;
        } else {
            codec->brotli_encoder = BrotliEncoderCreateInstance(NULL, NULL, NULL);
            if (!codec->brotli_encoder) goto fail;
            // Quality 11 (brotli's default) is far too slow for streaming; 5 is the
            // common choice for on-the-fly compression.
            uint32_t quality = (level < 0 || level > 11) ? 5 : (uint32_t)level;
            BrotliEncoderSetParameter(codec->brotli_encoder, BROTLI_PARAM_QUALITY, quality);
        }
        return codec;
    }
    if (format == VERGE_CODEC_DEFLATE_AUTO) return codec; // zlib set up on the first bytes
    int rc;
    if (decompress) {
        rc = inflateInit2(&codec->z, window_bits(format));
    } else {
        int zlevel = (level < 0 || level > 9) ? Z_DEFAULT_COMPRESSION : level;
        rc = deflateInit2(&codec->z, zlevel, Z_DEFLATED, window_bits(format), 8, Z_DEFAULT_STRATEGY);
    }
    if (rc != Z_OK) goto fail;
    codec->z_ready = 1;
    return codec;
fail:
    verge_codec_free(codec);
    return NULL;
}

void verge_codec_free(verge_codec *codec) {
    if (!codec) return;
    if (codec->z_ready) {
        if (codec->decompress) inflateEnd(&codec->z);
        else deflateEnd(&codec->z);
    }
    if (codec->brotli_encoder) BrotliEncoderDestroyInstance(codec->brotli_encoder);
    if (codec->brotli_decoder) BrotliDecoderDestroyInstance(codec->brotli_decoder);
    free(codec);
}

int verge_codec_ended(const verge_codec *codec) { return codec->ended; }

const char *verge_codec_message(const verge_codec *codec) {
    return codec->message ? codec->message : "";
}

// ---- zlib ----

static int zlib_process(verge_codec *c, const uint8_t *in, size_t in_len, size_t *consumed,
                        uint8_t *out, size_t out_cap, size_t *produced, int finish) {
    // zlib counts in uInt; feed at most 1 GB per call (callers loop).
    const size_t max_chunk = (size_t)1 << 30;
    size_t in_now = in_len > max_chunk ? max_chunk : in_len;
    size_t out_now = out_cap > max_chunk ? max_chunk : out_cap;
    c->z.next_in = (Bytef *)in;
    c->z.avail_in = (uInt)in_now;
    c->z.next_out = out;
    c->z.avail_out = (uInt)out_now;
    int rc;
    if (c->decompress) {
        rc = inflate(&c->z, Z_NO_FLUSH);
    } else {
        rc = deflate(&c->z, (finish && in_now == in_len) ? Z_FINISH : Z_NO_FLUSH);
    }
    *consumed = in_now - c->z.avail_in;
    *produced = out_now - c->z.avail_out;
    switch (rc) {
    case Z_OK:
        break;
    case Z_STREAM_END:
        c->ended = 1;
        return VERGE_CODEC_END;
    case Z_BUF_ERROR:
        // No progress possible: needs more input or more output room. Not an error.
        break;
    case Z_NEED_DICT:
        c->message = "the compressed data needs a preset dictionary, which is not supported";
        return VERGE_CODEC_DATA_ERROR;
    case Z_DATA_ERROR:
        c->message = c->z.msg ? c->z.msg : "invalid compressed data";
        return VERGE_CODEC_DATA_ERROR;
    case Z_MEM_ERROR:
        c->message = "out of memory";
        return VERGE_CODEC_FAILURE;
    default:
        c->message = c->z.msg ? c->z.msg : "zlib stream error";
        return VERGE_CODEC_FAILURE;
    }
    if (c->decompress && finish && *consumed == in_len && *produced < out_now) {
        c->message = "the compressed data ended before the end of the stream";
        return VERGE_CODEC_TRUNCATED;
    }
    return VERGE_CODEC_OK;
}

static int looks_like_zlib(uint8_t b0, uint8_t b1) {
    return (b0 & 0x0F) == 8 && (b0 >> 4) <= 7 && (((unsigned)b0 << 8) | b1) % 31 == 0;
}

static int auto_process(verge_codec *c, const uint8_t *in, size_t in_len, size_t *consumed,
                        uint8_t *out, size_t out_cap, size_t *produced, int finish) {
    *consumed = 0;
    *produced = 0;
    if (!c->z_ready) {
        if (!c->auto_held) {
            if (in_len == 0) {
                if (finish) {
                    c->message = "the compressed data ended before the end of the stream";
                    return VERGE_CODEC_TRUNCATED;
                }
                return VERGE_CODEC_OK;
            }
            c->auto_byte = in[0];
            c->auto_held = 1;
            in++;
            in_len--;
            *consumed = 1;
        }
        if (in_len == 0) {
            if (finish) {
                c->message = "the compressed data ended before the end of the stream";
                return VERGE_CODEC_TRUNCATED;
            }
            return VERGE_CODEC_OK;
        }
        int bits = looks_like_zlib(c->auto_byte, in[0]) ? 15 : -15;
        if (inflateInit2(&c->z, bits) != Z_OK) {
            c->message = "out of memory";
            return VERGE_CODEC_FAILURE;
        }
        c->z_ready = 1;
        // Feed the held byte: one header byte (or the first bits of a raw block) never
        // produces output, so it is always taken whole.
        size_t used = 0, made = 0;
        int rc = zlib_process(c, &c->auto_byte, 1, &used, out, out_cap, &made, 0);
        c->auto_held = 0;
        if (rc < 0) return rc;
        size_t more_used = 0;
        rc = zlib_process(c, in, in_len, &more_used, out + made, out_cap - made, produced, finish);
        *consumed += more_used;
        *produced += made;
        return rc;
    }
    return zlib_process(c, in, in_len, consumed, out, out_cap, produced, finish);
}

// ---- brotli ----

static int brotli_process(verge_codec *c, const uint8_t *in, size_t in_len, size_t *consumed,
                          uint8_t *out, size_t out_cap, size_t *produced, int finish) {
    size_t avail_in = in_len;
    const uint8_t *next_in = in;
    size_t avail_out = out_cap;
    uint8_t *next_out = out;
    if (c->decompress) {
        BrotliDecoderResult result = BrotliDecoderDecompressStream(
            c->brotli_decoder, &avail_in, &next_in, &avail_out, &next_out, NULL);
        *consumed = in_len - avail_in;
        *produced = out_cap - avail_out;
        switch (result) {
        case BROTLI_DECODER_RESULT_SUCCESS:
            c->ended = 1;
            return VERGE_CODEC_END;
        case BROTLI_DECODER_RESULT_ERROR:
            c->message = BrotliDecoderErrorString(BrotliDecoderGetErrorCode(c->brotli_decoder));
            return VERGE_CODEC_DATA_ERROR;
        case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
            if (finish) {
                c->message = "the compressed data ended before the end of the stream";
                return VERGE_CODEC_TRUNCATED;
            }
            return VERGE_CODEC_OK;
        case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
        default:
            return VERGE_CODEC_OK;
        }
    }
    BrotliEncoderOperation op = finish ? BROTLI_OPERATION_FINISH : BROTLI_OPERATION_PROCESS;
    if (!BrotliEncoderCompressStream(c->brotli_encoder, op, &avail_in, &next_in, &avail_out,
                                     &next_out, NULL)) {
        c->message = "brotli encoder failure";
        return VERGE_CODEC_FAILURE;
    }
    *consumed = in_len - avail_in;
    *produced = out_cap - avail_out;
    if (finish && BrotliEncoderIsFinished(c->brotli_encoder)) {
        c->ended = 1;
        return VERGE_CODEC_END;
    }
    return VERGE_CODEC_OK;
}

int verge_codec_process(verge_codec *codec, const uint8_t *input, size_t input_length,
                        size_t *consumed, uint8_t *output, size_t output_capacity,
                        size_t *produced, int finish) {
    *consumed = 0;
    *produced = 0;
    if (codec->ended) return VERGE_CODEC_END;
    static const uint8_t empty = 0;
    if (!input) input = &empty;
    if (codec->format == VERGE_CODEC_BROTLI)
        return brotli_process(codec, input, input_length, consumed, output, output_capacity, produced, finish);
    if (codec->format == VERGE_CODEC_DEFLATE_AUTO)
        return auto_process(codec, input, input_length, consumed, output, output_capacity, produced, finish);
    return zlib_process(codec, input, input_length, consumed, output, output_capacity, produced, finish);
}

int verge_codec_compress_all(int format, int level, const uint8_t *input, size_t input_length,
                             uint8_t **output, size_t *output_length) {
    verge_codec *codec = verge_codec_new(format, 0, level);
    if (!codec) return -1;
    size_t capacity = input_length / 2 + 1024;
    uint8_t *buffer = malloc(capacity);
    size_t length = 0;
    size_t offset = 0;
    int status = VERGE_CODEC_OK;
    while (buffer) {
        if (capacity - length < 256) {
            capacity *= 2;
            uint8_t *grown = realloc(buffer, capacity);
            if (!grown) break;
            buffer = grown;
        }
        size_t used = 0, made = 0;
        status = verge_codec_process(codec, input + offset, input_length - offset, &used,
                                     buffer + length, capacity - length, &made, 1);
        offset += used;
        length += made;
        if (status != VERGE_CODEC_OK) break;
    }
    verge_codec_free(codec);
    if (!buffer || status != VERGE_CODEC_END) {
        free(buffer);
        return -1;
    }
    *output = buffer;
    *output_length = length;
    return 0;
}

uint32_t verge_bytes_sum(const uint8_t *bytes, size_t length) {
    uint32_t sum = 0;
    for (size_t i = 0; i < length; i++) sum += bytes[i];
    return sum;
}
