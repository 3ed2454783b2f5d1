package org.denali.emulator.kernel;

/**
 * The length of one scheduler quantum: either a number of instructions or virtual microseconds. A microsecond
 * quantum is converted to instructions at the nominal CPU speed and, in real-time mode, additionally ends when
 * that much physical time has passed, whichever comes first; either way a quantum is bounded, so no guest can
 * keep a worker thread.
 */
public record Quantum(long instructions, long micros) {
    public Quantum {
        if ((instructions > 0) == (micros > 0)) {
            throw new IllegalArgumentException("a quantum is a positive number of instructions or of microseconds");
        }
    }

    public static Quantum ofInstructions(long count) {
        return new Quantum(count, 0);
    }

    public static Quantum ofMicros(long micros) {
        return new Quantum(0, micros);
    }

    /** The instruction budget of one quantum at {@code cpuSpeedKhz} (kHz = instructions per millisecond). */
    public long instructionBudget(int cpuSpeedKhz) {
        return instructions > 0 ? instructions : Math.max(1, micros * cpuSpeedKhz / 1000);
    }

    /** Physical-time limit in nanoseconds, or Long.MAX_VALUE for an instruction-count quantum. */
    public long timeLimitNanos() {
        return micros > 0 ? micros * 1000 : Long.MAX_VALUE;
    }

    @Override
    public String toString() {
        return instructions > 0 ? instructions + " instructions" : micros + " µs";
    }
}
