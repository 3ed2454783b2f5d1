/*
 * docs.c: the document table (generated documents and a ustar archive on a virtual disk, see docs.h).
 */
#include <ilwaco/disk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs.h"
#include "http.h"

#define TAR_BLOCK 512u

static struct document docs[DOCS_MAX];
static int count;
static uint32_t zipf_count = DOCS_ZIPF_COUNT, zipf_min = DOCS_ZIPF_MIN, zipf_max = DOCS_ZIPF_MAX;

int docs_configure(uint32_t documents, uint32_t min, uint32_t max)
{
    if (documents < 1 || documents > DOCS_MAX - 16) {
        printf("httpd: documents=%u: between 1 and %u\n", documents, DOCS_MAX - 16);
        return -1;
    }
    if (min < DOCS_BIG_LINE || min % DOCS_BIG_LINE || max % DOCS_BIG_LINE || max < min || max > DOCS_BIG_SIZE) {
        printf("httpd: min=%u max=%u: document sizes are multiples of %u bytes, %u <= min <= max <= %u\n", min, max,
               DOCS_BIG_LINE, DOCS_BIG_LINE, DOCS_BIG_SIZE);
        return -1;
    }
    zipf_count = documents;
    zipf_min = min;
    zipf_max = max;
    return 0;
}

uint32_t docs_zipf_size(uint32_t k)
{
    /* a fixed permutation-like spread: document k's size does not grow with its rank */
    uint32_t steps = (zipf_max - zipf_min) / 256u;
    return zipf_min + (k * 7919u % (steps + 1)) * 256u;
}

const struct document *docs_find(const char *path)
{
    if (strcmp(path, "/") == 0) {
        path = "/index.html";
    }
    for (int i = 0; i < count; i++) {
        if (strcmp(docs[i].path, path) == 0) {
            return &docs[i];
        }
    }
    return 0;
}

static struct document *add(const char *path)
{
    struct document *doc = (struct document *)docs_find(path);
    if (!doc) {
        if (count == DOCS_MAX) {
            printf("httpd: more than %d documents; %s is not served\n", DOCS_MAX, path);
            return 0;
        }
        doc = &docs[count++];
    }
    memset(doc, 0, sizeof *doc);
    snprintf(doc->path, sizeof doc->path, "%s", path);
    doc->type = http_content_type(path);
    return doc;
}

static int add_memory(const char *path, const uint8_t *bytes, uint32_t size)
{
    struct document *doc = add(path);
    if (!doc) {
        return -1;
    }
    doc->memory = bytes;
    doc->size = size;
    return 0;
}

/* Writes `value` right-aligned in `width` characters, padded with `pad`. Documents are made of tens of
   thousands of such numbers: snprintf would make every VM's boot take a few hundred million instructions. */
static void put_number(uint8_t *p, uint32_t value, int width, uint8_t pad)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = value || i == width - 1 ? (uint8_t)('0' + value % 10) : pad;
        value /= 10;
    }
}

/* The 1 MiB document: line i is "%07u ilwaco httpd 1 MiB text\n", exactly 32 bytes. */
static uint8_t *generate_big(void)
{
    static const char text[] = " ilwaco httpd 1 MiB text\n";
    uint8_t *big = malloc(DOCS_BIG_SIZE);
    if (!big) {
        return 0;
    }
    for (uint32_t i = 0; i < DOCS_BIG_SIZE / DOCS_BIG_LINE; i++) {
        uint8_t *line = big + i * DOCS_BIG_LINE;
        put_number(line, i, 7, '0');
        memcpy(line + 7, text, sizeof text - 1);
    }
    return big;
}

/* /doc/K: 32-byte lines "doc %5u at %11u ......\n" (K, the line's offset), docs_zipf_size(K) bytes. */
static uint8_t *generate_zipf(uint32_t k, uint32_t size)
{
    uint8_t *doc = malloc(size);
    if (!doc) {
        return 0;
    }
    for (uint32_t at = 0; at < size; at += 32) {
        uint8_t *line = doc + at;
        memcpy(line, "doc ", 4);
        put_number(line + 4, k, 5, ' ');
        memcpy(line + 9, " at ", 4);
        put_number(line + 13, at, 11, ' ');
        memcpy(line + 24, " ......\n", 8);
    }
    return doc;
}

static uint32_t parse_octal(const char *field, size_t length)
{
    uint32_t value = 0;
    for (size_t i = 0; i < length && field[i] >= '0' && field[i] <= '7'; i++) {
        value = value * 8 + (uint32_t)(field[i] - '0');
    }
    return value;
}

static int is_zero_block(const uint8_t *block)
{
    for (uint32_t i = 0; i < TAR_BLOCK; i++) {
        if (block[i]) return 0;
    }
    return 1;
}

