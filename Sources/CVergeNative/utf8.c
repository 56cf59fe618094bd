// UTF-8 <-> UTF-16 transcoding with the WHATWG Encoding Standard's error handling.
// Hot paths (TextEncoder, TextDecoder, Body.text()) run here; ASCII runs 8 bytes at a time.
#include "CVergeNative.h"
#include "ascii.h"
#include <string.h>

size_t verge_utf16_to_utf8(const uint16_t *in, size_t count, uint8_t *out) {
    uint8_t *start = out;
    size_t i = 0;
    while (i < count) {
        uint16_t c = in[i];
        if (c < 0x80) {
            size_t run = verge_utf16_ascii_to_bytes(in + i, count - i, out);
            out += run;
            i += run;
            continue;
        }
        if (c < 0x800) {
            *out++ = (uint8_t)(0xC0 | (c >> 6));
            *out++ = (uint8_t)(0x80 | (c & 0x3F));
            i++;
            continue;
        }
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < count && in[i + 1] >= 0xDC00 && in[i + 1] <= 0xDFFF) {
            uint32_t cp = 0x10000 + (((uint32_t)c - 0xD800) << 10) + (in[i + 1] - 0xDC00);
            *out++ = (uint8_t)(0xF0 | (cp >> 18));
            *out++ = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
            *out++ = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
            *out++ = (uint8_t)(0x80 | (cp & 0x3F));
            i += 2;
            continue;
        }
        if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;  // lone surrogate
        *out++ = (uint8_t)(0xE0 | (c >> 12));
        *out++ = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
        *out++ = (uint8_t)(0x80 | (c & 0x3F));
        i++;
    }
    return (size_t)(out - start);
}

size_t verge_utf8_length(const uint16_t *in, size_t count) {
    size_t i = 0, length = 0;
    while (i < count) {
        uint16_t c = in[i];
        if (c < 0x80) {
            size_t run = verge_utf16_ascii_length(in + i, count - i);
            i += run;
            length += run;
            continue;
        }
        if (c < 0x800) {
            length += 2;
        } else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < count && in[i + 1] >= 0xDC00 && in[i + 1] <= 0xDFFF) {
            length += 4;
            i++;
        } else {
            length += 3;  // the rest of the BMP, and lone surrogates (U+FFFD)
        }
        i++;
    }
    return length;
}

size_t verge_utf16_to_utf8_into(const uint16_t *in, size_t count, uint8_t *out, size_t capacity,
                                size_t *read) {
    size_t i = 0, w = 0;
    // While the output has room for 3 bytes per remaining unit, the unbounded encoder runs
    // over a prefix that does not end inside a surrogate pair.
    for (;;) {
        size_t units = count - i, room = (capacity - w) / 3;
        if (units > room) units = room;
        if (units < 64) break;
        if (in[i + units - 1] >= 0xD800 && in[i + units - 1] <= 0xDBFF) units--;
        w += verge_utf16_to_utf8(in + i, units, out + w);
        i += units;
    }
    while (i < count) {
        uint16_t c = in[i];
        if (c < 0x80 && w < capacity) {
            size_t room = capacity - w, n = count - i;
            size_t run = verge_utf16_ascii_to_bytes(in + i, n < room ? n : room, out + w);
            i += run;
            w += run;
            continue;
        }
        uint32_t cp = c;
        size_t units = 1;
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < count && in[i + 1] >= 0xDC00 && in[i + 1] <= 0xDFFF) {
            cp = 0x10000 + (((uint32_t)c - 0xD800) << 10) + (in[i + 1] - 0xDC00);
            units = 2;
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            cp = 0xFFFD;
        }
        size_t need = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (w + need > capacity) break;
        switch (need) {
        case 1: out[w] = (uint8_t)cp; break;
        case 2:
            out[w] = (uint8_t)(0xC0 | (cp >> 6));
            out[w + 1] = (uint8_t)(0x80 | (cp & 0x3F));
            break;
        case 3:
            out[w] = (uint8_t)(0xE0 | (cp >> 12));
            out[w + 1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
            out[w + 2] = (uint8_t)(0x80 | (cp & 0x3F));
            break;
        default:
            out[w] = (uint8_t)(0xF0 | (cp >> 18));
            out[w + 1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
            out[w + 2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
            out[w + 3] = (uint8_t)(0x80 | (cp & 0x3F));
        }
        w += need;
        i += units;
    }
    *read = i;
    return w;
}

long verge_utf8_decode(const uint8_t *in, size_t count, uint16_t *out, int fatal, int flush,
                       size_t *consumed) {
    size_t i = 0;
    long o = 0;
    while (i < count) {
        // ASCII fast path.
        {
            size_t run = verge_ascii_to_utf16(in + i, count - i, out + o);
            i += run;
            o += (long)run;
        }
        if (i >= count) break;
        uint8_t b = in[i];
        if (b < 0x80) {
            out[o++] = b;
            i++;
            continue;
        }
        // Encoding Standard UTF-8 decoder: needed bytes and the bounds of the next byte.
        uint32_t cp;
        int needed;
        uint8_t lower = 0x80, upper = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            needed = 1;
            cp = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
            if (b == 0xE0) lower = 0xA0;
            if (b == 0xED) upper = 0x9F;
            needed = 2;
            cp = b & 0x0F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            if (b == 0xF0) lower = 0x90;
            if (b == 0xF4) upper = 0x8F;
            needed = 3;
            cp = b & 0x07;
        } else {
            if (fatal) return -1;
            out[o++] = 0xFFFD;
            i++;
            continue;
        }
        size_t j = i + 1;
        int seen = 0;
        int error = 0;
        while (seen < needed) {
            if (j >= count) break;  // incomplete at end of input
            uint8_t next = in[j];
            if (next < lower || next > upper) {
                error = 1;
                break;
            }
            lower = 0x80;
            upper = 0xBF;
            cp = (cp << 6) | (next & 0x3F);
            j++;
            seen++;
        }
        if (!error && seen < needed) {
            // Ran out of input mid-sequence.
            if (!flush) break;  // keep the partial sequence for the next chunk
            if (fatal) return -1;
            out[o++] = 0xFFFD;
            i = count;
            break;
        }
        if (error) {
            // The maximal subpart i..<j becomes one U+FFFD; the offending byte is reprocessed.
            if (fatal) return -1;
            out[o++] = 0xFFFD;
            i = j;
            continue;
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out[o++] = (uint16_t)(0xD800 + (cp >> 10));
            out[o++] = (uint16_t)(0xDC00 + (cp & 0x3FF));
        } else {
            out[o++] = (uint16_t)cp;
        }
        i = j;
    }
    if (consumed) *consumed = i;
    return o;
}

long verge_utf8_to_utf16(const uint8_t *in, size_t count, uint16_t *out, int fatal) {
    return verge_utf8_decode(in, count, out, fatal, 1, NULL);
}
