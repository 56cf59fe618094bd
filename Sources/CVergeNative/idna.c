// UTS #46 domain to ASCII through ICU, with the URL Standard's parameters
// (https://url.spec.whatwg.org/#concept-domain-to-ascii, beStrict = false):
// CheckHyphens = false, CheckBidi = true, CheckJoiners = true, UseSTD3ASCIIRules = false,
// Transitional_Processing = false, VerifyDnsLength = false, IgnoreInvalidPunycode = false.
//
// ICU always checks hyphens and DNS lengths and reports them as errors; those error bits are
// ignored here. ICU renames its symbols with a version suffix through macros, so it is called
// from C rather than from Swift.
#include "CVergeNative.h"
#include <pthread.h>
#include <unicode/uidna.h>

static UIDNA *verge_idna = NULL;
static pthread_once_t verge_idna_once = PTHREAD_ONCE_INIT;

static void verge_idna_open(void) {
    UErrorCode error = U_ZERO_ERROR;
    UIDNA *idna = uidna_openUTS46(UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ |
                                  UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_NONTRANSITIONAL_TO_UNICODE,
                                  &error);
    verge_idna = U_FAILURE(error) ? NULL : idna;
}

// Errors that CheckHyphens = false and VerifyDnsLength = false do not record.
#define VERGE_IDNA_IGNORED_ERRORS                                                              \
    (UIDNA_ERROR_EMPTY_LABEL | UIDNA_ERROR_LABEL_TOO_LONG | UIDNA_ERROR_DOMAIN_NAME_TOO_LONG | \
     UIDNA_ERROR_LEADING_HYPHEN | UIDNA_ERROR_TRAILING_HYPHEN | UIDNA_ERROR_HYPHEN_3_4)

int verge_domain_to_ascii(const uint16_t *input, int32_t count, uint16_t *output,
                          int32_t capacity, int32_t *length, uint32_t *errors) {
    *length = 0;
    *errors = 0;
    if (count < 0 || capacity < 0) return VERGE_IDNA_INTERNAL_ERROR;
    pthread_once(&verge_idna_once, verge_idna_open);
    if (verge_idna == NULL) return VERGE_IDNA_INTERNAL_ERROR;
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    UErrorCode error = U_ZERO_ERROR;
    int32_t written = uidna_nameToASCII(verge_idna, (const UChar *)input, count, (UChar *)output,
                                        capacity, &info, &error);
    if (error == U_BUFFER_OVERFLOW_ERROR) {
        *length = written;
        return VERGE_IDNA_BUFFER_TOO_SMALL;
    }
    // ICU refuses to Punycode-encode very long labels (thousands of code points) with
    // U_INPUT_TOO_LONG_ERROR: such a domain fails, as in browsers built on ICU.
    if (error == U_INPUT_TOO_LONG_ERROR) return VERGE_IDNA_INVALID;
    if (U_FAILURE(error)) return VERGE_IDNA_INTERNAL_ERROR;
    *errors = info.errors;
    if ((info.errors & ~(uint32_t)VERGE_IDNA_IGNORED_ERRORS) != 0) return VERGE_IDNA_INVALID;
    *length = written;
    return VERGE_IDNA_OK;
}
