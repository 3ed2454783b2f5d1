package org.denali.emulator.replay;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.denali.emulator.cpu.StopReason;
import org.denali.emulator.kernel.ClockMode;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.KernelClock;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.net.EthernetSwitch;
import org.denali.emulator.net.FrameInlet;
import org.denali.emulator.net.FrameTap;

/**
 * Records a kernel run ({@code denali run … --record FILE}). Inputs from the host (frames from passt, keyboard bytes,
 * the end of a source) no longer act when they arrive: they wait for the kernel's next scheduling point, where they
 * are logged and applied, so each VM sees them between two quanta at a known instruction count. Every quantum is
 * logged with its VM, instruction count, length and end reason; in real-time mode so is every clock read of the
 * kernel's thread. The kernel runs one worker while it records.
 */
public final class Recording implements RunJournal {
    private final Path file;
    private ClockMode clockMode;
    private final List<String> args;
    private final String workingDirectory;
    private final List<RecordingHeader.Input> inputs = new ArrayList<>();
    /** The thread that builds and runs the kernel: only its clock reads are part of the run. */
    private final Thread owner = Thread.currentThread();
    /** Host inputs waiting for the next scheduling point (offset -1: not read from a file). */
    private final ArrayDeque<RecordedRun.Event> pending = new ArrayDeque<>();
    private final Map<Integer, Long> retired = new TreeMap<>();
    private JournalWriter out;
    private Kernel kernel;
    private EthernetSwitch lan;
    private long lastClock;
    private long lastStamp;
    /** Scheduling points so far, and at the last input or stop logged. */
    private long points;
    private long inputPoint;

    /**
     * @param args the {@code denali run} arguments without {@code --record}, given in {@code workingDirectory}
     */
    public Recording(Path file, List<String> args, String workingDirectory) {
        this.file = file;
        this.args = List.copyOf(args);
        this.workingDirectory = workingDirectory;
    }

    @Override
    public void input(String name, byte[] content) {
        inputs.add(new RecordingHeader.Input(name, sha256(content)));
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    @Override
    public void attach(Kernel k, EthernetSwitch network) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.clockMode = k.config().clockMode();
        this.out = new JournalWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
            new RecordingHeader(clockMode.name(), args, workingDirectory, inputs));
        this.kernel = k;
        this.lan = network;
        k.journal(this);
    }

    // ------------------------------------------------------------------ host inputs, from any thread

    @Override
    public FrameInlet hostFrames(EthernetSwitch network) {
        return (port, frame) -> queue(new RecordedRun.Frame(-1, 0, port, frame.clone()));
    }

    @Override
    public void type(VirtualMachine vm, byte[] bytes, int offset, int length) {
        queue(new RecordedRun.Keys(-1, 0, vm.id(), java.util.Arrays.copyOfRange(bytes, offset, offset + length)));
    }

    @Override
    public void sourceClosed(Runnable release) {
        queue(new RecordedRun.Closed(-1, 0));
    }

    private void queue(RecordedRun.Event input) {
        synchronized (pending) {
            pending.add(input);
        }
        kernel.wakeUp();
    }

    // ------------------------------------------------------------------ the kernel's thread

    @Override
    public KernelClock clock(KernelClock base) {
        if (clockMode == ClockMode.DETERMINISTIC) {
            return base; // virtual time follows the logged quanta: nothing to record
        }
        return new KernelClock() {
            @Override
            public long nanos() {
                long now = base.nanos();
                if (Thread.currentThread() == owner) {
                    synchronized (Recording.this) {
                        out.putTag(JournalFormat.CLOCK);
                        out.putVarint(JournalFormat.zigzag(now - lastClock));
                        out.entryDone();
                        lastClock = now;
                    }
                }
                return now;
            }

            @Override
            public void retired(long instructions) {
                base.retired(instructions);
            }

            @Override
            public boolean skipTo(long nanos) {
                return base.skipTo(nanos);
            }

            @Override
            public void restoreTo(long nanos) {
                base.restoreTo(nanos);
            }
        };
    }

    @Override
    public boolean schedulingPoint() {
        synchronized (this) {
            points++;
        }
        while (true) {
            RecordedRun.Event input;
            synchronized (pending) {
                input = pending.poll();
            }
            if (input == null) {
                return false;
            }
            synchronized (this) {
                if (input instanceof RecordedRun.Frame f) {
                    out.putTag(JournalFormat.FRAME);
                    putPoint();
                    out.putVarint(f.port());
                    out.putVarint(f.bytes().length);
                    out.putBytes(f.bytes(), 0, f.bytes().length);
                } else if (input instanceof RecordedRun.Keys k) {
                    out.putTag(JournalFormat.KEYS);
                    putPoint();
                    out.putVarint(k.vm());
                    out.putVarint(k.bytes().length);
                    out.putBytes(k.bytes(), 0, k.bytes().length);
                } else {
                    out.putTag(JournalFormat.CLOSED);
                    putPoint();
                }
                out.entryDone();
            }
            HostInputs.apply(input, kernel, lan);
        }
    }

    @Override
    public synchronized void waiting() {
        out.putTag(JournalFormat.WAITED);
        out.entryDone();
    }

    @Override
    public synchronized void stopped() {
        out.putTag(JournalFormat.SHUTDOWN);
        putPoint();
        out.entryDone();
    }

    /** Scheduling points since the previous input: where replay applies this one. */
    private void putPoint() {
        out.putVarint(points - inputPoint);
        inputPoint = points;
    }

    @Override
    public synchronized void quantumEnded(VirtualMachine vm, long before, long executed, StopReason reason) {
        out.putTag(JournalFormat.QUANTUM);
        out.putVarint(vm.id());
        out.putVarint(before);
        out.putVarint(executed);
        out.putVarint(reason.ordinal());
        out.entryDone();
        retired.put(vm.id(), before + executed);
    }

    @Override
    public FrameTap stamped(FrameTap capture) {
        return (epochNanos, frame) -> {
            synchronized (Recording.this) {
                out.putTag(JournalFormat.STAMP);
                out.putVarint(JournalFormat.zigzag(epochNanos - lastStamp));
                out.entryDone();
                lastStamp = epochNanos;
            }
            capture.frame(epochNanos, frame);
        };
    }

    @Override
    public Path capture(Path requested) {
        return requested;
    }

    /** Bytes of log written so far. */
    public synchronized long bytesWritten() {
        return out == null ? 0 : out.written();
    }

    @Override
    public synchronized void finish() throws IOException {
        if (out == null) {
            return;
        }
        out.putTag(JournalFormat.END);
        out.putVarint(retired.size());
        retired.forEach((vm, count) -> {
            out.putVarint(vm);
            out.putVarint(count);
        });
        out.close();
    }
}

