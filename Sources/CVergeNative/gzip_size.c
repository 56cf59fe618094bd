// Gzipped size of a buffer (the edge code-size limit is measured after gzip, as on Vercel).
#include "CVergeNative.h"
#include <zlib.h>
#include <string.h>

long verge_gzip_size(const uint8_t *input, size_t count) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    // 15 + 16: zlib window with a gzip header and trailer.
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return -1;
    unsigned char out[16384];
    long total = 0;
    stream.next_in = (Bytef *)input;
    stream.avail_in = (uInt)count;
    int status;
    do {
        stream.next_out = out;
        stream.avail_out = sizeof out;
        status = deflate(&stream, Z_FINISH);
        if (status == Z_STREAM_ERROR) {
            deflateEnd(&stream);
            return -1;
        }
        total += (long)(sizeof out - stream.avail_out);
    } while (status != Z_STREAM_END);
    deflateEnd(&stream);
    return total;
}
