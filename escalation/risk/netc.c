/* The n-gram net's inner loop in C: n-grams of a normalised text, looked up in the heads' weights.
 *
 * ngram.py is the definition (``features`` and ``NgramModel``); this file computes the same
 * thing faster, and with far less memory: the weights live in one flat hash table of 64-bit
 * n-gram hashes (~12 MB) instead of ~270,000 Python strings and tuples (~100 MB). It is loaded with
 * ctypes (no Python headers, so one build serves the service's Python and Rasa's) and it is
 * optional: without it, ngram.py computes the same sums in Python. tests/risk/test_risk_native.py
 * checks that both agree, n-gram count and sums, on every labelled message.
 *
 * Build (make setup does it):  cc -O2 -shared -fPIC -o escalation/risk/_netc.so escalation/risk/netc.c
 *
 * Text is passed as UTF-32 code points (str.encode("utf-32-le")), so an index is a Python str index.
 * Weights are integers, thousandths (the model file rounds them to 0.001), so sums are exact and
 * the C and Python paths give the same numbers, not merely close ones.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NETC_ABI 4

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif
#define MAX_HEADS 12

typedef struct {
    uint64_t key;           /* hash of the n-gram; 0 = empty slot */
    int32_t w[MAX_HEADS];   /* weight in each head, thousandths */
} slot_t;

typedef struct {
    slot_t *slots;
    uint64_t mask;
    int heads;
} table_t;

int netc_abi(void) { return NETC_ABI; }

/* ----------------------------------------------------------------------------------- hashing */
#define FNV_OFFSET 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL

/* A letter or digit outside ASCII and the Chinese range ("ñ", "ǐ") is a word of one character in
 * ngram.features (str.isalnum); C has no Unicode tables, so the caller marks it with WORD_MARK. */
#define WORD_MARK 0x40000000u
#define CODE_POINT 0x1fffffu

static inline uint64_t fnv(uint64_t h, uint32_t c) { return (h ^ (c & CODE_POINT)) * FNV_PRIME; }

static inline uint64_t fnv_run(uint64_t h, const uint32_t *s, int64_t n) {
    for (int64_t i = 0; i < n; i++) h = fnv(h, s[i]);
    return h;
}

static inline uint64_t finish(uint64_t h) { return h ? h : 1; }

static inline uint64_t mix(uint64_t h) {       /* spread the bits before masking (splitmix64) */
    h ^= h >> 30; h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27; h *= 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
}

/* ----------------------------------------------------------------------------- weight table */
static slot_t *find(const table_t *t, uint64_t key) {
    uint64_t i = mix(key) & t->mask;
    for (;;) {
        slot_t *s = &t->slots[i];
        if (s->key == key || s->key == 0) return s;
        i = (i + 1) & t->mask;
    }
}

/* Build the table from n-grams given as one UTF-32 buffer cut at ``offsets`` (n + 1 of them) and
 * ``weights`` (n rows of ``heads`` thousandths). Returns NULL when out of memory, when ``heads`` is
 * out of range, or when two different n-grams share a hash (the caller then uses Python). */
void *netc_build(int heads, int64_t n, const uint32_t *buf, const int64_t *offsets, const int32_t *weights) {
    if (heads < 1 || heads > MAX_HEADS || n < 0) return NULL;
    uint64_t cap = 1024;
    while (cap * 3 < (uint64_t)n * 4) cap <<= 1; /* load factor at most 3/4 (linear probing stays short; a
                                                  * table twice the size costs memory and cache misses) */
    table_t *t = calloc(1, sizeof(table_t));
    if (!t) return NULL;
    t->slots = calloc(cap, sizeof(slot_t));
    if (!t->slots) { free(t); return NULL; }
    t->mask = cap - 1;
    t->heads = heads;
    for (int64_t k = 0; k < n; k++) {
        const uint32_t *g = buf + offsets[k];
        int64_t len = offsets[k + 1] - offsets[k];
        uint64_t key = finish(fnv_run(FNV_OFFSET, g, len));
        slot_t *s = find(t, key);
        if (s->key == key) {                     /* a hash shared by two n-grams (or a repeat) */
            free(t->slots); free(t); return NULL;
        }
        s->key = key;
        for (int h = 0; h < heads; h++) s->w[h] = weights[k * heads + h];
    }
    return t;
}

