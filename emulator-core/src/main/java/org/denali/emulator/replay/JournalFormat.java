package org.denali.emulator.replay;

/**
 * The record/replay log, version 1 (docs/debugging.md, "The log format"). All integers are unsigned LEB128 varints
 * unless stated; signed deltas are zigzag-encoded first.
 *
 * <pre>
 * file    = header block*
 * header  = "DNLIRR\r\n"  u32be version  u32be length  u32be crc32c(payload)  payload
 * payload = utf8(clock mode)  n  utf8(arg)*n  utf8(working directory)  m  (utf8(input name)  32-byte sha256)*m
 * block   = "RRBK"  u32be length  u32be crc32c(entries)  entries        (a block holds at most ~64 KiB of entries)
 * entry   = tag fields
 *   QUANTUM  1  vm  retired-before  executed  stop-reason       a quantum, in the order the kernel ran them
 *   FRAME    2  points  switch-port  length  bytes               a host frame entering the LAN at this point
 *   KEYS     3  points  vm  length  bytes                        keyboard bytes typed at this point
 *   CLOSED   4  points                                           a host source (stdin, a passt uplink) ended
 *   SHUTDOWN 5  points                                           the kernel stopped at this scheduling point
 *   CLOCK    6  zigzag(delta)                                    a real-time clock read (ns), in read order
 *   STAMP    7  zigzag(delta)                                    a capture timestamp (epoch ns), in frame order
 *   END      8  n  (vm  retired)*n                               the run ended; each VM's instruction count
 *   WAITED   9                                                   the kernel waited for time or an input here
 * utf8    = length  bytes
 * </pre>
 *
 * {@code points} counts the kernel's scheduling points since the previous input (or the start): several can pass
 * between two quanta (a deterministic kernel skipping idle time), and an input must take effect at the same one.
 * Inputs (FRAME, KEYS, CLOSED, SHUTDOWN) sit between the QUANTUM entries of the scheduling point where they took
 * effect; the quantum after them names the VM and its retired-instruction count, which replay checks. CLOCK and
 * STAMP entries form streams of their own, consumed in order. A log without END is a run that did not finish (or a
 * truncated file) and is refused.
 */
public final class JournalFormat {
    static final byte[] MAGIC = {'D', 'N', 'L', 'I', 'R', 'R', '\r', '\n'};
    static final byte[] BLOCK_MAGIC = {'R', 'R', 'B', 'K'};
    public static final int VERSION = 1;
    static final int BLOCK_BYTES = 64 * 1024;

    static final int QUANTUM = 1;
    static final int FRAME = 2;
    static final int KEYS = 3;
    static final int CLOSED = 4;
    static final int SHUTDOWN = 5;
    static final int CLOCK = 6;
    static final int STAMP = 7;
    static final int END = 8;
    static final int WAITED = 9;

    private JournalFormat() {
    }

    static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }
}
