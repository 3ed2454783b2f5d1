/* bootargs.c: see ilwaco/bootargs.h. */
#include <ilwaco/bootargs.h>
#include <ilwaco/keyboard.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 32

static char line[BOOTARGS_MAX_LINE];
static const char *keys[MAX_WORDS];
static const char *values[MAX_WORDS];
static int words;
static char error[128];

int bootargs_load(void)
{
    int c = keyboard_poll();
    if (c < 0) {
        return 0;
    }
    size_t length = 0;
    while (c >= 0 && c != '\n') {
        if (length + 1 >= sizeof line) {
            snprintf(error, sizeof error, "boot arguments: the line is longer than %d bytes", BOOTARGS_MAX_LINE - 1);
            words = 0;
            return -1;
        }
        line[length++] = (char)c;
        c = keyboard_poll(); /* the host typed the whole line before the VM started */
    }
    line[length] = 0;
    int found = 0;
    char *save;
    for (char *word = strtok_r(line, " \t\r", &save); word; word = strtok_r(0, " \t\r", &save)) {
        char *equals = strchr(word, '=');
        if (!equals || equals == word) {
            snprintf(error, sizeof error, "boot arguments: '%.80s' is not key=value", word);
            words = 0;
            return -1;
        }
        if (found == MAX_WORDS) {
            snprintf(error, sizeof error, "boot arguments: more than %d words", MAX_WORDS);
            words = 0;
            return -1;
        }
        *equals = 0;
        keys[found] = word;
        values[found] = equals + 1;
        found++;
    }
    words = found;
    error[0] = 0;
    return words;
}

const char *bootargs_get(const char *key)
{
    for (int i = 0; i < words; i++) {
        if (strcmp(keys[i], key) == 0) {
            return values[i];
        }
    }
    return 0;
}

uint32_t bootargs_u32(const char *key, uint32_t fallback)
{
    const char *text = bootargs_get(key);
    if (!text) {
        return fallback;
    }
    char *end;
    unsigned long value = strtoul(text, &end, 10);
    if (*text < '0' || *text > '9' || *end || value > 0xFFFFFFFFul) {
        snprintf(error, sizeof error, "boot arguments: %s=%.40s is not a number", key, text);
        return fallback;
    }
    return (uint32_t)value;
}

const char *bootargs_error(void)
{
    return error;
}
