/*
 * ilwaco/bootargs.h: parameters the host typed into the VM's keyboard before it started.
 *
 * Denali has no command line: a guest that takes parameters at run time reads them as one line of
 * "key=value" words from its keyboard queue. `denali run FILE.denali` types a workload's parameters this way
 * into its load-generator and target VMs (docs/languages.md, "Workloads"); by hand it is
 * `echo 'documents=50 min=1024' | denali run --deterministic httpd.elf`. A guest calls bootargs_load() once
 * at start, before anything else reads the keyboard; without a waiting line it gets its defaults.
 */
#ifndef _ILWACO_BOOTARGS_H
#define _ILWACO_BOOTARGS_H

#include <stdint.h>

#define BOOTARGS_MAX_LINE 512

/* Reads the first keyboard line if one is already queued (never waits). Returns the number of key=value
   words, 0 if no line was waiting, or -1 if the line was too long or a word has no '=' (then nothing is set
   and bootargs_error() says why). */
int bootargs_load(void);

/* The value of `key`, or 0 if the line did not name it. */
const char *bootargs_get(const char *key);

/* The value of `key` as a decimal number, or `fallback` if it is absent; a malformed number is reported by
   bootargs_error() and gives `fallback`. */
uint32_t bootargs_u32(const char *key, uint32_t fallback);

/* Why the last call failed ("" if it did not). */
const char *bootargs_error(void);

#endif
