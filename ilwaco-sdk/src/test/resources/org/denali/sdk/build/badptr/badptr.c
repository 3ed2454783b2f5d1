/*
 * A guest that stores through a bad pointer two calls below main: the second handler's counter points into the
 * kernel region, so the store faults (#PF). (A NULL data pointer does not fault on Denali: page 0 holds the
 * virtual registers, docs/architecture.md §3.) The core-file tests open its core in gdb: bt, registers, locals,
 * globals.
 */
#include <stdio.h>

struct handler {
    const char *name;
    int *hits;
};

static int counted_hits;
static struct handler handlers[2] = { { "counted", &counted_hits }, { "poisoned", (int *)0xC0000000 } };

static int __attribute__((noipa)) dispatch(struct handler *h, int value)
{
    int scaled = value * 3;
    *h->hits += scaled;
    return scaled + 1;
}

static int __attribute__((noipa)) process(int count)
{
    int total = 0;
    for (int i = 0; i < count; i++) {
        total += dispatch(&handlers[i % 2], i + 40);
    }
    return total;
}

int main(void)
{
    printf("about to store through a bad pointer\n");
    return process(4);
}
