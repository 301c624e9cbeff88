/* One pass over a document's raw UTF-8 bytes: what the validator needs to know before it walks
 * the parsed tree. The reference implementation, and the oracle of the tests, is
 * endingnote.validation._rawscan.scan_py:
 *
 *   colons     the number of ':' bytes (every key's separator, plus colons inside strings)
 *   escapes    the bytes "\u" occur (an escape could hide a character from a byte scan)
 *   extensions the token "extensions" (with its quotes) occurs
 *   policy     the policy prefilter (endingnote.validation._policy.PREFILTER) matches somewhere
 *
 * The prefilter is the union of two patterns, decided here without a regular-expression engine:
 *   numbers: (^|ND) D{4} S? D{4} S? D{4} (S? D{4})? ($|ND)
 *     D = [0-9] or U+FF10..U+FF19; ND = any other character;
 *     S = one of ' ' '-' U+3000 U+FF0D U+2212 U+2010
 *   secrets: WORD ["']? W* SEP W* ["']? [^W"',、。}\]]
 *     WORD = an ASCII word (case-insensitive, not preceded by an ASCII letter) or a Japanese one;
 *     SEP = ':' '=' U+FF1A U+FF1D; W = a space (see space_at: Python's \s, less what JSON escapes)
 * Both are deterministic once anchored (D, S and the separators are disjoint), so each candidate
 * position is decided by a short bounded look-around. A document containing U+017F (ſ), which
 * case-folds to 's', is reported as a prefilter hit: the exact check decides (a superset is safe).
 * The input is valid UTF-8 (orjson has parsed it); malformed bytes are still read safely.
 */
#define _GNU_SOURCE /* memmem */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

typedef unsigned char u8;

/* bytes that need a look; every other byte (most of the text) is skipped by one table lookup */
enum { K_DIGIT = 1, K_COLON, K_EQUALS, K_BACKSLASH, K_EF, K_C5 };

static u8 kind[256];

static void init_kinds(void) {
    for (int c = '0'; c <= '9'; c++) kind[c] = K_DIGIT;
    kind[':'] = K_COLON;
    kind['='] = K_EQUALS;
    kind['\\'] = K_BACKSLASH;
    kind[0xEF] = K_EF; /* full-width digits and separators: U+FF00..U+FFEF */
    kind[0xC5] = K_C5; /* U+0140..U+017F */
}

/* byte length of a D character at pos, 0 if none */
static inline Py_ssize_t digit_at(const u8 *p, Py_ssize_t n, Py_ssize_t pos) {
    if (pos >= n) return 0;
    if (p[pos] >= '0' && p[pos] <= '9') return 1;
    if (p[pos] == 0xEF && pos + 2 < n && p[pos + 1] == 0xBC && p[pos + 2] >= 0x90 && p[pos + 2] <= 0x99)
        return 3;
    return 0;
}

/* byte length of an S character at pos, 0 if none */
static inline Py_ssize_t sep_at(const u8 *p, Py_ssize_t n, Py_ssize_t pos) {
    if (pos >= n) return 0;
    u8 b = p[pos];
    if (b == ' ' || b == '-') return 1;
    if (pos + 2 >= n) return 0;
    if (b == 0xE3 && p[pos + 1] == 0x80 && p[pos + 2] == 0x80) return 3; /* U+3000 */
    if (b == 0xEF && p[pos + 1] == 0xBC && p[pos + 2] == 0x8D) return 3; /* U+FF0D */
    if (b == 0xE2 && p[pos + 1] == 0x88 && p[pos + 2] == 0x92) return 3; /* U+2212 */
    if (b == 0xE2 && p[pos + 1] == 0x80 && p[pos + 2] == 0x90) return 3; /* U+2010 */
    return 0;
}

/* consume exactly four D characters */
static inline int four_digits(const u8 *p, Py_ssize_t n, Py_ssize_t *pos) {
    for (int k = 0; k < 4; k++) {
        Py_ssize_t len = digit_at(p, n, *pos);
        if (!len) return 0;
        *pos += len;
    }
    return 1;
}

/* the numbers pattern, anchored at the first D of a run (the character before is not a D) */
static int number_at(const u8 *p, Py_ssize_t n, Py_ssize_t start) {
    Py_ssize_t pos = start;
    for (int group = 0; group < 3; group++) {
        if (group) pos += sep_at(p, n, pos);
        if (!four_digits(p, n, &pos)) return 0;
    }
    if (!digit_at(p, n, pos)) return 1; /* end of text or a non-digit: twelve */
    /* a digit follows: only a fourth group of four (no separator possible before a digit) */
    if (!four_digits(p, n, &pos)) return 0;
    return !digit_at(p, n, pos);
}