/* Walks the ustar archive on `disk`: one 512-byte header per member, data padded to 512 bytes. */
static int load_archive(uint32_t disk)
{
    uint32_t disk_bytes = disk_blocks(disk) * DISK_BLOCK_SIZE;
    static uint8_t block[DISK_BLOCK_SIZE] __attribute__((aligned(DISK_BLOCK_SIZE))); /* DISK_SUBMIT's rule */
    uint32_t cached = 0xFFFFFFFFu;
    int files = 0;
    for (uint32_t at = 0; at + TAR_BLOCK <= disk_bytes;) {
        uint32_t block_number = at / DISK_BLOCK_SIZE;
        if (block_number != cached) {
            if (disk_read(disk, block_number, block) != DENALI_DISK_OK) {
                printf("httpd: disk %u: read error at block %u\n", disk, block_number);
                return files;
            }
            cached = block_number;
        }
        const uint8_t *header = block + at % DISK_BLOCK_SIZE;
        if (is_zero_block(header)) {
            break; /* the archive's end marker */
        }
        if (memcmp(header + 257, "ustar", 5) != 0) {
            printf("httpd: disk %u: not a ustar archive at byte %u (make it with tar --format=ustar -b 8)\n",
                   disk, at);
            return files;
        }
        uint32_t size = parse_octal((const char *)header + 124, 12);
        char type = (char)header[156];
        char name[128];
        const char *prefix = (const char *)header + 345;
        const char *base = (const char *)header;
        if (prefix[0]) {
            snprintf(name, sizeof name, "%.*s/%.*s", 155, prefix, 100, base);
        } else {
            snprintf(name, sizeof name, "%.*s", 100, base);
        }
        const char *relative = name;
        while (relative[0] == '.' && relative[1] == '/') relative += 2;
        while (relative[0] == '/') relative++;
        uint32_t data = at + TAR_BLOCK;
        if ((type == '0' || type == '\0') && relative[0] && data + size <= disk_bytes) {
            char path[128];
            snprintf(path, sizeof path, "/%s", relative);
            struct document *doc = add(path);
            if (doc) {
                doc->disk = disk;
                doc->disk_offset = data;
                doc->size = size;
                files++;
            }
        }
        at = data + (size + TAR_BLOCK - 1) / TAR_BLOCK * TAR_BLOCK;
    }
    return files;
}

int docs_read_disk(const struct document *doc, uint32_t offset, uint8_t *buffer, uint32_t *start)
{
    uint32_t position = doc->disk_offset + offset;
    if (disk_read(doc->disk, position / DISK_BLOCK_SIZE, buffer) != DENALI_DISK_OK) {
        return -1;
    }
    *start = position % DISK_BLOCK_SIZE;
    uint32_t available = DISK_BLOCK_SIZE - *start;
    uint32_t left = doc->size - offset;
    return (int)(available < left ? available : left);
}

/* /index.html: links to every document (generated last, so it lists the disk's files too). */
static int generate_index(void)
{
    size_t capacity = 512 + (size_t)count * 200;
    char *html = malloc(capacity);
    if (!html) {
        return -1;
    }
    size_t n = (size_t)snprintf(html, capacity,
        "<!DOCTYPE html>\n<html><head><title>Denali httpd</title></head><body>\n"
        "<h1>Ilwaco httpd on Denali</h1>\n<p>%d documents:</p>\n<ul>\n", count + 1);
    for (int i = 0; i < count && n < capacity; i++) {
        n += (size_t)snprintf(html + n, capacity - n, "<li><a href=\"%s\">%s</a> (%u bytes%s)</li>\n", docs[i].path,
                              docs[i].path, docs[i].size, docs[i].memory ? "" : ", disk");
    }
    if (n < capacity) {
        n += (size_t)snprintf(html + n, capacity - n, "</ul>\n</body></html>\n");
    }
    if (n >= capacity) {
        return -1;
    }
    return add_memory("/index.html", (const uint8_t *)html, (uint32_t)n);
}

int docs_init(void)
{
    static const char hello[] = "Hello from Ilwaco's httpd, a Denali guest.\n";
    uint8_t *big = generate_big();
    if (!big || add_memory("/hello.txt", (const uint8_t *)hello, sizeof hello - 1) < 0
            || add_memory("/big.txt", big, DOCS_BIG_SIZE) < 0) {
        printf("httpd: out of memory generating documents\n");
        return -1;
    }
    for (uint32_t k = 0; k < zipf_count; k++) {
        uint32_t size = docs_zipf_size(k);
        uint8_t *doc = generate_zipf(k, size);
        char path[32];
        snprintf(path, sizeof path, "/doc/%u", k);
        if (!doc || add_memory(path, doc, size) < 0) {
            printf("httpd: out of memory generating documents\n");
            return -1;
        }
    }
    int generated = count;
    if (disk_count() > 0) {
        int files = load_archive(0);
        printf("httpd: disk 0 (%u KiB): %d file(s) from its archive\n", disk_blocks(0) * 4, files);
    }
    if (generate_index() < 0) {
        printf("httpd: out of memory generating the index\n");
        return -1;
    }
    printf("httpd: %d documents (%d generated in memory, 1 MiB /big.txt among them)\n", count, generated + 1);
    return count;
}
