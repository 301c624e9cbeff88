/* One pass over a document's raw UTF-8 bytes: what the validator needs to know before it walks
 * the parsed tree. The reference implementation, and the oracle of the tests, is
 * endingnote.validation._rawscan.scan_py:
 *
 *   colons     the number of ':' bytes (every key's separator, plus colons inside strings)
 *   escapes    the bytes "\u" occur (an escape could hide a character from a byte scan)
 *   extensions the token "extensions" (with its quotes) occurs
 *   policy     the policy prefilter (endingnote.validation._policy.PREFILTER) matches somewhere
 *
 * The prefilter is the union of four patterns (see _policy.py and _fold.py), decided here without a
 * regular-expression engine:
 *   numbers:  (^|ND) D{4} S? D{4} S? D{4} (S? D{4})? ($|ND)
 *     D = [0-9] or U+FF10..U+FF19; ND = any other character; S = a character folding to ' ' or '-'
 *   strong:   WORD (W|Q)* SEP (W|Q)* VALUE
 *   weak:     WORD W* (PARTICLE W*)? D{4}
 *   triggers: any character of _policy_tables.h TRIGGERS (folding makes it something looked for)
 *     WORD = a word of WORD_SPANS, each character in any written form (ASCII or full width, either
 *     case; katakana full or half width, a voiced mark precomposed, combining or half width); a word
 *     starting with an ASCII letter follows a non-letter, a JSON escape (\t \n \r \f \b), or is a
 *     camelCase hump (a lower-case ASCII letter, then its first letter in upper case);
 *     W = a space (space_at) or the JSON escapes \t \n \r \f; Q = " ' or \";
 *     SEP = ':' '=' U+FF1A U+FF1D; PARTICLE = は or が;
 *     VALUE = a character that is not W, Q, ',', '、', '。', '}', ']' or '\' (\ then anything but
 *     t n r f " is one).
 * Every pattern is deterministic once anchored (its parts are disjoint by their first bytes, and no
 * form of a word's character is a suffix of another), so each candidate position is decided by a
 * short bounded look-around: digits at the start of a run, separators, lead bytes. Words are read
 * backwards, one folded character at a time (fold_before).
 * The input is valid UTF-8 (orjson has parsed it); malformed bytes are still read safely.
 */
#define _GNU_SOURCE /* memmem */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "_policy_tables.h"

typedef unsigned char u8;
#define COUNT(a) (sizeof a / sizeof a[0])
#define NONE 0xFFFFFFFFu

/* bytes that need a look; every other byte (most of the text) is skipped by one table lookup */
enum { K_DIGIT = 1, K_COLON, K_EQUALS, K_BACKSLASH, K_LEAD };

static u8 kind[256];
static u8 lead_trigger[256];        /* a lead byte some trigger character starts with */
static u8 bmp_trigger[0x10000 / 8]; /* trigger characters below U+10000, one bit each */
static u8 word_last_byte[256];      /* a byte some written form of a word's last character ends with */
static int skip_ideographs;         /* no trigger starts with E4..E9 (CJK ideographs): skip those bytes */
static int skip_kana;               /* no trigger in U+3000..U+30BF (E3 80..82): punctuation, kana */
/* the last three (and two) characters of the words whose end is ASCII, hashed: a key such as
 * "name" or "birth_date" is ruled out by one lookup (a false hit only costs the full check) */
static u8 ascii_tail3[4096 / 8], ascii_tail2[4096 / 8];
_Static_assert(COUNT(WORD_SPANS) <= 32, "word sets are 32-bit masks");
/* the words (bits of WORD_SPANS) ending with a character: ASCII by table, others by list */
static uint32_t words_ending_ascii[128];
static struct { uint32_t last, words; } words_ending_other[COUNT(WORD_SPANS)];
static size_t n_ending_other;

static void set_trigger(uint32_t cp) {
    if (cp < 0x10000) bmp_trigger[cp >> 3] |= (u8)(1u << (cp & 7));
    u8 lead = cp < 0x800 ? (u8)(0xC0 | (cp >> 6)) : cp < 0x10000 ? (u8)(0xE0 | (cp >> 12)) : (u8)(0xF0 | (cp >> 18));
    lead_trigger[lead] = 1;
}

