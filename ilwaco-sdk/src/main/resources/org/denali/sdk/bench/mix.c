/*
 * The realistic mixed guest of `denali bench cpu mix`: six integer kernels of different shape in one program, as
 * gcc -m32 -O2 compiles them (byte-store loops, table lookups, recursion, a switch over a jump table, copies).
 * Freestanding (no library calls), so the very same object also links as a Linux executable for the native and
 * qemu-i386 columns. main returns a checksum; both builds must agree on it.
 */
typedef unsigned int u32;
typedef unsigned char u8;

#ifndef ROUNDS
#define ROUNDS 6
#endif

#define NOINLINE __attribute__((noinline))

static u8 sieve_flags[65536];
static u32 crc_table[256];
static u8 buffer[16384];
static u8 copy[16384];
static int numbers[8192];

static u32 seed = 2463534242u;
static u32 next_random(void) {
    seed ^= seed << 13;
    seed ^= seed >> 17;
    seed ^= seed << 5;
    return seed;
}

/* 1. Sieve of Eratosthenes: byte stores with a stride, a counting pass. */
NOINLINE static u32 sieve(int n) {
    for (int i = 0; i < n; i++) sieve_flags[i] = 1;
    sieve_flags[0] = sieve_flags[1] = 0;
    for (int i = 2; i * i < n; i++)
        if (sieve_flags[i])
            for (int j = i * i; j < n; j += i) sieve_flags[j] = 0;
    u32 count = 0;
    for (int i = 0; i < n; i++) count += sieve_flags[i];
    return count;
}

/* 2. Table-driven CRC-32: a load-xor-shift chain through a 1 KiB table. */
NOINLINE static void crc_init(void) {
    for (u32 i = 0; i < 256; i++) {
        u32 c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

NOINLINE static u32 crc32(const u8 *p, int n) {
    u32 c = 0xFFFFFFFFu;
    for (int i = 0; i < n; i++) c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return ~c;
}

/* 3. Quicksort: recursion, data-dependent branches, swaps in memory. */
NOINLINE static void quicksort(int *a, int lo, int hi) {
    while (lo < hi) {
        int pivot = a[(lo + hi) >> 1], i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) { int t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; }
        else { quicksort(a, i, hi); hi = j; }
    }
}

/* 4. Deep recursion: call/ret and the stack. */
NOINLINE static u32 fib(u32 n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/* 5. A switch-dispatched bytecode interpreter (a jump table, an indirect jump per bytecode). */
enum { OP_PUSH, OP_ADD, OP_SUB, OP_MUL, OP_DUP, OP_SWAP, OP_JNZ, OP_DEC, OP_XOR, OP_SHL, OP_POP, OP_HALT };

NOINLINE static u32 run_bytecode(const u8 *code, u32 counter) {
    u32 stack[16];
    int sp = 0, pc = 0;
    u32 acc = 1;
    stack[sp++] = counter;
    for (;;) {
        switch (code[pc++]) {
        case OP_PUSH: stack[sp++] = code[pc++]; break;
        case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case OP_MUL: acc = acc * 33 + stack[sp - 1]; break;
        case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case OP_SWAP: { u32 t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
        case OP_JNZ: { u8 target = code[pc++]; if (stack[sp - 1]) pc = target; break; }
        case OP_DEC: stack[sp - 1]--; break;
        case OP_XOR: acc ^= stack[sp - 1] << 3; break;
        case OP_SHL: acc = (acc << 1) | (acc >> 31); break;
        case OP_POP: sp--; break;
        case OP_HALT: return acc + stack[sp - 1];
        default: return 0;
        }
    }
}

static const u8 program[] = {
    /* 0: loop: */ OP_DUP, OP_MUL, OP_XOR, OP_POP, OP_PUSH, 3, OP_ADD, OP_PUSH, 3, OP_SUB, OP_SHL, OP_DEC,
    OP_JNZ, 0,
    OP_HALT,
};

/* 6. Byte fills and copies, forwards and backwards, and a compare. */
NOINLINE static u32 fill_and_copy(int round) {
    for (int i = 0; i < (int)sizeof buffer; i++) buffer[i] = (u8)(i * 7 + round);
    for (int i = 0; i < (int)sizeof copy; i++) copy[i] = buffer[i];
    for (int i = (int)sizeof copy - 1; i > 0; i--) copy[i] = copy[i - 1] ^ buffer[i];
    u32 same = 0;
    for (int i = 0; i < (int)sizeof copy; i++) same += copy[i] == buffer[i];
    return same;
}

int main(void) {
    u32 sum = 0;
    crc_init();
    for (int round = 0; round < ROUNDS; round++) {
        sum = sum * 31 + sieve(65536);
        for (int i = 0; i < (int)sizeof buffer; i++) buffer[i] = (u8)next_random();
        sum = sum * 31 + crc32(buffer, sizeof buffer);
        sum = sum * 31 + crc32(buffer, sizeof buffer);
        for (int i = 0; i < 8192; i++) numbers[i] = (int)(next_random() >> 1) - 0x20000000;
        quicksort(numbers, 0, 8191);
        sum = sum * 31 + (u32)numbers[(round * 100) & 8191];
        sum = sum * 31 + fib(24);
        sum = sum * 31 + run_bytecode(program, 20000 + round);
        sum = sum * 31 + fill_and_copy(round);
    }
    return (int)(sum & 0x7F);
}
