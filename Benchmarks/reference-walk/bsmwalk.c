/*
 * bsmwalk: the reference for issue 11's trail targets, the physical limit of reading a
 * BSM trail. It maps the trail, frames every record by its header's byte count, checks
 * that a trailer (0x13, magic 0xb105, the same count) ends it, and walks every token of
 * the record by parsing its length, as auditlint's BSMTokenDecoder.tokenLength does
 * (the layouts of Docs and the project's decoder; no libbsm code). A stand-alone file
 * token (0x11) between records counts as a record. Bytes that frame no record are
 * counted and skipped one at a time (no resynchronisation by trailer, which auditlint's reader does).
 *
 * Build: cc -O2 -o bsmwalk bsmwalk.c        Run: bsmwalk TRAIL
 * Prints: records=N tokens=N bytes=N skipped=N overruns=N exec=N
 * (exec: records with an exec-args token, so `commands` can be checked against it).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static inline uint32_t be16(const uint8_t *p) { return (uint32_t)p[0] << 8 | p[1]; }
static inline uint32_t be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline long addr_len(uint32_t type) { return type == 4 ? 4 : type == 16 ? 16 : -1; }

/* The end of `count` NUL-terminated strings from p, or NULL if `end` comes first. */
static const uint8_t *after_strings(const uint8_t *p, uint32_t count, const uint8_t *end) {
    while (count-- > 0) {
        if (p >= end) return NULL;
        const uint8_t *nul = memchr(p, 0, (size_t)(end - p));
        if (!nul) return NULL;
        p = nul + 1;
    }
    return p;
}