void netc_free(void *p) {
    table_t *t = p;
    if (t) { free(t->slots); free(t); }
}

/* Weights of given n-grams (same layout as netc_build's input): out gets n rows of ``heads``
 * thousandths, zeros for an n-gram not in the table. Used for the evidence of a net that fired. */
void netc_lookup(const void *p, int64_t n, const uint32_t *buf, const int64_t *offsets, int32_t *out) {
    const table_t *t = p;
    for (int64_t k = 0; k < n; k++) {
        uint64_t key = finish(fnv_run(FNV_OFFSET, buf + offsets[k], offsets[k + 1] - offsets[k]));
        const slot_t *s = find(t, key);
        for (int h = 0; h < t->heads; h++) out[k * t->heads + h] = s->key == key ? s->w[h] : 0;
    }
}

/* ------------------------------------------------------------------------------------ features
 * ngram.features, step by step. Tokens (ngram._TOKEN): a run of [a-z0-9'] is a word, a run of
 * U+3400..U+9FFF is Chinese, white space (str.isspace) separates, any other character is a token
 * of its own. Chinese: character 1-, 2- and 3-grams, and pairs two and three apart ("a_c");
 * words: "w:word", "c:" 4-grams of a word longer than five, and pairs of words in a run of words
 * one ("b:a b") and two or three ("s:a c") apart; another character: itself. A run of words ends
 * at a Chinese token or another character; a character marked WORD_MARK is a word of its own. Each
 * distinct n-gram counts once (a set). */
static inline int is_word(uint32_t c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\''; }
static inline int is_han(uint32_t c) { return c >= 0x3400 && c <= 0x9fff; }

