/* Declarations shared between libilwaco's files and its assembly stubs; not part of the public API. */
#ifndef _ILWACO_INTERNAL_H
#define _ILWACO_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Linker-script symbols (link/denali.ld). */
extern char _end[];
extern char __stack_bottom[];
extern char __stack_top[];

/* crt0.S -> start.c */
void __ilwaco_start(void) __attribute__((noreturn));

/* interrupt_entry.S: the address installed in INTERRUPT_HANDLER. */
void __ilwaco_interrupt_entry(void);
/* Called by the stub with DELIVERED_INTERRUPTS. */
void __ilwaco_interrupt_record(uint32_t delivered);

/* context_switch.S */
void __ilwaco_context_switch(uint32_t **save_sp, uint32_t *load_sp);
void __ilwaco_thread_trampoline(void);
/* thread.c: what the trampoline calls on a new thread's first run. */
void __ilwaco_thread_entry(void) __attribute__((noreturn));

void __ilwaco_heap_init(uintptr_t start, uintptr_t end);
void __ilwaco_threads_init(void);
void __ilwaco_interrupts_init(void);
void __ilwaco_timer_init(void);
void __ilwaco_disk_init(void);
void __ilwaco_keyboard_init(void);

/* The printf engine: writes through `emit` in chunks; returns the total length it would produce. */
typedef void (*ilwaco_emit)(void *sink, const char *data, size_t length);
int __ilwaco_format(ilwaco_emit emit, void *sink, const char *fmt, va_list ap);

/* Threads waiting on a device (keyboard, disk): while any exist, an empty run queue is not a deadlock. */
extern int __ilwaco_device_waiters;

#endif
