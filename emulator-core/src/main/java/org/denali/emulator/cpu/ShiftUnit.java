package org.denali.emulator.cpu;

/**
 * Shifts and rotates as pure functions: each returns the result in the low 32 bits and the new EFLAGS in the
 * high 32 bits of a long. Flags the SDM calls undefined get the values {@link UndefinedFlags} defines (AF cleared;
 * OF by the count-1 formula for every count; CF the last bit shifted out).
 */
final class ShiftUnit {
    static final int ROL = 0;
    static final int ROR = 1;
    static final int RCL = 2;
    static final int RCR = 3;
    static final int SHL = 4;
    static final int SHR = 5;
    static final int SAL = 6;
    static final int SAR = 7;

    private ShiftUnit() {
    }

    static long pack(int result, int flags) {
        return (long) flags << 32 | (result & 0xFFFF_FFFFL);
    }

    private static int withSzp(int flags, int result, int bits) {
        int mask = bits == 32 ? -1 : (1 << bits) - 1;
        result &= mask;
        flags &= ~(Flags.SF | Flags.ZF | Flags.PF | Flags.AF);
        if (result == 0) {
            flags |= Flags.ZF;
        }
        if ((result >>> (bits - 1) & 1) != 0) {
            flags |= Flags.SF;
        }
        if ((Integer.bitCount(result & 0xFF) & 1) == 0) {
            flags |= Flags.PF;
        }
        return flags;
    }

    private static int setCfOf(int flags, int cf, int of) {
        return (flags & ~(Flags.CF | Flags.OF)) | (cf & 1) | (of & 1) << 11;
    }

    /** One of the eight group-2 operations on a {@code size}-byte operand; {@code count} is masked to 5 bits. */
    static long shift(int op, int size, int dst, int count, int flags) {
        int bits = size * 8;
        int mask = size == 4 ? -1 : (1 << bits) - 1;
        dst &= mask;
        count &= 31;
        if (count == 0) {
            return pack(dst, flags);
        }
        int res;
        switch (op) {
            case ROL -> {
                int c = count % bits;
                res = c == 0 ? dst : (dst << c | dst >>> (bits - c)) & mask;
                int cf = res & 1;
                return pack(res, setCfOf(flags, cf, (res >>> (bits - 1)) ^ cf));
            }
            case ROR -> {
                int c = count % bits;
                res = c == 0 ? dst : (dst >>> c | dst << (bits - c)) & mask;
                int msb = res >>> (bits - 1) & 1;
                return pack(res, setCfOf(flags, msb, msb ^ (res >>> (bits - 2) & 1)));
            }
            case RCL, RCR -> {
                int c = size == 4 ? count : count % (bits + 1);
                if (c == 0) { // a full turn through CF: nothing moves, CF stays, OF by the count-1 formula
                    int top = dst >>> (bits - 1) & 1;
                    int of = op == RCL ? top ^ (flags & Flags.CF) : top ^ (dst >>> (bits - 2) & 1);
                    return pack(dst, setCfOf(flags, flags & Flags.CF, of));
                }
                long wideMask = (1L << (bits + 1)) - 1;
                long v = (long) (flags & Flags.CF) << bits | (dst & 0xFFFF_FFFFL);
                v = op == RCL ? (v << c | v >>> (bits + 1 - c)) & wideMask : (v >>> c | v << (bits + 1 - c)) & wideMask;
                res = (int) v & mask;
                int cf = (int) (v >>> bits) & 1;
                int msb = res >>> (bits - 1) & 1;
                int of = op == RCL ? msb ^ cf : msb ^ (res >>> (bits - 2) & 1);
                return pack(res, setCfOf(flags, cf, of));
            }
            case SHL, SAL -> {
                res = (dst << count) & mask;
                int cf = count <= bits ? dst >>> (bits - count) & 1 : 0;
                return pack(res, withSzp(setCfOf(flags, cf, (res >>> (bits - 1)) ^ cf), res, bits));
            }
            case SHR -> {
                res = dst >>> count;
                int cf = dst >>> (count - 1) & 1;
                return pack(res, withSzp(setCfOf(flags, cf, dst >>> (bits - 1)), res, bits));
            }
            default -> { // SAR
                int signed = dst << (32 - bits) >> (32 - bits);
                res = (signed >> count) & mask;
                int cf = signed >> (count - 1) & 1;
                return pack(res, withSzp(setCfOf(flags, cf, 0), res, bits));
            }
        }
    }

    /** shld ({@code left}) / shrd: shift {@code dst} filling from {@code src}; 16-bit counts above 16 undefined. */
    static long shiftDouble(boolean left, int size, int dst, int src, int count, int flags) {
        count &= 31;
        int bits = size * 8;
        int mask = size == 4 ? -1 : 0xFFFF;
        dst &= mask;
        src &= mask;
        if (count == 0) {
            return pack(dst, flags);
        }
        int res;
        int cf;
        if (size == 4) {
            res = left ? dst << count | src >>> (32 - count) : dst >>> count | src << (32 - count);
            cf = left ? dst >>> (32 - count) & 1 : dst >>> (count - 1) & 1;
        } else { // 16-bit: shift the 32-bit concatenation; counts above 16 are undefined on hardware
            long joined = left ? ((long) dst << 16 | src) & 0xFFFF_FFFFL : ((long) src << 16 | dst) & 0xFFFF_FFFFL;
            res = (int) (left ? joined << count >>> 16 : joined >>> count) & mask;
            cf = (int) (left ? joined << (count - 1) >>> 31 : joined >>> (count - 1)) & 1;
        }
        int of = (res ^ dst) >>> (bits - 1) & 1;
        return pack(res, withSzp(setCfOf(flags, cf, of), res, bits));
    }
}
