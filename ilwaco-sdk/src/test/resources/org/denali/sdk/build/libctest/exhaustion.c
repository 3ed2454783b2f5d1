/* malloc until the heap is exhausted: NULL (not a crash or an overlap) when it is full, every block
   usable and distinct, everything back in one free block afterwards, and the heap usable again. */
#include <ilwaco/heap.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"

#define CHUNK (64u * 1024u)

struct chunk {
    struct chunk *next;
    uint32_t serial;
};

void test_malloc_exhaustion(void)
{
    struct heap_stats before, after;
    heap_get_stats(&before);
    struct chunk *chain = 0;
    uint32_t count = 0;
    void *p;
    while ((p = malloc(CHUNK)) != 0) {
        struct chunk *c = p;
        c->next = chain;
        c->serial = count++;
        ((uint8_t *)p)[CHUNK - 1] = (uint8_t)count; /* the last byte is ours too */
        chain = c;
    }
    /* every byte of the heap but headers and a tail smaller than one chunk went into chunks */
    CHECK(count == before.free_bytes / (CHUNK + 8) || count == before.free_bytes / (CHUNK + 8) - 1);
    CHECK(count > 100);
    /* the little that is left still serves small requests; exhaustion is per request size */
    void *small = malloc(16);
    CHECK(small != 0);
    free(small);
    int intact = 1;
    uint32_t expect = count;
    for (struct chunk *c = chain; c; c = c->next) {
        intact &= c->serial == --expect && ((uint8_t *)c)[CHUNK - 1] == (uint8_t)(c->serial + 1);
    }
    CHECK(intact && expect == 0);
    CHECK(realloc(chain, before.free_bytes) == 0); /* a failed realloc leaves the block alone */
    CHECK(chain->serial == count - 1);
    while (chain) {
        struct chunk *next = chain->next;
        free(chain);
        chain = next;
    }
    heap_get_stats(&after);
    CHECK(after.free_blocks == 1 && after.free_bytes == before.free_bytes);
    p = malloc(before.free_bytes - 64);
    CHECK(p != 0); /* one block nearly the whole heap: coalescing really happened */
    free(p);
}
