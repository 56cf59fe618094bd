// Base64 for atob/btoa, per HTML's forgiving-base64 encode and decode
// (https://infra.spec.whatwg.org/#forgiving-base64).
//
// Decoding runs a fast path over groups of four base64 digits (one table lookup each,
// pre-shifted, OR-ed together, an out-of-range bit flagging anything else); at the first
// whitespace, padding or invalid character it hands the rest to the general algorithm,
// which strips whitespace first as the standard describes. Tables generated from the
// alphabet "A-Za-z0-9+/".
#include "verge_base64.h"

#include <string.h>

static const char encode_table[64] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// General path: 0-63 a base64 digit; 64 '='; 65 ASCII whitespace; 255 anything else.
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

// Fast path: each digit's value already shifted into place for its position in a group.
#define B64_INVALID 0x01000000u
static const uint32_t d0[256] = {
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x00f80000, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x00fc0000,
    0x00d00000, 0x00d40000, 0x00d80000, 0x00dc0000, 0x00e00000, 0x00e40000, 0x00e80000, 0x00ec0000,
    0x00f00000, 0x00f40000, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x00000000, 0x00040000, 0x00080000, 0x000c0000, 0x00100000, 0x00140000, 0x00180000,
    0x001c0000, 0x00200000, 0x00240000, 0x00280000, 0x002c0000, 0x00300000, 0x00340000, 0x00380000,
    0x003c0000, 0x00400000, 0x00440000, 0x00480000, 0x004c0000, 0x00500000, 0x00540000, 0x00580000,
    0x005c0000, 0x00600000, 0x00640000, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x00680000, 0x006c0000, 0x00700000, 0x00740000, 0x00780000, 0x007c0000, 0x00800000,
    0x00840000, 0x00880000, 0x008c0000, 0x00900000, 0x00940000, 0x00980000, 0x009c0000, 0x00a00000,
    0x00a40000, 0x00a80000, 0x00ac0000, 0x00b00000, 0x00b40000, 0x00b80000, 0x00bc0000, 0x00c00000,
    0x00c40000, 0x00c80000, 0x00cc0000, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
};
static const uint32_t d1[256] = {
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x0003e000, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x0003f000,
    0x00034000, 0x00035000, 0x00036000, 0x00037000, 0x00038000, 0x00039000, 0x0003a000, 0x0003b000,
    0x0003c000, 0x0003d000, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x00000000, 0x00001000, 0x00002000, 0x00003000, 0x00004000, 0x00005000, 0x00006000,
    0x00007000, 0x00008000, 0x00009000, 0x0000a000, 0x0000b000, 0x0000c000, 0x0000d000, 0x0000e000,
    0x0000f000, 0x00010000, 0x00011000, 0x00012000, 0x00013000, 0x00014000, 0x00015000, 0x00016000,
    0x00017000, 0x00018000, 0x00019000, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x0001a000, 0x0001b000, 0x0001c000, 0x0001d000, 0x0001e000, 0x0001f000, 0x00020000,
    0x00021000, 0x00022000, 0x00023000, 0x00024000, 0x00025000, 0x00026000, 0x00027000, 0x00028000,
    0x00029000, 0x0002a000, 0x0002b000, 0x0002c000, 0x0002d000, 0x0002e000, 0x0002f000, 0x00030000,
    0x00031000, 0x00032000, 0x00033000, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
};
static const uint32_t d2[256] = {
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x00000f80, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x00000fc0,
    0x00000d00, 0x00000d40, 0x00000d80, 0x00000dc0, 0x00000e00, 0x00000e40, 0x00000e80, 0x00000ec0,
    0x00000f00, 0x00000f40, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x00000000, 0x00000040, 0x00000080, 0x000000c0, 0x00000100, 0x00000140, 0x00000180,
    0x000001c0, 0x00000200, 0x00000240, 0x00000280, 0x000002c0, 0x00000300, 0x00000340, 0x00000380,
    0x000003c0, 0x00000400, 0x00000440, 0x00000480, 0x000004c0, 0x00000500, 0x00000540, 0x00000580,
    0x000005c0, 0x00000600, 0x00000640, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x00000680, 0x000006c0, 0x00000700, 0x00000740, 0x00000780, 0x000007c0, 0x00000800,
    0x00000840, 0x00000880, 0x000008c0, 0x00000900, 0x00000940, 0x00000980, 0x000009c0, 0x00000a00,
    0x00000a40, 0x00000a80, 0x00000ac0, 0x00000b00, 0x00000b40, 0x00000b80, 0x00000bc0, 0x00000c00,
    0x00000c40, 0x00000c80, 0x00000cc0, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
};
static const uint32_t d3[256] = {
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x0000003e, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x0000003f,
    0x00000034, 0x00000035, 0x00000036, 0x00000037, 0x00000038, 0x00000039, 0x0000003a, 0x0000003b,
    0x0000003c, 0x0000003d, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x00000000, 0x00000001, 0x00000002, 0x00000003, 0x00000004, 0x00000005, 0x00000006,
    0x00000007, 0x00000008, 0x00000009, 0x0000000a, 0x0000000b, 0x0000000c, 0x0000000d, 0x0000000e,
    0x0000000f, 0x00000010, 0x00000011, 0x00000012, 0x00000013, 0x00000014, 0x00000015, 0x00000016,
    0x00000017, 0x00000018, 0x00000019, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x0000001a, 0x0000001b, 0x0000001c, 0x0000001d, 0x0000001e, 0x0000001f, 0x00000020,
    0x00000021, 0x00000022, 0x00000023, 0x00000024, 0x00000025, 0x00000026, 0x00000027, 0x00000028,
    0x00000029, 0x0000002a, 0x0000002b, 0x0000002c, 0x0000002d, 0x0000002e, 0x0000002f, 0x00000030,
    0x00000031, 0x00000032, 0x00000033, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
    0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff, 0x01ffffff,
};

