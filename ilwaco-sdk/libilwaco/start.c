/* start.c: library initialisation between crt0 and main. */
#include <denali.h>
#include <stdlib.h>

#include "ilwaco_internal.h"

int main(int argc, char **argv);

static uintptr_t page_align_up(uintptr_t address)
{
    return (address + DENALI_PAGE_SIZE - 1) & ~(uintptr_t)(DENALI_PAGE_SIZE - 1);
}

void __ilwaco_start(void)
{
    volatile struct denali_vregs *regs = denali_vregs();
    /* IMAGE_END is the kernel's view of the image; _end is the linker's. Trust whichever is higher. */
    uintptr_t heap_start = page_align_up((uintptr_t)_end);
    if (regs->image_end > heap_start) {
        heap_start = page_align_up(regs->image_end);
    }
    __ilwaco_heap_init(heap_start, regs->memory_size);
    __ilwaco_interrupts_init();
    __ilwaco_timer_init();
    __ilwaco_threads_init();
    __ilwaco_keyboard_init();
    __ilwaco_disk_init();
    denali_interrupts_enable();

    static char *argv[] = {0};
    exit(main(0, argv));
}
