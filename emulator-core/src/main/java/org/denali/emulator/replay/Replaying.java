package org.denali.emulator.replay;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.denali.emulator.cpu.StopReason;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.KernelClock;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.net.EthernetSwitch;
import org.denali.emulator.net.FrameInlet;
import org.denali.emulator.net.FrameTap;

/**
 * Replays a {@link RecordedRun} ({@code denali replay FILE}): the same VMs are built from the same (hash-checked)
 * images, no passt is started and no real time is read; the host inputs enter at the scheduling points where they
 * were recorded, every quantum runs exactly the recorded number of instructions, and real-time clock reads and
 * capture timestamps come from the log. Every quantum is checked against the log (same VM, same instruction count
 * at its start, same length, same end reason); the first difference stops the replay with a
 * {@link JournalException} naming the quantum and the log offset.
 */
public final class Replaying implements RunJournal {
    private static final StopReason[] REASONS = StopReason.values();

    private final RecordedRun run;
    private final Path capture;
    private final List<RecordedRun.Event> events;
    private final Thread owner = Thread.currentThread();
    private final Map<Integer, Long> retired = new TreeMap<>();
    private int next;
    private int inputIndex;
    private long quanta;
    private RecordedRun.Quantum current;
    private boolean shutdownReached;
    /** Scheduling points so far, and at the last input or stop applied. */
    private long points;
    private long inputPoint;
    private int clockIndex;
    private long lastClock;
    private int stampIndex;
    private String clockDivergence;
    private Kernel kernel;
    private EthernetSwitch lan;

    /** @param capture where the replay writes its pcap (null: none) */
    public Replaying(RecordedRun run, Path capture) {
        this.run = run;
        this.capture = capture;
        this.events = run.events();
    }

    @Override
    public void input(String name, byte[] content) {
        List<RecordingHeader.Input> recorded = run.header().inputs();
        if (inputIndex >= recorded.size()) {
            throw new JournalException("the replay reads " + name + ", which the recorded run did not read");
        }
        RecordingHeader.Input expected = recorded.get(inputIndex++);
        byte[] actual = Recording.sha256(content);
        if (!java.util.Arrays.equals(actual, expected.sha256())) {
            HexFormat hex = HexFormat.of();
            throw new JournalException(name + " differs from the file the run was recorded with (sha256 "
                + hex.formatHex(actual, 0, 6) + "… instead of " + hex.formatHex(expected.sha256(), 0, 6)
                + "…); nothing was replayed");
        }
    }

    @Override
    public void attach(Kernel k, EthernetSwitch network) {
        if (inputIndex != run.header().inputs().size()) {
            throw new JournalException("the recorded run read " + run.header().inputs().size() + " input file(s), "
                + "the replay " + inputIndex + "; nothing was replayed");
        }
        if (!k.config().clockMode().name().equals(run.header().clockMode())) {
            throw new JournalException("the run was recorded with the " + run.header().clockMode() + " clock, the "
                + "replay's kernel has the " + k.config().clockMode() + " clock; nothing was replayed");
        }
        this.kernel = k;
        this.lan = network;
        k.journal(this);
    }

    @Override
    public boolean replaying() {
        return true;
    }

    // ------------------------------------------------------------------ the host is absent

    @Override
    public FrameInlet hostFrames(EthernetSwitch network) {
        return (port, frame) -> { }; // never connected: no passt runs during a replay
    }

    @Override
    public void type(VirtualMachine vm, byte[] bytes, int offset, int length) {
        // the recorded keystrokes come from the log
    }

    @Override
    public void sourceClosed(Runnable release) {
        // the recorded ends of sources come from the log
    }

    @Override
    public KernelClock clock(KernelClock base) {
        if (run.header().clockMode().equals("DETERMINISTIC")) {
            return base;
        }
        long[] reads = run.clockReads();
        return new KernelClock() {
            @Override
            public long nanos() {
                if (Thread.currentThread() != owner) {
                    return lastClock; // the monitor's reads were never part of the run
                }
                if (clockIndex < reads.length) {
                    lastClock = reads[clockIndex++];
                } else if (clockDivergence == null) {
                    clockDivergence = "the replay reads the clock more often than the recorded run did ("
                        + reads.length + " reads)";
                }
                return lastClock;
            }

            @Override
            public void retired(long instructions) {
            }

            @Override
            public boolean skipTo(long nanos) {
                return false;
            }

            @Override
            public void restoreTo(long nanos) {
                lastClock = nanos; // a replay's times all come from the log
            }
        };
    }

