/* C exercising what gcc -m32 emits for integer code: switch jump tables, loops, 64-bit arithmetic,
   narrow types, bit tricks, string loops, recursion, indirect calls. Freestanding: no libc, no libgcc calls. */
typedef unsigned int u32;
typedef unsigned long long u64;

volatile int sink;
static int table[64];
static unsigned char bytes[256];
static short shorts[32];

void *memset(void *d, int c, u32 n) { unsigned char *p = d; while (n--) *p++ = (unsigned char) c; return d; }
void *memcpy(void *d, const void *s, u32 n) { unsigned char *p = d; const unsigned char *q = s; while (n--) *p++ = *q++; return d; }
u32 strlen(const char *s) { u32 n = 0; while (s[n]) n++; return n; }
int memcmp(const void *a, const void *b, u32 n) {
    const unsigned char *p = a, *q = b;
    for (u32 i = 0; i < n; i++) if (p[i] != q[i]) return p[i] - q[i];
    return 0;
}

int classify(int x) {
    switch (x) {
    case 0: return 11; case 1: return 22; case 2: return 35; case 3: return 47;
    case 4: return 51; case 5: return 68; case 6: return 73; case 7: return 89;
    case 9: return 90; case 12: return -4;
    default: return x * 3;
    }
}

u64 mul64(u64 a, u64 b) { return a * b + (a >> 7) - (b << 3); }
long long neg64(long long a) { return -a ^ (a >> 63); }
int cmp64(u64 a, u64 b) { return a < b ? -1 : a > b; }
u64 shl64(u64 a, int n) { return a << (n & 63); }
long long sar64(long long a, int n) { return a >> (n & 63); }

int divmod(int a, int b, int *rem) { *rem = a % b; return a / b; }
u32 udiv(u32 a, u32 b) { return a / b + a % 7u; }
int sdiv_const(int a) { return a / 10 + a / -3 + a % 16; }

int narrow(signed char c, unsigned char u, short s, unsigned short w) {
    return c * 3 + u + s - w + (char) (c + u) + (short) (s * w);
}

u32 bits(u32 x) {
    u32 r = 0;
    for (u32 y = x; y; y &= y - 1) r++;
    r += x ? __builtin_ctz(x) : 0;
    r += x ? __builtin_clz(x) : 0;
    r ^= __builtin_bswap32(x);
    r += (x << 5) | (x >> 27);
    r += (x & (1u << (r & 31))) != 0;
    return r;
}

int minmax(int a, int b, int c) {
    int lo = a < b ? a : b;
    int hi = a > b ? a : b;
    return (c > hi ? c : hi) - (c < lo ? c : lo);
}

int flags(int a, int b) { return (a == b) + 2 * (a < b) + 4 * ((u32) a < (u32) b) + 8 * (a != 0 && b != 0); }

void fill(int n) {
    for (int i = 0; i < n && i < 64; i++) table[i] = i * i - 3 * i;
    memset(bytes, 0x5a, sizeof bytes);
    for (int i = 0; i < 32; i++) shorts[i] = (short) (table[i] >> 1);
}

int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

typedef int (*op_fn)(int, int);
static int op_add(int a, int b) { return a + b; }
static int op_sub(int a, int b) { return a - b; }
static int op_xor(int a, int b) { return a ^ b; }
static op_fn ops[3] = {op_add, op_sub, op_xor};

int apply(int which, int a, int b) { return ops[which % 3](a, b); }

struct point { int x, y; short tag; char name[6]; };
int area(struct point *p, int n) {
    int s = 0;
    for (int i = 0; i < n; i++) s += p[i].x * p[i].y + p[i].tag + p[i].name[i & 3];
    return s;
}

u32 hash(const char *s) {
    u32 h = 2166136261u;
    while (*s) { h ^= (unsigned char) *s++; h *= 16777619u; }
    return h;
}

static inline void denali_terminate(int code) { __asm__ volatile(".byte 0x0f, 0x0c" : : "a"(code)); }
static inline u32 denali_idle(u32 us) { __asm__ volatile(".byte 0x0f, 0x0a" : "+a"(us)); return us; }

int main(void) {
    int rem;
    struct point pts[3] = {{1, 2, 3, "ab"}, {4, 5, 6, "cd"}, {7, 8, 9, "ef"}};
    fill(40);
    sink = classify(sink) + (int) mul64(sink, 77) + cmp64(sink, 5) + (int) shl64(sink, 3) + (int) sar64(sink, 9);
    sink += divmod(sink, 7, &rem) + rem + (int) udiv(sink, 3) + sdiv_const(sink) + (int) neg64(sink);
    sink += narrow((signed char) sink, (unsigned char) sink, (short) sink, (unsigned short) sink);
    sink += (int) bits(sink) + minmax(sink, 3, 9) + flags(sink, 4) + fib(10) + apply(sink, 3, 4);
    sink += area(pts, 3) + (int) hash("denali") + (int) strlen("ilwaco") + memcmp(bytes, table, 16);
    memcpy(table, bytes, 32);
    denali_idle(1000);
    denali_terminate(sink);
    return 0;
}
