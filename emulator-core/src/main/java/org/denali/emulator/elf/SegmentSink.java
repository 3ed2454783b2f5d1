package org.denali.emulator.elf;

/** Where {@link ElfImage#loadInto} puts the loadable segments: a VM's guest memory, or a test buffer. */
public interface SegmentSink {
    /** Copy {@code len} bytes of {@code data} starting at {@code off} to guest address {@code addr}. */
    void write(int addr, byte[] data, int off, int len);

    /** Set {@code len} bytes at guest address {@code addr} to zero (the .bss part of a segment). */
    void zero(int addr, int len);
}
