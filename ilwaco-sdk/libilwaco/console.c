/* console.c: the console device. A whole buffer is one CONSOLE_WRITE PIO (one kernel crossing). */
#include <denali.h>
#include <ilwaco/console.h>

void console_write(const void *data, size_t length)
{
    if (length == 0) {
        return;
    }
    struct denali_console_write descriptor = {(uint32_t)(uintptr_t)data, (uint32_t)length};
    outl(DENALI_PORT_CONSOLE_WRITE, (uint32_t)(uintptr_t)&descriptor);
}

void console_putc(char c)
{
    outb(DENALI_PORT_CONSOLE_PUTC, (uint8_t)c);
}
