package org.denali.emulator.cpu;

/**
 * The kernel side of the CPU's port I/O ({@code in}/{@code out}); see arch.Ports for the Denali port map.
 * To refuse a port (architecture.md: #GP), throw {@code new GuestException(FaultVector.GP, "...")}: the CPU then
 * stops with that fault and the instruction has not executed.
 */
public interface CpuHost {
    /** Value read by {@code in} from {@code port} (size 1, 2 or 4 bytes); only the low size bytes are used. */
    int in(int port, int size);

    /** {@code out}: {@code value} (low size bytes meaningful) written to {@code port}. */
    void out(int port, int size, int value);

    /** Reads all ones and ignores writes, like an empty ISA bus. */
    CpuHost NONE = new CpuHost() {
        @Override
        public int in(int port, int size) {
            return -1;
        }

        @Override
        public void out(int port, int size, int value) {
        }
    };
}
