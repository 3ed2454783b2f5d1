#include "rt.h"

static u32 fib(u32 n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static u32 ackermann(u32 m, u32 n) {
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

static u32 hanoi(int n, int from, int to, int via, u32 *moves) {
    if (n == 0) return 0;
    hanoi(n - 1, from, via, to, moves);
    (*moves)++;
    hanoi(n - 1, via, to, from, moves);
    return *moves;
}

static i32 dispatch(int op, i32 a, i32 b) {
    switch (op) {
        case 0: return a + b;
        case 1: return a - b;
        case 2: return a * b;
        case 3: return b ? a / b : 0;
        case 4: return b ? a % b : 0;
        case 5: return a & b;
        case 6: return a | b;
        case 7: return a ^ b;
        case 8: return a << (b & 31);
        case 9: return a >> (b & 31);
        case 10: return (i32)((u32)a >> (b & 31));
        case 11: return a < b;
        case 12: return -a;
        case 13: return ~b;
        default: return 42;
    }
}

typedef i32 (*binop)(i32, i32);
static i32 add(i32 a, i32 b) { return a + b; }
static i32 maxi(i32 a, i32 b) { return a > b ? a : b; }
static i32 mini(i32 a, i32 b) { return a < b ? a : b; }
static binop ops[] = {add, maxi, mini};

enum state { START, IN_NUMBER, IN_WORD, DONE };

int main(void) {
    print_str("fib "); print_u32(fib(24)); print_nl();
    print_str("ack "); print_u32(ackermann(2, 300)); print_str(" "); print_u32(ackermann(3, 5)); print_nl();
    u32 moves = 0;
    print_str("hanoi "); print_u32(hanoi(14, 1, 3, 2, &moves)); print_nl();
    i32 acc = 0;
    for (int i = 0; i < 3000; i++) {
        i32 a = (i32)rng_next(), b = (i32)rng_next() >> (i % 20);
        if (b == -1) b = 3;
        acc = acc * 3 + dispatch(i % 16, a, b);
    }
    print_str("dispatch "); print_hex((u32)acc); print_nl();
    i32 folded[3] = {0, (i32)0x80000000, 0x7FFFFFFF};
    for (int i = 0; i < 500; i++) {
        i32 v = (i32)rng_next();
        for (int k = 0; k < 3; k++) folded[k] = ops[k](folded[k], v);
    }
    print_str("folds "); print_i32(folded[0]); print_str(" "); print_i32(folded[1]); print_str(" ");
    print_i32(folded[2]); print_nl();
    const char *input = "12 apples and 345 pears cost 67 coins";
    enum state st = START;
    u32 number = 0, total = 0, wordcount = 0;
    for (const char *p = input; st != DONE; p++) {
        char ch = *p;
        switch (st) {
            case START:
            case IN_WORD:
                if (ch >= '0' && ch <= '9') { number = (u32)(ch - '0'); st = IN_NUMBER; }
                else if (ch == 0) st = DONE;
                else if (ch != ' ' && st == START) { wordcount++; st = IN_WORD; }
                else if (ch == ' ') st = START;
                break;
            case IN_NUMBER:
                if (ch >= '0' && ch <= '9') number = number * 10 + (u32)(ch - '0');
                else { total += number; st = ch ? START : DONE; }
                break;
            case DONE:
                break;
        }
    }
    print_str("parsed "); print_u32(total); print_str(" words "); print_u32(wordcount); print_nl();
    return 7;
}
