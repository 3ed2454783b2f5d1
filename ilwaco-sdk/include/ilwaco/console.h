/* ilwaco/console.h: the Denali console, one CONSOLE_WRITE PIO per buffer. */
#ifndef _ILWACO_CONSOLE_H
#define _ILWACO_CONSOLE_H

#include <stddef.h>

void console_write(const void *data, size_t length);
void console_putc(char c);

#endif
