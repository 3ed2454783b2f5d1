/*
 * malloc.c: a first-fit allocator over [IMAGE_END, MEMORY_SIZE) (the paper: Ilwaco's malloc reads the
 * memory size from a virtual register).
 *
 * Free blocks form a singly linked list sorted by address, so free() coalesces with both neighbours in one
 * walk. Every block starts with an 8-byte header {size, link}: in a free block the link is the next free
 * block; in a used block it holds USED_MARK, which lets free() reject pointers it never returned.
 * Payloads are 8-byte aligned. Cooperative threads never preempt each other, so no lock is needed.
 */
#include <errno.h>
#include <ilwaco/heap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ilwaco_internal.h"

#define ALIGNMENT 8u
#define USED_MARK ((struct block *)0xA110CA7Du) /* odd, so never a real (aligned) block address */

struct block {
    size_t size; /* whole block, header included, multiple of ALIGNMENT */
    struct block *link;
};

#define HEADER sizeof(struct block)
#define MIN_BLOCK (HEADER + ALIGNMENT)

static struct block *free_list;
static uintptr_t heap_start;
static uintptr_t heap_end;

void __ilwaco_heap_init(uintptr_t start, uintptr_t end)
{
    start = (start + ALIGNMENT - 1) & ~(uintptr_t)(ALIGNMENT - 1);
    end &= ~(uintptr_t)(ALIGNMENT - 1);
    heap_start = start;
    heap_end = end > start ? end : start;
    free_list = 0;
    if (heap_end - heap_start >= MIN_BLOCK) {
        free_list = (struct block *)heap_start;
        free_list->size = heap_end - heap_start;
        free_list->link = 0;
    }
}

static size_t block_size_for(size_t request)
{
    if (request > SIZE_MAX - HEADER - ALIGNMENT) {
        return 0;
    }
    size_t size = (request + HEADER + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1);
    return size < MIN_BLOCK ? MIN_BLOCK : size;
}

void *malloc(size_t request)
{
    size_t size = block_size_for(request);
    if (size == 0) {
        errno = ENOMEM;
        return 0;
    }
    for (struct block **link = &free_list; *link; link = &(*link)->link) {
        struct block *b = *link;
        if (b->size < size) {
            continue;
        }
        if (b->size - size >= MIN_BLOCK) {
            /* Split: the tail stays free in b's place in the list. */
            struct block *rest = (struct block *)((char *)b + size);
            rest->size = b->size - size;
            rest->link = b->link;
            *link = rest;
            b->size = size;
        } else {
            *link = b->link;
        }
        b->link = USED_MARK;
        return b + 1;
    }
    errno = ENOMEM;
    return 0;
}

static struct block *header_of(void *pointer)
{
    struct block *b = (struct block *)pointer - 1;
    if ((uintptr_t)b < heap_start || (uintptr_t)b >= heap_end || b->link != USED_MARK) {
        printf("ilwaco: free/realloc of %p, which malloc did not return (or was freed already)\n", pointer);
        abort();
    }
    return b;
}

void free(void *pointer)
{
    if (!pointer) {
        return;
    }
    struct block *b = header_of(pointer);
    struct block *previous = 0;
    struct block *next = free_list;
    while (next && next < b) {
        previous = next;
        next = next->link;
    }
    b->link = next;
    if (next && (char *)b + b->size == (char *)next) {
        b->size += next->size;
        b->link = next->link;
    }
    if (previous) {
        previous->link = b;
        if ((char *)previous + previous->size == (char *)b) {
            previous->size += b->size;
            previous->link = b->link;
        }
    } else {
        free_list = b;
    }
}

void *calloc(size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size) {
        errno = ENOMEM;
        return 0;
    }
    void *p = malloc(count * size);
    if (p) {
        memset(p, 0, count * size);
    }
    return p;
}

void *realloc(void *pointer, size_t request)
{
    if (!pointer) {
        return malloc(request);
    }
    if (request == 0) {
        free(pointer);
        return 0;
    }
    struct block *b = header_of(pointer);
    size_t size = block_size_for(request);
    if (size == 0) {
        errno = ENOMEM;
        return 0;
    }
    if (size <= b->size) {
        return pointer; /* shrinking keeps the block: cheap, and the caller may grow it again */
    }
    void *moved = malloc(request);
    if (moved) {
        memcpy(moved, pointer, b->size - HEADER);
        free(pointer);
    }
    return moved;
}

void heap_get_stats(struct heap_stats *stats)
{
    stats->start = heap_start;
    stats->end = heap_end;
    stats->free_bytes = 0;
    stats->free_blocks = 0;
    for (struct block *b = free_list; b; b = b->link) {
        stats->free_bytes += b->size;
        stats->free_blocks++;
    }
}