static inline int is_ascii_space(u8 b) { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f'; }

/* byte length of a space at pos, 0 if none: ASCII, or one of Python's other \s characters that JSON
 * does not force to escape (U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F,
 * U+3000) */
static inline Py_ssize_t space_at(const u8 *p, Py_ssize_t n, Py_ssize_t pos) {
    if (pos >= n) return 0;
    u8 b = p[pos];
    if (is_ascii_space(b)) return 1;
    if (b == 0xC2) return pos + 1 < n && (p[pos + 1] == 0x85 || p[pos + 1] == 0xA0) ? 2 : 0;
    if (pos + 2 >= n) return 0;
    u8 b1 = p[pos + 1], b2 = p[pos + 2];
    if (b == 0xE3) return b1 == 0x80 && b2 == 0x80 ? 3 : 0;
    if (b == 0xE1) return b1 == 0x9A && b2 == 0x80 ? 3 : 0;
    if (b != 0xE2) return 0;
    if (b1 == 0x80) return (b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF ? 3 : 0;
    return b1 == 0x81 && b2 == 0x9F ? 3 : 0;
}

/* byte length of a space ending just before pos, 0 if none */
static inline Py_ssize_t space_before(const u8 *p, Py_ssize_t pos) {
    if (pos >= 1 && is_ascii_space(p[pos - 1])) return 1;
    if (pos >= 2 && p[pos - 2] == 0xC2 && space_at(p, pos, pos - 2) == 2) return 2;
    if (pos >= 3 && p[pos - 3] >= 0xE1 && p[pos - 3] <= 0xE3 && space_at(p, pos, pos - 3) == 3) return 3;
    return 0;
}
static inline int is_ascii_letter(u8 b) { return (b | 0x20) >= 'a' && (b | 0x20) <= 'z'; }

typedef struct {
    const char *text;
    Py_ssize_t len;
} Word;
#define WORD(s) {s, (Py_ssize_t)(sizeof s - 1)}

static const Word ascii_words[] = {
    WORD("password"), WORD("passwd"), WORD("passcode"), WORD("pass_word"), WORD("pin"), WORD("pincode"),
    WORD("pin_code"), WORD("secret"), WORD("securitycode"), WORD("security_code"), WORD("cvv"), WORD("cvc"),
};
static const Word japanese_words[] = {
    WORD("暗証番号"), WORD("パスワード"), WORD("パスコード"), WORD("ロック解除コード"), WORD("ロック解除番号"),
    WORD("ロック解除パターン"), WORD("セキュリティコード"), WORD("秘密の質問の答え"),
};
#define COUNT(a) (sizeof a / sizeof a[0])

/* a secret word ends just before `end` */
static int word_before(const u8 *p, Py_ssize_t end) {
    if (end == 0) return 0;
    u8 last = p[end - 1];
    if (last < 0x80) {
        last |= 0x20;
        if (last != 'd' && last != 'e' && last != 'n' && last != 't' && last != 'v' && last != 'c') return 0;
        for (size_t w = 0; w < COUNT(ascii_words); w++) {
            Py_ssize_t len = ascii_words[w].len;
            if (len > end || (u8)ascii_words[w].text[len - 1] != last) continue;
            const u8 *s = p + end - len;
            Py_ssize_t k = 0;
            while (k < len && (u8)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] | 0x20 : s[k]) == (u8)ascii_words[w].text[k]) k++;
            if (k == len && (end == len || !is_ascii_letter(p[end - len - 1]))) return 1;
        }
        return 0;
    }
    for (size_t w = 0; w < COUNT(japanese_words); w++) {
        Py_ssize_t len = japanese_words[w].len;
        if (len <= end && (u8)japanese_words[w].text[len - 1] == last &&
            memcmp(p + end - len, japanese_words[w].text, (size_t)len) == 0)
            return 1;
    }
    return 0;
}

/* the secrets pattern around a separator occupying [at, at + len) */
static int secret_at(const u8 *p, Py_ssize_t n, Py_ssize_t at, Py_ssize_t len) {
    Py_ssize_t j = at + len, step;
    while ((step = space_at(p, n, j)) > 0) j += step;
    if (j < n && (p[j] == '"' || p[j] == '\'')) j++;
    if (j >= n || space_at(p, n, j)) return 0;
    u8 b = p[j];
    if (b == '"' || b == '\'' || b == ',' || b == '}' || b == ']') return 0;
    if (b == 0xE3 && j + 2 < n && p[j + 1] == 0x80 && (p[j + 2] == 0x81 || p[j + 2] == 0x82)) return 0;
    Py_ssize_t k = at;
    while ((step = space_before(p, k)) > 0) k -= step;
    if (k > 0 && (p[k - 1] == '"' || p[k - 1] == '\'')) k--;
    return word_before(p, k);
}