static uint32_t fold_one(uint32_t cp);
static int is_trigger(uint32_t cp);

static u8 last_utf8_byte(uint32_t cp) { return cp < 0x80 ? (u8)cp : (u8)(0x80 | (cp & 0x3F)); }

static inline unsigned ascii_lower(u8 b) { return b >= 'A' && b <= 'Z' ? b + 32u : b; }
static inline unsigned tail_hash(unsigned a, unsigned b, unsigned c) { return (a * 961u + b * 31u + c) & 4095u; }
#define BIT_SET(bits, h) ((bits)[(h) >> 3] |= (u8)(1u << ((h) & 7)))
#define BIT_GET(bits, h) (((bits)[(h) >> 3] >> ((h) & 7)) & 1)

static void init_tables(void) {
    for (int c = '0'; c <= '9'; c++) kind[c] = K_DIGIT;
    kind[':'] = K_COLON;
    kind['='] = K_EQUALS;
    kind['\\'] = K_BACKSLASH;
    for (int c = 0xC0; c <= 0xFF; c++) kind[c] = K_LEAD;
    for (size_t r = 0; r < COUNT(TRIGGERS); r++)
        for (uint32_t cp = TRIGGERS[r][0]; cp <= TRIGGERS[r][1]; cp++) set_trigger(cp);
    for (size_t w = 0; w < COUNT(WORD_SPANS); w++) {
        uint32_t last = WORD_CHARS[WORD_SPANS[w].start + WORD_SPANS[w].len - 1];
        if (last < 128) {
            words_ending_ascii[last] |= 1u << w;
            continue;
        }
        size_t k = 0;
        while (k < n_ending_other && words_ending_other[k].last != last) k++;
        if (k == n_ending_other) words_ending_other[n_ending_other++].last = last;
        words_ending_other[k].words |= 1u << w;
    }
    for (size_t w = 0; w < COUNT(WORD_SPANS); w++) {
        const uint32_t *c = WORD_CHARS + WORD_SPANS[w].start;
        int len = WORD_SPANS[w].len;
        if (len >= 3 && c[len - 1] < 128 && c[len - 2] < 128 && c[len - 3] < 128)
            BIT_SET(ascii_tail3, tail_hash(c[len - 3], c[len - 2], c[len - 1]));
        if (len >= 2 && c[len - 1] < 128 && c[len - 2] < 128) BIT_SET(ascii_tail2, tail_hash(0, c[len - 2], c[len - 1]));
    }
    skip_ideographs = 1;
    for (int b = 0xE4; b <= 0xE9; b++) skip_ideographs &= !lead_trigger[b];
    skip_kana = 1;
    for (uint32_t cp = 0x3000; cp <= 0x30BF; cp++) skip_kana &= !is_trigger(cp);
    /* a word's last character, in any form, ends with one of these bytes (a voiced mark's, if composed) */
    for (uint32_t cp = 0; cp < 0x10000; cp++) {
        uint32_t c = fold_one(cp);
        int hit = c == 0x3099 || c == 0x309A;
        for (size_t w = 0; w < COUNT(WORD_SPANS) && !hit; w++)
            hit = WORD_CHARS[WORD_SPANS[w].start + WORD_SPANS[w].len - 1] == c;
        if (hit && (cp < 0xD800 || cp > 0xDFFF)) word_last_byte[last_utf8_byte(cp)] = 1;
    }
}

static int is_trigger(uint32_t cp) {
    if (cp < 0x10000) return (bmp_trigger[cp >> 3] >> (cp & 7)) & 1;
    size_t lo = 0, hi = COUNT(TRIGGERS);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < TRIGGERS[mid][0]) hi = mid;
        else if (cp > TRIGGERS[mid][1]) lo = mid + 1;
        else return 1;
    }
    return 0;
}

/* --- decoding ---------------------------------------------------------------------------------- */

