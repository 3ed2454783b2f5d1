package org.denali.emulator.lockstep;

import org.denali.emulator.kernel.Kernel;

/**
 * Runs two kernels linked by a {@link FrameLink} on the caller's thread, always the one whose virtual clock is
 * behind: it runs until it would pass what the other has sent (its kernel pauses, see
 * {@link org.denali.emulator.kernel.ArrivalSource}), then the other catches up. The link's delay being at least a
 * quantum, the kernel behind can always run a quantum or skip idle time, so the pair never waits on itself. Ends
 * when both kernels have ended (no live VM left). The result is the same on every run and every host.
 */
public final class Lockstep {
    private Lockstep() {
    }

    public static void run(Kernel first, Kernel second) {
        boolean firstDone = false;
        boolean secondDone = false;
        while (!firstDone || !secondDone) {
            boolean runFirst = secondDone || !firstDone && first.nowNanos() <= second.nowNanos();
            Kernel kernel = runFirst ? first : second;
            kernel.run();
            if (kernel.liveVmCount() == 0) {
                if (runFirst) {
                    firstDone = true;
                } else {
                    secondDone = true;
                }
            }
        }
    }
}