size_t verge_base64_encoded_length(size_t count) {
    return (count + 2) / 3 * 4;
}

// Two base64 characters (as two UTF-16 code units) for each 12-bit value, filled once
// when the library loads.
static uint32_t encode_pairs[4096];

__attribute__((constructor)) static void verge_base64_init(void) {
    for (unsigned v = 0; v < 4096; v++) {
        uint16_t units[2] = { (uint16_t)(unsigned char)encode_table[v >> 6],
                              (uint16_t)(unsigned char)encode_table[v & 63] };
        memcpy(&encode_pairs[v], units, 4);
    }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define VERGE_BASE64_SSSE3 1

/// Encodes 12 units (bytes) per step with SSSE3 (W. Muła's method: shuffle each 3-byte
/// group into place, split it into four 6-bit indices with multiplies, map indices to
/// ASCII with a pshufb table of offsets), writing 16 UTF-16 units. Returns the units of
/// input consumed (a multiple of 12); the caller encodes the rest.
__attribute__((target("ssse3")))
static size_t encode_ssse3(const uint16_t *input, size_t count, uint16_t *output, uint16_t *seen) {
    const __m128i shuffle = _mm_set_epi8(10, 11, 9, 10, 7, 8, 6, 7, 4, 5, 3, 4, 1, 2, 0, 1);
    const __m128i mask1 = _mm_set1_epi32(0x0fc0fc00);
    const __m128i mult1 = _mm_set1_epi32(0x04000040);
    const __m128i mask2 = _mm_set1_epi32(0x003f03f0);
    const __m128i mult2 = _mm_set1_epi32(0x01000010);
    const __m128i fifty_one = _mm_set1_epi8(51);
    const __m128i twenty_six = _mm_set1_epi8(26);
    const __m128i thirteen = _mm_set1_epi8(13);
    const __m128i offsets = _mm_setr_epi8('a' - 26, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52,
                                          '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '+' - 62,
                                          '/' - 63, 'A', 0, 0);
    const __m128i zero = _mm_setzero_si128();
    __m128i any = zero;
    size_t i = 0;
    // Each step reads 16 units (12 used), so stop 16 before the end.
    for (; i + 16 <= count; i += 12) {
        __m128i low = _mm_loadu_si128((const __m128i *)(input + i));
        __m128i high = _mm_loadu_si128((const __m128i *)(input + i + 8));
        any = _mm_or_si128(any, _mm_or_si128(low, high));
        __m128i bytes = _mm_packus_epi16(low, high);
        __m128i in = _mm_shuffle_epi8(bytes, shuffle);
        __m128i t0 = _mm_and_si128(in, mask1);
        __m128i t1 = _mm_mulhi_epu16(t0, mult1);
        __m128i t2 = _mm_and_si128(in, mask2);
        __m128i t3 = _mm_mullo_epi16(t2, mult2);
        __m128i indices = _mm_or_si128(t1, t3);
        __m128i result = _mm_subs_epu8(indices, fifty_one);
        __m128i less = _mm_cmpgt_epi8(twenty_six, indices);
        result = _mm_or_si128(result, _mm_and_si128(less, thirteen));
        result = _mm_shuffle_epi8(offsets, result);
        result = _mm_add_epi8(result, indices);
        _mm_storeu_si128((__m128i *)(output), _mm_unpacklo_epi8(result, zero));
        _mm_storeu_si128((__m128i *)(output + 8), _mm_unpackhi_epi8(result, zero));
        output += 16;
    }
    // The OR of every unit read (units above 0xFF make the whole call fail).
    uint16_t lanes[8];
    _mm_storeu_si128((__m128i *)lanes, any);
    uint16_t folded = 0;
    for (int k = 0; k < 8; k++) folded |= lanes[k];
    *seen = folded;
    return i;
}

/// Decodes 16 base64 digits per step with SSSE3: range checks (SSE2) map the digits to
/// sextets, two multiply-adds pack four sextets into three bytes, a pshufb orders them.
/// Stops at the first block holding anything else (whitespace, padding, invalid, above
/// U+00FF). Writes 12 units per block and up to 4 more past them (the caller leaves
/// room). Returns the input units consumed (a multiple of 16).
__attribute__((target("ssse3")))
static size_t decode_ssse3(const uint16_t *input, size_t count, uint16_t *output) {
    const __m128i zero = _mm_setzero_si128();
    const __m128i below_A = _mm_set1_epi8('A' - 1), above_Z = _mm_set1_epi8('Z' + 1);
    const __m128i below_a = _mm_set1_epi8('a' - 1), above_z = _mm_set1_epi8('z' + 1);
    const __m128i below_0 = _mm_set1_epi8('0' - 1), above_9 = _mm_set1_epi8('9' + 1);
    const __m128i plus = _mm_set1_epi8('+'), slash = _mm_set1_epi8('/');
    const __m128i off_A = _mm_set1_epi8(-65), off_a = _mm_set1_epi8(-71), off_0 = _mm_set1_epi8(4);
    const __m128i off_plus = _mm_set1_epi8(19), off_slash = _mm_set1_epi8(16);
    const __m128i merge1 = _mm_set1_epi32(0x01400140);
    const __m128i merge2 = _mm_set1_epi32(0x00011000);
    const __m128i order = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    size_t i = 0;
    for (; i + 16 <= count; i += 16) {
        __m128i low = _mm_loadu_si128((const __m128i *)(input + i));
        __m128i high = _mm_loadu_si128((const __m128i *)(input + i + 8));
        __m128i upper = _mm_srli_epi16(_mm_or_si128(low, high), 8);
        if (_mm_movemask_epi8(_mm_cmpeq_epi16(upper, zero)) != 0xFFFF) break;
        __m128i c = _mm_packus_epi16(low, high);
        __m128i in_AZ = _mm_and_si128(_mm_cmpgt_epi8(c, below_A), _mm_cmpgt_epi8(above_Z, c));
        __m128i in_az = _mm_and_si128(_mm_cmpgt_epi8(c, below_a), _mm_cmpgt_epi8(above_z, c));
        __m128i in_09 = _mm_and_si128(_mm_cmpgt_epi8(c, below_0), _mm_cmpgt_epi8(above_9, c));
        __m128i is_plus = _mm_cmpeq_epi8(c, plus);
        __m128i is_slash = _mm_cmpeq_epi8(c, slash);
        __m128i valid = _mm_or_si128(_mm_or_si128(in_AZ, in_az), _mm_or_si128(in_09, _mm_or_si128(is_plus, is_slash)));
        if (_mm_movemask_epi8(valid) != 0xFFFF) break;
        __m128i offset = _mm_or_si128(
            _mm_or_si128(_mm_and_si128(in_AZ, off_A), _mm_and_si128(in_az, off_a)),
            _mm_or_si128(_mm_and_si128(in_09, off_0),
                         _mm_or_si128(_mm_and_si128(is_plus, off_plus), _mm_and_si128(is_slash, off_slash))));
        __m128i values = _mm_add_epi8(c, offset);
        __m128i pairs = _mm_maddubs_epi16(values, merge1);
        __m128i words = _mm_madd_epi16(pairs, merge2);
        __m128i bytes = _mm_shuffle_epi8(words, order);
        _mm_storeu_si128((__m128i *)(output), _mm_unpacklo_epi8(bytes, zero));
        _mm_storeu_si128((__m128i *)(output + 8), _mm_unpackhi_epi8(bytes, zero));
        output += 12;
    }
    return i;
}

static int has_ssse3 = 0;
__attribute__((constructor)) static void verge_base64_detect(void) {
    has_ssse3 = __builtin_cpu_supports("ssse3");
}
#endif

long verge_base64_encode_utf16(const uint16_t *input, size_t count, uint16_t *output) {
    // Units above 0xFF are looked for while encoding (OR of everything read); the output
    // is discarded if there was one.
    uint16_t any = 0;
    uint16_t *out = output;
    size_t i = 0;
#ifdef VERGE_BASE64_SSSE3
    if (has_ssse3) {
        i = encode_ssse3(input, count, output, &any);
        out = output + i / 3 * 4;
    }
#endif
    // Units the vector loop read past `i` were checked there; check from `i` on here.
    for (size_t k = i; k < count; k++) any |= input[k];
    if (any > 0xFF) return -1;
    for (; i + 3 <= count; i += 3) {
        uint32_t n = ((uint32_t)input[i] << 16) | ((uint32_t)input[i + 1] << 8) | input[i + 2];
        memcpy(out, &encode_pairs[n >> 12], 4);
        memcpy(out + 2, &encode_pairs[n & 0xFFF], 4);
        out += 4;
    }
    size_t rest = count - i;
    if (rest == 1) {
        uint32_t n = (uint32_t)input[i] << 16;
        out[0] = (uint16_t)encode_table[n >> 18];
        out[1] = (uint16_t)encode_table[(n >> 12) & 63];
        out[2] = '=';
        out[3] = '=';
        out += 4;
    } else if (rest == 2) {
        uint32_t n = ((uint32_t)input[i] << 16) | ((uint32_t)input[i + 1] << 8);
        out[0] = (uint16_t)encode_table[n >> 18];
        out[1] = (uint16_t)encode_table[(n >> 12) & 63];
        out[2] = (uint16_t)encode_table[(n >> 6) & 63];
        out[3] = '=';
        out += 4;
    }
    return (long)(out - output);
}

/// The standard's algorithm for input that is not plain groups of digits.
static long decode_general(const uint16_t *input, size_t count, uint16_t *output, uint8_t *scratch) {
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
    // 5. Each 4 sextets give 3 bytes; a tail of 2 or 3 gives 1 or 2 bytes (the leftover
    //    bits are dropped, whatever they are).
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

long verge_base64_decode_utf16(const uint16_t *input, size_t count, uint16_t *output, uint8_t *scratch) {
    // Fast path: whole groups of four digits. A group followed by nothing is decoded here
    // only when more input follows it (the last group may hold padding).
    uint16_t *out = output;
    size_t i = 0;
#ifdef VERGE_BASE64_SSSE3
    if (has_ssse3) {
        i = decode_ssse3(input, count, output);
        out = output + i / 4 * 3;
    }
#endif
    for (; i + 4 < count; i += 4) {
        uint16_t a = input[i], b = input[i + 1], c = input[i + 2], d = input[i + 3];
        if ((a | b | c | d) > 0xFF) break;
        uint32_t n = d0[a] | d1[b] | d2[c] | d3[d];
        if (n & B64_INVALID) break;
        out[0] = (uint16_t)(n >> 16);
        out[1] = (uint16_t)((n >> 8) & 0xFF);
        out[2] = (uint16_t)(n & 0xFF);
        out += 3;
    }
    // The rest (at least the last group) by the general algorithm; the prefix decoded so
    // far is a whole number of groups, so lengths and padding work out the same.
    long rest = decode_general(input + i, count - i, out, scratch);
    if (rest < 0) return -1;
    return (long)(out - output) + rest;
}