    // ------------------------------------------------------------------ following the log

    @Override
    public boolean schedulingPoint() {
        checkClock();
        points++;
        while (next < events.size() && events.get(next) instanceof RecordedRun.AtPoint input) {
            long at = inputPoint + input.points();
            if (at > points) {
                return false; // a later scheduling point's
            }
            if (at < points) {
                throw diverged(input, "the recording took this input at scheduling point " + at + ", the replay is "
                    + "already at " + points);
            }
            next++;
            inputPoint = points;
            if (input instanceof RecordedRun.Shutdown) {
                shutdownReached = true;
                return true;
            }
            HostInputs.apply(input, kernel, lan);
        }
        return false;
    }

    @Override
    public void waiting() {
        RecordedRun.Event event = peek();
        if (!(event instanceof RecordedRun.Waited)) {
            throw diverged(event, "the replayed kernel waits here, the recording has " + describe(event));
        }
        next++;
    }

    @Override
    public void stopped() {
        if (!shutdownReached) {
            throw diverged(peek(), "the replayed kernel stopped here, the recorded one went on");
        }
    }

    @Override
    public long quantumStarting(VirtualMachine vm, long before, long limit) {
        checkClock();
        RecordedRun.Event event = peek();
        if (!(event instanceof RecordedRun.Quantum q)) {
            throw diverged(event, "the replay runs a quantum of vm" + vm.id() + " where the recording has "
                + describe(event));
        }
        if (q.vm() != vm.id()) {
            throw diverged(event, "the kernel scheduled vm" + vm.id() + ", the recording vm" + q.vm());
        }
        if (q.retired() != before) {
            throw diverged(event, "vm" + vm.id() + " starts its quantum at instruction " + before
                + ", in the recording at " + q.retired());
        }
        next++;
        current = q;
        return q.executed();
    }

    @Override
    public void quantumEnded(VirtualMachine vm, long before, long executed, StopReason reason) {
        RecordedRun.Quantum q = current;
        quanta++;
        if (executed != q.executed() || reason.ordinal() != q.reason()) {
            throw diverged(q, "vm" + vm.id() + "'s quantum from instruction " + before + " ran " + executed
                + " instructions and ended by " + reason + "; in the recording " + q.executed() + " and "
                + (q.reason() < REASONS.length ? REASONS[q.reason()] : "reason " + q.reason()));
        }
        retired.put(vm.id(), before + executed);
    }

    @Override
    public FrameTap stamped(FrameTap tap) {
        long[] stamps = run.stamps();
        return (epochNanos, frame) -> {
            long stamp;
            synchronized (this) {
                stamp = stampIndex < stamps.length ? stamps[stampIndex++] : epochNanos;
            }
            tap.frame(stamp, frame);
        };
    }

    @Override
    public Path capture(Path requested) {
        return capture;
    }

    @Override
    public void finish() {
        checkClock();
        RecordedRun.Event event = peek();
        if (!(event instanceof RecordedRun.End end)) {
            throw diverged(event, "the replayed kernel ended, the recording goes on with " + describe(event));
        }
        if (!end.retired().equals(retired)) {
            throw diverged(event, "the VMs' final instruction counts differ: replay " + retired + ", recording "
                + end.retired());
        }
    }

    /** Quanta replayed so far. */
    public long quanta() {
        return quanta;
    }

    private void checkClock() {
        if (clockDivergence != null) {
            throw diverged(peek(), clockDivergence);
        }
    }

    private RecordedRun.Event peek() {
        return next < events.size() ? events.get(next) : events.get(events.size() - 1);
    }

    private JournalException diverged(RecordedRun.Event at, String what) {
        return new JournalException("the replay diverged from the recording after " + quanta + " quanta (log offset "
            + at.offset() + "): " + what);
    }

    private static String describe(RecordedRun.Event event) {
        if (event instanceof RecordedRun.Quantum q) {
            return "a quantum of vm" + q.vm() + " at instruction " + q.retired();
        }
        if (event instanceof RecordedRun.End) {
            return "its end";
        }
        return event.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}

