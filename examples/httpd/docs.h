/*
 * docs.h: the documents httpd serves. Two sources:
 *  - generated in memory at start: /index.html (a listing), /hello.txt, /big.txt (1 MiB of numbered
 *    32-byte lines) and N documents /doc/0 .. /doc/N-1 for the load generator (sizes from MIN to MAX
 *    bytes, see docs_zipf_size): N, MIN, MAX default to DOCS_ZIPF_COUNT/MIN/MAX and can be set by boot
 *    arguments documents=N min=MIN max=MAX (ilwaco/bootargs.h; a deployment's workload types them);
 *  - the files of a read-only virtual disk, if the VM has one (`denali run ... --disk site:ro`): the disk
 *    holds a POSIX ustar archive (`tar --format=ustar -b 8 -cf disks/site -C public .`) and each regular
 *    file in it is served under "/" + its name. They are read from the disk on every request (4 KiB
 *    blocks), so the archive may be larger than the VM's memory. A disk file hides a generated document
 *    of the same name.
 */
#ifndef HTTPD_DOCS_H
#define HTTPD_DOCS_H

#include <stddef.h>
#include <stdint.h>

#define DOCS_MAX 256
#define DOCS_ZIPF_COUNT 100
#define DOCS_ZIPF_MIN 1024u
#define DOCS_ZIPF_MAX (16u * 1024u)
#define DOCS_BIG_SIZE (1024u * 1024u)
#define DOCS_BIG_LINE 32u

struct document {
    char path[128];
    const char *type;
    uint32_t size;
    const uint8_t *memory;  /* in-memory documents: the bytes; NULL for disk documents */
    uint32_t disk;          /* disk documents: the disk and the byte offset of the data in it */
    uint32_t disk_offset;
};

/* Generates the in-memory documents and reads disk 0's archive (if any). Prints what it found; returns
   the number of documents, or -1 (with a message) if memory runs out. */
int docs_init(void);

/* The document at `path` ("/" means "/index.html"), or NULL. */
const struct document *docs_find(const char *path);

/* Sets the /doc/K set before docs_init(): `count` documents of MIN..MAX bytes. MIN and MAX must be multiples
   of the 32-byte line, count at most DOCS_MAX - 16. Returns -1 after printing why, if they are not. */
int docs_configure(uint32_t count, uint32_t min, uint32_t max);

/* Size of /doc/K: spread over [MIN, MAX] in 256-byte steps (or MIN if MAX - MIN < 256) so popular and rare
   documents differ in size the same way in every VM (the load generator computes it too, with the same
   MIN and MAX, to check what it receives). */
uint32_t docs_zipf_size(uint32_t k);

/* Reads the disk block holding byte `offset` of a disk document into `buffer` (DISK_BLOCK_SIZE bytes,
   4 KiB aligned as DISK_SUBMIT requires). Returns how many of the document's bytes from `offset` are in it
   (they start at buffer + *start), or -1 on a disk error; the caller sends them and continues there. */
int docs_read_disk(const struct document *doc, uint32_t offset, uint8_t *buffer, uint32_t *start);

#endif
