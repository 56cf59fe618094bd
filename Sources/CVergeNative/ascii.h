// ASCII fast paths shared by the UTF-8 encoder (utf8.c) and the decoders (decoders.c):
// 16 units at a time with SSE2 (every x86-64 CPU has it), 8 at a time elsewhere.
#ifndef VERGE_ASCII_H
#define VERGE_ASCII_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Widens the leading ASCII bytes of `in` to UTF-16 in `out`; returns how many it converted
/// (it stops at the first byte >= 0x80 or at `count`).
static inline size_t verge_ascii_to_utf16(const uint8_t *in, size_t count, uint16_t *out) {
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    while (i + 16 <= count) {
        __m128i bytes = _mm_loadu_si128((const __m128i *)(in + i));
        if (_mm_movemask_epi8(bytes) != 0) break;
        _mm_storeu_si128((__m128i *)(out + i), _mm_unpacklo_epi8(bytes, zero));
        _mm_storeu_si128((__m128i *)(out + i + 8), _mm_unpackhi_epi8(bytes, zero));
        i += 16;
    }
#else
    while (i + 8 <= count) {
        uint64_t word;
        memcpy(&word, in + i, 8);
        if (word & 0x8080808080808080ULL) break;
        for (int k = 0; k < 8; k++) out[i + k] = in[i + k];
        i += 8;
    }

#endif
    while (i < count && in[i] < 0x80) {
        out[i] = in[i];
        i++;
    }
    return i;
}

/// Narrows the leading ASCII units of `in` to bytes in `out`; returns how many it converted
/// (it stops at the first unit >= 0x80 or at `count`).
static inline size_t verge_utf16_ascii_to_bytes(const uint16_t *in, size_t count, uint8_t *out) {
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i mask = _mm_set1_epi16((short)0xFF80);
    const __m128i zero = _mm_setzero_si128();
    while (i + 16 <= count) {
        __m128i a = _mm_loadu_si128((const __m128i *)(in + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(in + i + 8));
        __m128i high = _mm_and_si128(_mm_or_si128(a, b), mask);
        if (_mm_movemask_epi8(_mm_cmpeq_epi16(high, zero)) != 0xFFFF) break;
        _mm_storeu_si128((__m128i *)(out + i), _mm_packus_epi16(a, b));
        i += 16;
    }
#else
    while (i + 4 <= count) {
        uint64_t word;
        memcpy(&word, in + i, 8);
        if (word & 0xFF80FF80FF80FF80ULL) break;
        for (int k = 0; k < 4; k++) out[i + k] = (uint8_t)in[i + k];
        i += 4;
    }

#endif
    while (i < count && in[i] < 0x80) {
        out[i] = (uint8_t)in[i];
        i++;
    }
    return i;
}

/// How many leading units of `in` are ASCII (stops at the first unit >= 0x80 or at `count`).
static inline size_t verge_utf16_ascii_length(const uint16_t *in, size_t count) {
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i mask = _mm_set1_epi16((short)0xFF80);
    const __m128i zero = _mm_setzero_si128();
    while (i + 16 <= count) {
        __m128i a = _mm_loadu_si128((const __m128i *)(in + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(in + i + 8));
        __m128i high = _mm_and_si128(_mm_or_si128(a, b), mask);
        if (_mm_movemask_epi8(_mm_cmpeq_epi16(high, zero)) != 0xFFFF) break;
        i += 16;
    }
#endif
    while (i < count && in[i] < 0x80) i++;
    return i;
}

#endif
