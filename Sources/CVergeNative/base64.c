// Base64 for atob/btoa, per HTML's forgiving-base64 encode and decode
// (https://infra.spec.whatwg.org/#forgiving-base64).
#include "verge_base64.h"

static const char encode_table[64] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// 0-63: a base64 digit; 64: '='; 65: ASCII whitespace; 255: anything else.
#define B64_PAD 64
#define B64_SPACE 65
#define B64_BAD 255
static const uint8_t decode_table[256] = {
    255, 255, 255, 255, 255, 255, 255, 255, 255,  65,  65, 255,  65,  65, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
     65, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,  62, 255, 255, 255,  63,
     52,  53,  54,  55,  56,  57,  58,  59,  60,  61, 255, 255, 255,  64, 255, 255,
    255,   0,   1,   2,   3,   4,   5,   6,   7,   8,   9,  10,  11,  12,  13,  14,
     15,  16,  17,  18,  19,  20,  21,  22,  23,  24,  25, 255, 255, 255, 255, 255,
    255,  26,  27,  28,  29,  30,  31,  32,  33,  34,  35,  36,  37,  38,  39,  40,
     41,  42,  43,  44,  45,  46,  47,  48,  49,  50,  51, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
};

size_t verge_base64_encoded_length(size_t count) {
    return (count + 2) / 3 * 4;
}

long verge_base64_encode_utf16(const uint16_t *input, size_t count, char *output) {
    // Check first, so the common case runs a tight loop.
    uint16_t any = 0;
    for (size_t i = 0; i < count; i++) any |= input[i];
    if (any > 0xFF) return -1;
    char *out = output;
    size_t i = 0;
    for (; i + 3 <= count; i += 3) {
        uint32_t n = ((uint32_t)input[i] << 16) | ((uint32_t)input[i + 1] << 8) | input[i + 2];
        out[0] = encode_table[(n >> 18) & 63];
        out[1] = encode_table[(n >> 12) & 63];
        out[2] = encode_table[(n >> 6) & 63];
        out[3] = encode_table[n & 63];
        out += 4;
    }
    size_t rest = count - i;
    if (rest == 1) {
        uint32_t n = (uint32_t)input[i] << 16;
        out[0] = encode_table[(n >> 18) & 63];
        out[1] = encode_table[(n >> 12) & 63];
        out[2] = '=';
        out[3] = '=';
        out += 4;
    } else if (rest == 2) {
        uint32_t n = ((uint32_t)input[i] << 16) | ((uint32_t)input[i + 1] << 8);
        out[0] = encode_table[(n >> 18) & 63];
        out[1] = encode_table[(n >> 12) & 63];
        out[2] = encode_table[(n >> 6) & 63];
        out[3] = '=';
        out += 4;
    }
    *out = '\0';
    return (long)(out - output);
}

long verge_base64_decode_utf16(const uint16_t *input, size_t count, uint16_t *output, uint8_t *scratch) {
    // 1. Remove ASCII whitespace; map the rest to sextets (64 for '=').
    size_t length = 0;
    for (size_t i = 0; i < count; i++) {
        uint16_t c = input[i];
        if (c > 0xFF) return -1;
        uint8_t v = decode_table[c];
        if (v == B64_SPACE) continue;
        if (v == B64_BAD) return -1;
        scratch[length++] = v;
    }
    // 2. If the length divides by 4, remove one or two trailing '='.
    if (length % 4 == 0 && length > 0) {
        if (scratch[length - 1] == B64_PAD) {
            length--;
            if (scratch[length - 1] == B64_PAD) length--;
        }
    }
    // 3. A remainder of 1 is not valid.
    if (length % 4 == 1) return -1;
    // 4. Any '=' left is not valid.
    for (size_t i = 0; i < length; i++) {
        if (scratch[i] == B64_PAD) return -1;
    }
    // 5. Decode: each 4 sextets give 3 bytes; a tail of 2 or 3 gives 1 or 2 bytes.
    uint16_t *out = output;
    size_t i = 0;
    for (; i + 4 <= length; i += 4) {
        uint32_t n = ((uint32_t)scratch[i] << 18) | ((uint32_t)scratch[i + 1] << 12) |
                     ((uint32_t)scratch[i + 2] << 6) | scratch[i + 3];
        out[0] = (uint16_t)((n >> 16) & 0xFF);
        out[1] = (uint16_t)((n >> 8) & 0xFF);
        out[2] = (uint16_t)(n & 0xFF);
        out += 3;
    }
    size_t rest = length - i;
    if (rest == 2) {
        uint32_t n = ((uint32_t)scratch[i] << 18) | ((uint32_t)scratch[i + 1] << 12);
        *out++ = (uint16_t)((n >> 16) & 0xFF);
    } else if (rest == 3) {
        uint32_t n = ((uint32_t)scratch[i] << 18) | ((uint32_t)scratch[i + 1] << 12) |
                     ((uint32_t)scratch[i + 2] << 6);
        *out++ = (uint16_t)((n >> 16) & 0xFF);
        *out++ = (uint16_t)((n >> 8) & 0xFF);
    }
    return (long)(out - output);
}
