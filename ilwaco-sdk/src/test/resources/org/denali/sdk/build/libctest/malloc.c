#include <ilwaco/heap.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

enum { SLOTS = 200, ROUNDS = 4000 };

void test_malloc(void)
{
    struct heap_stats before, after;
    heap_get_stats(&before);
    CHECK(before.free_blocks == 1);
    CHECK(before.end == 16u << 20);

    static unsigned char *slots[SLOTS];
    static size_t sizes[SLOTS];
    int intact = 1, aligned = 1, allocated = 1;
    srand(7);
    for (int round = 0; round < ROUNDS; round++) {
        int i = rand() % SLOTS;
        if (slots[i]) {
            for (size_t k = 0; k < sizes[i]; k++) {
                if (slots[i][k] != (unsigned char)(i + k)) {
                    intact = 0;
                }
            }
            if (rand() % 4 == 0) {
                size_t grown = sizes[i] * 2 + 1;
                unsigned char *moved = realloc(slots[i], grown);
                allocated &= moved != 0;
                for (size_t k = sizes[i]; k < grown; k++) {
                    moved[k] = (unsigned char)(i + k);
                }
                slots[i] = moved;
                sizes[i] = grown;
                continue;
            }
            free(slots[i]);
            slots[i] = 0;
        } else {
            sizes[i] = (size_t)(rand() % 3000) + 1;
            slots[i] = malloc(sizes[i]);
            allocated &= slots[i] != 0;
            aligned &= ((uintptr_t)slots[i] & 7) == 0;
            for (size_t k = 0; k < sizes[i]; k++) {
                slots[i][k] = (unsigned char)(i + k);
            }
        }
    }
    CHECK(allocated);
    CHECK(intact);
    CHECK(aligned);
    for (int i = 0; i < SLOTS; i++) {
        free(slots[i]);
    }
    heap_get_stats(&after);
    CHECK(after.free_blocks == 1);                 /* everything coalesced again */
    CHECK(after.free_bytes == before.free_bytes);

    int *zeros = calloc(1000, sizeof(int));
    int all_zero = zeros != 0;
    for (int i = 0; all_zero && i < 1000; i++) {
        all_zero = zeros[i] == 0;
    }
    CHECK(all_zero);
    free(zeros);
    CHECK(malloc(before.free_bytes) == 0);         /* more than the heap: NULL, not a crash */
    CHECK(calloc(0x10000, 0x10000) == 0);          /* overflowing count * size */
    void *big = malloc(8u << 20);                  /* half of the VM's memory */
    CHECK(big != 0);
    free(big);
}