/* the code point of the UTF-8 character starting at pos (its byte length in *len), NONE if malformed */
static inline uint32_t decode_at(const u8 *p, Py_ssize_t n, Py_ssize_t pos, Py_ssize_t *len) {
    u8 b = p[pos];
    Py_ssize_t need;
    uint32_t cp;
    if (b < 0x80) { *len = 1; return b; }
    if (b >= 0xF0 && b <= 0xF4) { need = 4; cp = b & 0x07; }
    else if (b >= 0xE0) { need = 3; cp = b & 0x0F; }
    else if (b >= 0xC2 && b < 0xE0) { need = 2; cp = b & 0x1F; }
    else return NONE;
    if (b > 0xF4 || pos + need > n) return NONE;
    for (Py_ssize_t k = 1; k < need; k++) {
        if ((p[pos + k] & 0xC0) != 0x80) return NONE;
        cp = (cp << 6) | (p[pos + k] & 0x3F);
    }
    *len = need;
    return cp;
}

/* the code point of the character ending just before end (its start in *start), NONE if none */
static inline uint32_t decode_before(const u8 *p, Py_ssize_t end, Py_ssize_t *start) {
    if (end <= 0) return NONE;
    Py_ssize_t i = end - 1, len = 0;
    while (i > 0 && end - i < 4 && (p[i] & 0xC0) == 0x80) i--;
    uint32_t cp = decode_at(p, end, i, &len);
    if (cp == NONE || i + len != end) return NONE;
    *start = i;
    return cp;
}

/* one character as _fold.unit_forms reads it: ASCII letters lower case, full-width letters and
 * underscore as ASCII, half-width katakana and voiced marks as full width */
static uint32_t fold_one(uint32_t cp) {
    if (cp >= 'A' && cp <= 'Z') return cp + 32;
    if (cp < 0xFF21 || cp > 0xFF9F) return cp;
    if (cp <= 0xFF3A) return cp - 0xFF21 + 'a';
    if (cp == 0xFF3F) return '_';
    if (cp >= 0xFF41 && cp <= 0xFF5A) return cp - 0xFF41 + 'a';
    if (cp == 0xFF9E) return 0x3099;
    if (cp == 0xFF9F) return 0x309A;
    if (cp >= 0xFF60 && HALF_KANA[cp - 0xFF60]) return HALF_KANA[cp - 0xFF60];
    return cp;
}

/* the folded character ending just before end (its start in *start), a voiced mark composed with
 * its base where a word uses the result; NONE if none */
static uint32_t fold_before(const u8 *p, Py_ssize_t end, Py_ssize_t *start) {
    uint32_t c = decode_before(p, end, start);
    if (c == NONE) return NONE;
    c = fold_one(c);
    if (c == 0x3099 || c == 0x309A) {
        Py_ssize_t base_start;
        uint32_t base = decode_before(p, *start, &base_start);
        if (base != NONE) {
            base = fold_one(base);
            for (size_t k = 0; k < COUNT(COMPOSED); k++) {
                if (COMPOSED[k][0] == base && COMPOSED[k][1] == c) {
                    *start = base_start;
                    return COMPOSED[k][2];
                }
            }
        }
    }
    return c;
}

/* --- character classes ------------------------------------------------------------------------- */

/* byte length of a D character at pos, 0 if none */
static inline Py_ssize_t digit_at(const u8 *p, Py_ssize_t n, Py_ssize_t pos) {
    if (pos >= n) return 0;
    if (p[pos] >= '0' && p[pos] <= '9') return 1;
    if (p[pos] == 0xEF && pos + 2 < n && p[pos + 1] == 0xBC && p[pos + 2] >= 0x90 && p[pos + 2] <= 0x99)
        return 3;
    return 0;
}

/* the character before pos is a D */
static inline int digit_before(const u8 *p, Py_ssize_t pos) {
    if (pos >= 1 && p[pos - 1] >= '0' && p[pos - 1] <= '9') return 1;
    return pos >= 3 && p[pos - 3] == 0xEF && p[pos - 2] == 0xBC && p[pos - 1] >= 0x90 && p[pos - 1] <= 0x99;
}

