/* ilwaco/heap.h: introspection of malloc's heap, [IMAGE_END, MEMORY_SIZE) (for tests and tuning). */
#ifndef _ILWACO_HEAP_H
#define _ILWACO_HEAP_H

#include <stddef.h>
#include <stdint.h>

struct heap_stats {
    uintptr_t start;
    uintptr_t end;
    size_t free_bytes;  /* including block headers */
    size_t free_blocks; /* fragments in the free list; 1 when everything is free */
};

void heap_get_stats(struct heap_stats *stats);

#endif