/* The length of the token at p in a record ending at end, or -1 if it overruns. */
static long token_length(const uint8_t *p, const uint8_t *end) {
    long rem = end - p, n;
    if (rem <= 0) return -1;
    switch (p[0]) {
    case 0x13: n = 7; break;                            /* trailer */
    case 0x14: n = 18; break;                           /* header32 */
    case 0x74: n = 26; break;                           /* header64 */
    case 0x15: case 0x79:                               /* header32/64 ex */
        if (rem < 14) return -1;
        n = 14 + (addr_len(be32(p + 10)) < 0 ? 0 : addr_len(be32(p + 10))) + (p[0] == 0x15 ? 8 : 16);
        break;
    case 0x24: case 0x26: n = 37; break;                /* subject/process 32 */
    case 0x75: case 0x77: n = 41; break;                /* subject/process 64 */
    case 0x7a: case 0x7b: case 0x7c: case 0x7d: {       /* subject/process ex */
        long at = p[0] < 0x7c ? 33 : 37;
        if (rem < at + 4 || addr_len(be32(p + at)) < 0) return -1;
        n = at + 4 + addr_len(be32(p + at));
        break;
    }
    case 0x27: n = 6; break;                            /* return32 */
    case 0x72: n = 10; break;                           /* return64 */
    case 0x22: n = 6; break;                            /* ipc */
    case 0x23: case 0x28: case 0x60: case 0x29:         /* path, text, zonename, opaque */
        if (rem < 3) return -1;
        n = 3 + be16(p + 1);
        break;
    case 0x2d:                                          /* arg32 */
        if (rem < 8) return -1;
        n = 8 + be16(p + 6);
        break;
    case 0x71:                                          /* arg64 */
        if (rem < 12) return -1;
        n = 12 + be16(p + 10);
        break;
    case 0x3e: n = 29; break;                           /* attr32 */
    case 0x73: n = 33; break;                           /* attr64 */
    case 0x11:                                          /* file */
        if (rem < 11) return -1;
        n = 11 + be16(p + 9);
        break;
    case 0x21: {                                        /* arbitrary data */
        static const long unit[4] = {1, 2, 4, 8};
        if (rem < 4 || p[2] > 3) return -1;
        n = 4 + unit[p[2]] * p[3];
        break;
    }
    case 0x2a: case 0x2f: n = 5; break;                 /* in_addr, seq */
    case 0x2b: n = 21; break;                           /* ip */
    case 0x2c: n = 3; break;                            /* iport */
    case 0x2e: n = 15; break;                           /* socket */
    case 0x32: n = 29; break;                           /* ipc_perm */
    case 0x38: {                                        /* privilege set: two u16 strings */
        if (rem < 3) return -1;
        long first = be16(p + 1);
        if (rem < 5 + first) return -1;
        n = 5 + first + be16(p + 3 + first);
        break;
    }
    case 0x39:                                          /* use of privilege */
        if (rem < 4) return -1;
        n = 4 + be16(p + 2);
        break;
    case 0x3b: {                                        /* new groups, at most 16 read */
        if (rem < 3) return -1;
        long count = be16(p + 1);
        n = 3 + 4 * (count < 16 ? count : 16);
        break;
    }
    case 0x3c: case 0x3d: case 0xee: case 0xef: {       /* exec args/env, krb5, cert hash */
        if (rem < 5) return -1;
        const uint8_t *stop = after_strings(p + 5, be32(p + 1), end);
        if (!stop) return -1;
        n = stop - p;
        break;
    }
    case 0x52: n = 9; break;                            /* exit */
    case 0x7e:                                          /* in_addr_ex */
        if (rem < 5 || addr_len(be32(p + 1)) < 0) return -1;
        n = 5 + addr_len(be32(p + 1));
        break;
    case 0x7f: {                                        /* socket_ex: u16 address type */
        if (rem < 7) return -1;
        long t = be16(p + 5);
        if (t != 4 && t != 16) return -1;
        n = 11 + 2 * t;
        break;
    }
    case 0x80: n = 9; break;                            /* sockinet32 */
    case 0x81: n = 21; break;                           /* sockinet128 */
    case 0x82: {                                        /* sockunix: NUL within 108 bytes */
        if (rem < 3) return -1;
        long search = rem - 3 < 108 ? rem - 3 : 108;
        const uint8_t *nul = search > 0 ? memchr(p + 3, 0, (size_t)search) : NULL;
        n = nul ? 3 + (nul - (p + 3)) + 1 : 3 + search;
        break;
    }
    case 0x83: n = 17; break;                           /* rights */
    case 0x84: case 0x85:                               /* arg/return uuid */
        if (rem < 20) return -1;
        n = 20 + be16(p + 18);
        break;
    case 0xed: {                                        /* identity: three u16-counted fields */
        if (rem < 7) return -1;
        const uint8_t *q = p + 7 + be16(p + 5) + 1;
        if (q + 2 > end) return -1;
        q += 2 + be16(q) + 1;
        if (q + 2 > end) return -1;
        q += 2 + be16(q);
        n = q - p;
        break;
    }
    default:                                            /* unknown: up to the trailer */
        n = rem - 7;
        if (n <= 1) return -1;
    }
    return n <= rem ? n : -1;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: bsmwalk TRAIL\n");
        return 2;
    }
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        perror(argv[1]);
        return 3;
    }
    size_t size = (size_t)st.st_size;
    const uint8_t *base = size ? mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
    if (size && base == MAP_FAILED) {
        perror("mmap");
        return 3;
    }
    if (size) madvise((void *)base, size, MADV_SEQUENTIAL);
    const uint8_t *p = base, *end = base + size;
    unsigned long long records = 0, tokens = 0, skipped = 0, overruns = 0, exec = 0;
    while (p < end) {
        uint8_t id = p[0];
        long length = -1;
        if (id == 0x14 || id == 0x15 || id == 0x74 || id == 0x79) {
            if (end - p >= 5) {
                long count = be32(p + 1);
                long minimum = (id == 0x74 ? 26 : 18) + 7;
                if (count >= minimum && count <= end - p) {
                    const uint8_t *t = p + count - 7;
                    if (t[0] == 0x13 && be16(t + 1) == 0xb105 && (long)be32(t + 3) == count) length = count;
                }
            }
            if (length > 0) {
                const uint8_t *q = p, *stop = p + length;
                int has_exec = 0;
                while (q < stop) {
                    long n = token_length(q, stop);
                    if (n < 0) {
                        overruns++;
                        break;
                    }
                    has_exec |= q[0] == 0x3c;
                    tokens++;
                    q += n;
                }
                exec += has_exec;
            }
        } else if (id == 0x11 && end - p >= 11) {
            long n = 11 + be16(p + 9);
            if (n <= end - p) {
                length = n;
                tokens++;
            }
        }
        if (length < 0) {
            skipped++;
            p++;
            continue;
        }
        records++;
        p += length;
    }
    printf("records=%llu tokens=%llu bytes=%zu skipped=%llu overruns=%llu exec=%llu\n", records, tokens, size, skipped,
           overruns, exec);
    return 0;
}