/* byte length of an S character at pos (a character folding to ' ' or '-'), 0 if none */
static inline Py_ssize_t sep_at(const u8 *p, Py_ssize_t n, Py_ssize_t pos) {
    if (pos >= n) return 0;
    u8 b = p[pos];
    if (b == ' ' || b == '-') return 1;
    if (b == 0xC2) return pos + 1 < n && p[pos + 1] == 0xA0 ? 2 : 0; /* U+00A0 */
    if (pos + 2 >= n) return 0;
    u8 b1 = p[pos + 1], b2 = p[pos + 2];
    if (b == 0xE2 && b1 == 0x80) /* U+2000..U+200A, U+2010, U+2011, U+202F */
        return b2 <= 0x8A || b2 == 0x90 || b2 == 0x91 || b2 == 0xAF ? 3 : 0;
    if (b == 0xE2) return (b1 == 0x81 && b2 == 0x9F) || (b1 == 0x88 && b2 == 0x92) ? 3 : 0; /* U+205F, U+2212 */
    if (b == 0xE3) return b1 == 0x80 && b2 == 0x80 ? 3 : 0;                                  /* U+3000 */
    if (b == 0xEF) return (b1 == 0xB9 && b2 == 0xA3) || (b1 == 0xBC && b2 == 0x8D) ? 3 : 0; /* U+FE63, U+FF0D */
    return 0;
}

