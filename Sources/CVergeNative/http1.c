// The header fields of an HTTP/1 response written straight from the server's header block
// (runtime-apis/50_server.js: "name\nvalue\nname\nvalue", UTF-16 as JS holds it).
#include "CVergeNative.h"

static int name_is(const uint16_t *name, size_t length, const char *lower, size_t lowerLength) {
    if (length != lowerLength) return 0;
    for (size_t i = 0; i < length; i++) {
        uint16_t c = name[i];
        if (c >= 'A' && c <= 'Z') c |= 0x20;
        if (c != (uint8_t)lower[i]) return 0;
    }
    return 1;
}

#define NAME_IS(part, length, literal) name_is(part, length, literal, sizeof(literal) - 1)

long verge_http1_fields(const uint16_t *block, size_t count, uint8_t *output) {
    if (count == 0) return 0;
    size_t at = 0, start = 0;
    int inValue = 0;
    for (size_t i = 0; i <= count; i++) {
        if (i < count && block[i] != '\n') {
            uint16_t c = block[i];
            // Headers has already refused CR and NUL; non-ASCII is left to the general path.
            if (c >= 0x80 || c == '\r' || c == 0) return -1;
            continue;
        }
        const uint16_t *part = block + start;
        size_t length = i - start;
        if (!inValue) {
            if (NAME_IS(part, length, "content-length") || NAME_IS(part, length, "transfer-encoding") ||
                NAME_IS(part, length, "connection")) {
                return -1;
            }
        }
        for (size_t k = 0; k < length; k++) output[at++] = (uint8_t)part[k];
        if (inValue) {
            output[at++] = '\r';
            output[at++] = '\n';
        } else {
            output[at++] = ':';
            output[at++] = ' ';
        }
        inValue = !inValue;
        start = i + 1;
    }
    // A name without a value: not something 50_server.js sends; the general path drops it.
    return inValue ? -1 : (long)at;
}
