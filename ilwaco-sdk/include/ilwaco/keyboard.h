/* ilwaco/keyboard.h: the Denali keyboard byte queue. */
#ifndef _ILWACO_KEYBOARD_H
#define _ILWACO_KEYBOARD_H

/* Next byte, or -1 if none is waiting. */
int keyboard_poll(void);

/* Next byte; blocks the calling thread (the VM idles) until one arrives. */
int keyboard_getc(void);

#endif