static inline int is_ascii_space(u8 b) { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f'; }
static inline int is_ascii_letter(u8 b) { return (b | 0x20) >= 'a' && (b | 0x20) <= 'z'; }
static inline int is_space_escape(u8 b) { return b == 't' || b == 'n' || b == 'r' || b == 'f'; }

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

/* W: a space, or a JSON escape of one (\t \n \r \f) */
static inline Py_ssize_t w_at(const u8 *p, Py_ssize_t n, Py_ssize_t pos) {
    if (pos + 1 < n && p[pos] == '\\' && is_space_escape(p[pos + 1])) return 2;
    return space_at(p, n, pos);
}

static inline Py_ssize_t w_before(const u8 *p, Py_ssize_t pos) {
    if (pos >= 2 && p[pos - 2] == '\\' && is_space_escape(p[pos - 1])) return 2;
    return space_before(p, pos);
}

/* W or Q (" ' \") */
static inline Py_ssize_t wq_at(const u8 *p, Py_ssize_t n, Py_ssize_t pos) {
    if (pos >= n) return 0;
    if (p[pos] == '"' || p[pos] == '\'') return 1;
    if (pos + 1 < n && p[pos] == '\\' && p[pos + 1] == '"') return 2;
    return w_at(p, n, pos);
}

static inline Py_ssize_t wq_before(const u8 *p, Py_ssize_t pos) {
    if (pos >= 2 && p[pos - 2] == '\\' && (p[pos - 1] == '"' || is_space_escape(p[pos - 1]))) return 2;
    if (pos >= 1 && (p[pos - 1] == '"' || p[pos - 1] == '\'')) return 1;
    return space_before(p, pos);
}

/* a VALUE character starts at pos (no W or Q starts there: the caller has skipped them) */
static inline int value_at(const u8 *p, Py_ssize_t n, Py_ssize_t pos) {
    if (pos >= n) return 0;
    u8 b = p[pos];
    if (b == '\\') return pos + 1 < n; /* \ then anything but t n r f " (those are W and Q) */
    if (b == ',' || b == '}' || b == ']') return 0;
    if (b == 0xE3 && pos + 2 < n && p[pos + 1] == 0x80 && (p[pos + 2] == 0x81 || p[pos + 2] == 0x82)) return 0;
    return 1;
}

/* --- the patterns ------------------------------------------------------------------------------ */

/* the character at pos is an upper-case ASCII or full-width letter */
static inline int upper_at(const u8 *p, Py_ssize_t n, Py_ssize_t pos) {
    if (pos < n && p[pos] >= 'A' && p[pos] <= 'Z') return 1;
    return pos + 2 < n && p[pos] == 0xEF && p[pos + 1] == 0xBC && p[pos + 2] >= 0xA1 && p[pos + 2] <= 0xBA;
}

/* an ASCII-initial word may start at pos */
static inline int boundary_ok(const u8 *p, Py_ssize_t n, Py_ssize_t pos) {
    if (pos == 0) return 1;
    u8 prev = p[pos - 1];
    if (!is_ascii_letter(prev)) return 1;
    if (pos >= 2 && p[pos - 2] == '\\' && (is_space_escape(prev) || prev == 'b')) return 1;
    return prev >= 'a' && prev <= 'z' && upper_at(p, n, pos); /* a camelCase hump */
}

/* a word ends just before end: the folded characters before it are decoded once, backwards, as
 * far as the longest candidate needs; only the words ending with the last one are compared */
static int word_before(const u8 *p, Py_ssize_t n, Py_ssize_t end) {
    if (end <= 0 || !word_last_byte[p[end - 1]]) return 0;
    if (end >= 3 && p[end - 1] < 0x80 && p[end - 2] < 0x80 && p[end - 3] < 0x80) {
        /* three ASCII characters: every word ending in them ends in their folded forms */
        unsigned a = ascii_lower(p[end - 3]), b = ascii_lower(p[end - 2]), c = ascii_lower(p[end - 1]);
        if (!BIT_GET(ascii_tail3, tail_hash(a, b, c)) && !BIT_GET(ascii_tail2, tail_hash(0, b, c))) return 0;
    }
    uint32_t chars[32];
    Py_ssize_t starts[33];
    starts[0] = end;
    chars[0] = fold_before(p, end, &starts[1]);
    uint32_t candidates = 0;
    if (chars[0] < 128) {
        candidates = words_ending_ascii[chars[0]];
    } else {
        for (size_t k = 0; k < n_ending_other; k++)
            if (words_ending_other[k].last == chars[0]) candidates = words_ending_other[k].words;
    }
    int have = 1;
    while (candidates) {
        int w = __builtin_ctz(candidates);
        candidates &= candidates - 1;
        const uint32_t *word = WORD_CHARS + WORD_SPANS[w].start;
        int len = WORD_SPANS[w].len, k = 1;
        for (; k < len; k++) {
            if (k == have) {
                if (have == 32) break;
                chars[have] = fold_before(p, starts[have], &starts[have + 1]);
                if (chars[have] == NONE) break;
                have++;
            }
            if (chars[k] != word[len - 1 - k]) break;
        }
        if (k == len && (!WORD_SPANS[w].ascii || boundary_ok(p, n, starts[len]))) return 1;
    }
    return 0;
}

/* strong: around a separator occupying [at, at + len) */
static int strong_at(const u8 *p, Py_ssize_t n, Py_ssize_t at, Py_ssize_t len) {
    Py_ssize_t j = at + len, k = at, step;
    while ((step = wq_at(p, n, j)) > 0) j += step;
    if (!value_at(p, n, j)) return 0;
    while ((step = wq_before(p, k)) > 0) k -= step;
    return word_before(p, n, k);
}

/* weak: four D characters start at pos, the first of a run */
static int weak_at(const u8 *p, Py_ssize_t n, Py_ssize_t pos) {
    Py_ssize_t j = pos, k = pos, step, start;
    for (int d = 0; d < 4; d++) {
        if (!(step = digit_at(p, n, j))) return 0;
        j += step;
    }
    while ((step = w_before(p, k)) > 0) k -= step;
    uint32_t c = fold_before(p, k, &start);
    for (size_t i = 0; i < COUNT(PARTICLES); i++) {
        if (c == PARTICLES[i]) {
            k = start;
            while ((step = w_before(p, k)) > 0) k -= step;
            break;
        }
    }
    return word_before(p, n, k);
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

/* numbers, anchored at the first D of a run (the character before is not a D) */
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

typedef struct {
    Py_ssize_t colons;
    int escapes, extensions, policy;
} Scan;

/* the first D of a run starts at i */
static inline void digits(const u8 *p, Py_ssize_t n, Py_ssize_t i, Scan *out) {
    if (!digit_before(p, i) && (number_at(p, n, i) || weak_at(p, n, i))) out->policy = 1;
}

/* a lead byte at i: full-width digits and separators, trigger characters */
static inline void lead(const u8 *p, Py_ssize_t n, Py_ssize_t i, Scan *out) {
    if (p[i] == 0xEF && i + 2 < n && p[i + 1] == 0xBC) {
        u8 b2 = p[i + 2];
        if (b2 >= 0x90 && b2 <= 0x99) { /* a full-width digit */
            digits(p, n, i, out);
            return;
        }
        if (b2 == 0x9A || b2 == 0x9D) { /* U+FF1A, U+FF1D */
            if (strong_at(p, n, i, 3)) out->policy = 1;
            return;
        }
    }
    if (lead_trigger[p[i]]) {
        Py_ssize_t len;
        uint32_t cp = decode_at(p, n, i, &len);
        if (cp != NONE && is_trigger(cp)) out->policy = 1;
    }
}

/* one byte that may matter; every byte is judged alone (no state), so a vector pass can skip the rest.
 * An ASCII digit is visited only where a run of ASCII digits starts. */
static inline void visit(const u8 *p, Py_ssize_t n, Py_ssize_t i, Scan *out) {
    switch (kind[p[i]]) {
    case K_DIGIT:
        if (!out->policy) digits(p, n, i, out);
        break;
    case K_COLON:
        out->colons++;
        /* fall through */
    case K_EQUALS:
        if (!out->policy && strong_at(p, n, i, 1)) out->policy = 1;
        break;
    case K_BACKSLASH:
        if (i + 1 < n && p[i + 1] == 'u') out->escapes = 1;
        break;
    case K_LEAD:
        if (!out->policy) lead(p, n, i, out);
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
    /* sixteen bytes at a time: a mask of the bytes worth a visit (a lead byte of a CJK ideograph, or
     * of a character in U+3000..U+30BF, is never worth one: no pattern or trigger starts there) */
    const __m128i colon = _mm_set1_epi8(':'), equals = _mm_set1_epi8('='), backslash = _mm_set1_epi8('\\');
    const __m128i top2 = _mm_set1_epi8((char)0xC0), e4 = _mm_set1_epi8((char)0xE4), five = _mm_set1_epi8(5);
    const __m128i skip = _mm_set1_epi8(skip_ideographs ? (char)0xFF : 0); /* E4..E9: CJK ideographs */
    const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
    unsigned carry = 0; /* the last byte of the previous block was an ASCII digit */
    const __m128i e3 = _mm_set1_epi8((char)0xE3), x80 = _mm_set1_epi8((char)0x80), two = _mm_set1_epi8(2);
    const __m128i kana_skip = _mm_set1_epi8(skip_kana ? (char)0xFF : 0);
    for (; i + 17 <= n; i += 16) { /* 17: the next byte of each is read too */
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i next = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(p + i + 1)), x80);
        __m128i kana = _mm_and_si128(_mm_and_si128(kana_skip, _mm_cmpeq_epi8(v, e3)),
                                     _mm_cmpeq_epi8(_mm_min_epu8(next, two), next)); /* E3 80..82 */
        __m128i off = _mm_sub_epi8(v, zero);
        __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(off, nine), off); /* (byte - '0') <= 9, unsigned */
        unsigned digits_mask = (unsigned)_mm_movemask_epi8(digit);
        __m128i from_e4 = _mm_sub_epi8(v, e4);
        __m128i ideograph = _mm_and_si128(skip, _mm_cmpeq_epi8(_mm_min_epu8(from_e4, five), from_e4));
        __m128i lead_bytes =
            _mm_andnot_si128(_mm_or_si128(ideograph, kana), _mm_cmpeq_epi8(_mm_and_si128(v, top2), top2));
        __m128i other = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, colon), _mm_cmpeq_epi8(v, equals)),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, backslash), lead_bytes));
        unsigned mask = (unsigned)_mm_movemask_epi8(other) | (digits_mask & ~((digits_mask << 1) | carry));
        carry = (digits_mask >> 15) & 1;
        while (mask) {
            visit(p, n, i + __builtin_ctz(mask), out);
            mask &= mask - 1;
        }
    }
#endif
    for (; i < n; i++) {
        if (kind[p[i]] && !(kind[p[i]] == K_DIGIT && i > 0 && p[i - 1] >= '0' && p[i - 1] <= '9') &&
            !(skip_ideographs && p[i] >= 0xE4 && p[i] <= 0xE9) &&
            !(skip_kana && p[i] == 0xE3 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x82))
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
    init_tables();
    return PyModule_Create(&module);
}
