/* Tiny freestanding runtime for the CPU differential test programs (Linux int 0x80 write/exit). */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;
typedef long long i64;

void write_out(const char *p, int n);
void sys_exit(int code) __attribute__((noreturn));
void print_str(const char *s);
void print_u32(u32 v);
void print_i32(i32 v);
void print_hex(u32 v);
void print_u64(u64 v);
void print_i64(i64 v);
void print_nl(void);
void *memcpy(void *d, const void *s, u32 n);
void *memmove(void *d, const void *s, u32 n);
void *memset(void *d, int c, u32 n);
int memcmp(const void *a, const void *b, u32 n);
u32 strlen(const char *s);
u32 rng_next(void);