typedef struct {
    Py_ssize_t colons;
    int escapes, extensions, policy;
} Scan;

/* the character before pos is a D */
static inline int digit_before(const u8 *p, Py_ssize_t pos) {
    if (pos >= 1 && p[pos - 1] >= '0' && p[pos - 1] <= '9') return 1;
    return pos >= 3 && p[pos - 3] == 0xEF && p[pos - 2] == 0xBC && p[pos - 1] >= 0x90 && p[pos - 1] <= 0x99;
}

/* one byte that may matter; every byte is judged alone (no state), so a vector pass can skip the rest.
 * An ASCII digit is visited only where a run of ASCII digits starts. */
static inline void visit(const u8 *p, Py_ssize_t n, Py_ssize_t i, Scan *out) {
    switch (kind[p[i]]) {
    case K_DIGIT:
        if (!out->policy && !digit_before(p, i) && number_at(p, n, i)) out->policy = 1;
        break;
    case K_COLON:
        out->colons++;
        /* fall through */
    case K_EQUALS:
        if (!out->policy && secret_at(p, n, i, 1)) out->policy = 1;
        break;
    case K_BACKSLASH:
        if (i + 1 < n && p[i + 1] == 'u') out->escapes = 1;
        break;
    case K_EF:
        if (out->policy || i + 2 >= n || p[i + 1] != 0xBC) break;
        if (p[i + 2] >= 0x90 && p[i + 2] <= 0x99) { /* a full-width digit */
            if (!digit_before(p, i) && number_at(p, n, i)) out->policy = 1;
        } else if (p[i + 2] == 0x9A || p[i + 2] == 0x9D) { /* U+FF1A, U+FF1D */
            if (secret_at(p, n, i, 3)) out->policy = 1;
        }
        break;
    case K_C5:
        if (i + 1 < n && p[i + 1] == 0xBF) out->policy = 1; /* U+017F folds to 's': the exact check decides */
        break;
    default:
        break;
    }
}

static void scan_bytes(const u8 *p, Py_ssize_t n, Scan *out) {
    static const char token[] = "\"extensions\"";
    out->extensions = memmem(p, (size_t)n, token, sizeof token - 1) != NULL;
    Py_ssize_t i = 0;
#ifdef __SSE2__
    /* sixteen bytes at a time: a mask of the bytes worth a visit */
    const __m128i colon = _mm_set1_epi8(':'), equals = _mm_set1_epi8('='), backslash = _mm_set1_epi8('\\');
    const __m128i ef = _mm_set1_epi8((char)0xEF), c5 = _mm_set1_epi8((char)0xC5);
    const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
    unsigned carry = 0; /* the last byte of the previous block was an ASCII digit */
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i off = _mm_sub_epi8(v, zero);
        __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(off, nine), off); /* (byte - '0') <= 9, unsigned */
        unsigned digits = (unsigned)_mm_movemask_epi8(digit);
        __m128i other = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, colon), _mm_cmpeq_epi8(v, equals)),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, backslash),
                                                  _mm_or_si128(_mm_cmpeq_epi8(v, ef), _mm_cmpeq_epi8(v, c5))));
        unsigned mask = (unsigned)_mm_movemask_epi8(other) | (digits & ~((digits << 1) | carry));
        carry = (digits >> 15) & 1;
        while (mask) {
            visit(p, n, i + __builtin_ctz(mask), out);
            mask &= mask - 1;
        }
    }
#endif
    for (; i < n; i++) {
        if (kind[p[i]] && !(kind[p[i]] == K_DIGIT && i > 0 && p[i - 1] >= '0' && p[i - 1] <= '9'))
            visit(p, n, i, out);
    }
}

static PyObject *scan(PyObject *self, PyObject *arg) {
    (void)self;
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0) return NULL;
    Scan out = {0, 0, 0, 0};
    Py_BEGIN_ALLOW_THREADS
    scan_bytes((const u8 *)view.buf, view.len, &out);
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&view);
    return Py_BuildValue("(nOOO)", out.colons, out.escapes ? Py_True : Py_False,
                         out.extensions ? Py_True : Py_False, out.policy ? Py_True : Py_False);
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_O,
     "scan(raw) -> (colons, escapes, extensions, policy): one pass over a document's raw bytes."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_bytescan", "One pass over a document's raw bytes (see _rawscan.py).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__bytescan(void) {
    init_kinds();
    return PyModule_Create(&module);
}