int netc_is_space(uint32_t c) {   /* Py_UNICODE_ISSPACE, i.e. str.isspace and re's \s */
    if (c < 128) return (c >= 9 && c <= 13) || (c >= 28 && c <= 32);
    return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 ||
           c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

typedef struct {
    uint64_t *seen;       /* open-addressed set of the message's n-gram hashes */
    uint64_t mask;
    int64_t distinct;
    uint64_t *keys;       /* the distinct hashes in order: looked up in the table at the end, all at once */
    int64_t room;         /* the size of keys: at most 5 n-grams a character (netc_sums), so never reached */
} acc_t;

static inline void add(acc_t *a, uint64_t key) {
    key = finish(key);
    uint64_t i = mix(key) & a->mask;
    for (;;) {
        uint64_t k = a->seen[i];
        if (k == key) return;                    /* counted already */
        if (k == 0) break;
        i = (i + 1) & a->mask;
    }
    if (a->distinct >= a->room) { a->distinct = a->room + 1; return; }   /* cannot happen; netc_sums reports it */
    a->seen[i] = key;
    a->keys[a->distinct++] = key;
}

static const uint32_t PFX_W[2] = {'w', ':'}, PFX_C[2] = {'c', ':'}, PFX_B[2] = {'b', ':'}, PFX_S[2] = {'s', ':'};

static void word_pairs(acc_t *a, const uint32_t *t, const int64_t *ws, const int64_t *wl, int64_t nw) {
    for (int64_t i = 0; i + 1 < nw; i++) {
        for (int64_t d = 1; d <= 3 && i + d < nw; d++) {
            uint64_t h = fnv_run(FNV_OFFSET, d == 1 ? PFX_B : PFX_S, 2);
            h = fnv_run(h, t + ws[i], wl[i]);
            h = fnv(h, ' ');
            h = fnv_run(h, t + ws[i + d], wl[i + d]);
            add(a, h);
        }
    }
}

/* The heads' sums (thousandths) over the distinct n-grams of ``t`` (``p`` may be NULL: count only).
 * Returns the number of distinct n-grams, or -1 when out of memory. */
int64_t netc_sums(const void *p, const uint32_t *t, int64_t n, int64_t *sums) {
    const table_t *tb = p;
    uint64_t stack_seen[4096];
    uint64_t stack_keys[2048];
    int64_t stack_w[2 * 512];
    uint64_t cap = 64;
    uint64_t most = (uint64_t)(5 * n + 16);                /* at most 5 n-grams per character */
    while (cap < most * 2) cap <<= 1;
    int64_t result = -1;                                    /* out of memory, until the end is reached */
    uint64_t *seen = cap <= 4096 ? stack_seen : calloc(cap, sizeof(uint64_t));
    uint64_t *keys = most <= 2048 ? stack_keys : malloc(sizeof(uint64_t) * most);
    int64_t *wbuf = n <= 512 ? stack_w : malloc(sizeof(int64_t) * 2 * (n + 1));
    if (!seen || !keys || !wbuf) goto done;
    if (seen == stack_seen) memset(stack_seen, 0, cap * sizeof(uint64_t));
    int64_t *ws = wbuf, *wl = wbuf + (n <= 512 ? 512 : n + 1);   /* starts and lengths of a run of words */
    int64_t nw = 0;
    acc_t a = {seen, cap - 1, 0, keys, (int64_t)most};

    int64_t i = 0;
    while (i < n) {
        uint32_t c = t[i];
        if (c & WORD_MARK) {
            add(&a, fnv(fnv_run(FNV_OFFSET, PFX_W, 2), c));
            ws[nw] = i; wl[nw] = 1; nw++;
            i++;
        } else if (is_word(c)) {
            int64_t j = i;
            while (j < n && is_word(t[j])) j++;
            int64_t len = j - i;
            add(&a, fnv_run(fnv_run(FNV_OFFSET, PFX_W, 2), t + i, len));
            if (len > 5)
                for (int64_t k = i; k + 4 <= j; k++) add(&a, fnv_run(fnv_run(FNV_OFFSET, PFX_C, 2), t + k, 4));
            ws[nw] = i; wl[nw] = len; nw++;
            i = j;
        } else if (is_han(c)) {
            int64_t j = i;
            while (j < n && is_han(t[j])) j++;
            for (int64_t k = i; k < j; k++) {
                uint64_t h = FNV_OFFSET;
                for (int64_t m = k; m < j && m < k + 3; m++) {   /* 1-, 2- and 3-grams from k */
                    h = fnv(h, t[m]);
                    add(&a, h);
                }
                if (j - i > 2) {
                    if (k + 2 < j) add(&a, fnv(fnv(fnv(FNV_OFFSET, t[k]), '_'), t[k + 2]));
                    if (k + 3 < j) add(&a, fnv(fnv(fnv(FNV_OFFSET, t[k]), '_'), t[k + 3]));
                }
            }
            word_pairs(&a, t, ws, wl, nw);
            nw = 0;
            i = j;
        } else if (netc_is_space(c)) {
            i++;
        } else {
            add(&a, fnv(FNV_OFFSET, c));
            word_pairs(&a, t, ws, wl, nw);
            nw = 0;
            i++;
        }
    }
    word_pairs(&a, t, ws, wl, nw);
    if (a.distinct > a.room) goto done;  /* more n-grams than 5 a character: refuse rather than read past the buffer */
    if (tb) {
        /* the table is far bigger than the caches: ask for every n-gram's slot first, so that the memory reads
         * overlap instead of waiting one after another, then add up the weights */
        for (int h = 0; h < tb->heads; h++) sums[h] = 0;
        for (int64_t k = 0; k < a.distinct; k++) PREFETCH(&tb->slots[mix(keys[k]) & tb->mask]);
        for (int64_t k = 0; k < a.distinct; k++) {
            const slot_t *s = find(tb, keys[k]);
            if (s->key == keys[k])
                for (int h = 0; h < tb->heads; h++) sums[h] += s->w[h];
        }
    }
    result = a.distinct;
done:
    if (seen && seen != stack_seen) free(seen);
    if (keys && keys != stack_keys) free(keys);
    if (wbuf && wbuf != stack_w) free(wbuf);
    return result;
}

/* Which heads fire: bit h is set when head h's sum reaches cuts[h] (thousandths; INT64_MAX for a head that never
 * fires). One call instead of sums copied out to Python and compared there: NgramModel.rank turns the bits into a
 * level with a table. Returns -1 when out of memory. */
int64_t netc_fired(const void *p, const uint32_t *t, int64_t n, const int64_t *cuts) {
    const table_t *tb = p;
    int64_t sums[MAX_HEADS];
    if (!tb || netc_sums(p, t, n, sums) < 0) return -1;
    int64_t mask = 0;
    for (int h = 0; h < tb->heads; h++)
        if (sums[h] >= cuts[h]) mask |= (int64_t)1 << h;
    return mask;
}
