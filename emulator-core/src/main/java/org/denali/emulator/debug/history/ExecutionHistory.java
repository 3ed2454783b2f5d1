package org.denali.emulator.debug.history;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.denali.emulator.cpu.StopReason;
import org.denali.emulator.debug.KernelDebugger;
import org.denali.emulator.debug.RunHistory;
import org.denali.emulator.debug.StopCause;
import org.denali.emulator.kernel.CheckpointException;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.KernelCheckpoint;
import org.denali.emulator.kernel.KernelLock;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.net.EthernetSwitch;
import org.denali.emulator.net.FrameInlet;
import org.denali.emulator.net.FrameTap;
import org.denali.emulator.replay.RunJournal;

/**
 * The history of a run recorded under the debugger, and the mechanism that moves the kernel along it.
 *
 * <p>Positions on the timeline are counted in instructions of all VMs together ("G"): the kernel runs one worker,
 * so its quanta form one sequence, and G is the number of instructions retired in it before a point. Live, every
 * quantum is appended with its VM, that VM's count before it, its length, whether it delivered interrupts and the
 * kernel clock at its start; the debugger's writes and host inputs are logged before the quantum they precede;
 * checkpoints are taken at scheduling points ({@link CheckpointPolicy}). A seek restores the checkpoint at or
 * before the target and replays: the kernel's scheduling is forced to the recorded VM, each quantum to its recorded
 * length (cut where the target falls, the rest continued without a quantum start of its own), time passes to the
 * recorded quantum start, inputs are applied where they were. Deterministic clock only: then nothing else enters.
 *
 * <p>All state is guarded by the kernel's lock: the journal methods run on the kernel's worker, the seek methods
 * on the caller's thread (the gdb session), which waits while the worker replays.
 */
public final class ExecutionHistory implements RunJournal, RunHistory {
    /** One recorded quantum. */
    record Quantum(int vm, long before, long executed, boolean deliver, long clockAtStart, long startG) {
        long endG() {
            return startG + executed;
        }
    }

    /** A checkpoint at the start of quantum {@code index}, with the first {@code inputs} inputs already in it. */
    private record Mark(long g, int index, int inputs, KernelCheckpoint checkpoint) {
    }

    /** Something from outside the guests, applied before quantum {@code index}. */
    private record Input(int index, Object what) {
    }

    private record Keys(int vm, byte[] bytes) {
    }

    private record Frame(int port, byte[] bytes) {
    }

    /** A breakpoint or watchpoint reached during a replay, at G (after a watchpoint's accessing instruction). */
    public record Hit(long g, int vm, StopCause cause) {
    }

    private enum Mode { LIVE, SEEKING, PAUSED }

    private static final long SEEK_TIMEOUT_MILLIS = 120_000;

    private final CheckpointPolicy policy;
    private Kernel kernel;
    private KernelLock lock;
    private EthernetSwitch lan;
    private KernelDebugger debugger;

    // the timeline (kernel lock)
    private final List<Quantum> quanta = new ArrayList<>();
    private long endG;
    private final TreeMap<Long, Mark> marks = new TreeMap<>();
    private long markBytes;
    private final List<Input> inputs = new ArrayList<>();
    private final List<Input> hostQueue = new ArrayList<>(); // guarded by itself: filled by host threads
    private int liveVmsSeen = -1;
    private boolean stoppedSinceMark;
    private boolean quantumDelivers;
    private long quantumClock;

    // where a replay stands (kernel lock)
    private Mode mode = Mode.LIVE;
    private int posIndex;
    private long posOffset;
    /** Whether the quantum at posIndex has started (a piece of it ran, maybe zero instructions up to a breakpoint). */
    private boolean posStarted;
    private long posG;
    private int inputCursor;
    private long targetG;
    private boolean stopAtFirstHit;
    private long hitsAfterG;
    private final List<Hit> hits = new ArrayList<>();
    private String failure;

    public ExecutionHistory(CheckpointPolicy policy) {
        this.policy = policy;
    }

    /** Lets the debugger's writes reach the history and the history drive the kernel (after {@link #attach}). */
    public void bind(KernelDebugger kernelDebugger) {
        this.debugger = kernelDebugger;
        kernelDebugger.keepHistory(this);
    }

    // ------------------------------------------------------------------ RunJournal: the run's parts

    @Override
    public void input(String name, byte[] content) {
    }

    @Override
    public void attach(Kernel k, EthernetSwitch network) {
        if (k.config().clockMode() != org.denali.emulator.kernel.ClockMode.DETERMINISTIC) {
            throw new IllegalArgumentException("reverse execution needs the deterministic clock (--deterministic)");
        }
        this.kernel = k;
        this.lock = k.lock();
        this.lan = network;
        k.journal(this);
    }

    @Override
    public boolean servesDebugger() {
        return true;
    }

    @Override
    public FrameInlet hostFrames(EthernetSwitch network) {
        return (port, frame) -> queue(new Frame(port, frame.clone()));
    }

    @Override
    public void type(VirtualMachine vm, byte[] bytes, int offset, int length) {
        queue(new Keys(vm.id(), java.util.Arrays.copyOfRange(bytes, offset, offset + length)));
    }

    private void queue(Object input) {
        synchronized (hostQueue) {
            hostQueue.add(new Input(-1, input));
        }
        kernel.wakeUp();
    }

    @Override
    public FrameTap stamped(FrameTap capture) {
        return capture;
    }

    @Override
    public Path capture(Path requested) {
        return requested;
    }

    @Override
    public void finish() {
    }

    // ------------------------------------------------------------------ KernelJournal: the kernel's worker, lock held

    @Override
    public boolean schedulingPoint() {
        if (mode == Mode.LIVE) {
            applyHostInputs();
            checkpointIfDue();
        } else if (mode == Mode.SEEKING) {
            if (!posStarted) {
                applyLoggedInputs();
            }
            if (posG >= targetG) {
                pause();
            }
        }
        return false;
    }

    @Override
    public boolean paused() {
        return mode == Mode.PAUSED;
    }

    @Override
    public boolean replaying() {
        return mode == Mode.SEEKING;
    }

    @Override
    public void waiting() {
        if (mode == Mode.SEEKING) {
            fail("the replay found no VM to run where the recording ran vm" + quanta.get(posIndex).vm());
        }
    }

    @Override
    public int forcedVm() {
        if (mode != Mode.SEEKING) {
            return NOT_FORCED;
        }
        if (posG >= targetG || posIndex >= quanta.size()) {
            return -1;
        }
        Quantum q = quanta.get(posIndex);
        if (!posStarted && kernel.nowNanos() < q.clockAtStart()) {
            return -1; // the recorded kernel let time pass first: the kernel skips to its next deadline
        }
        return q.vm();
    }

    @Override
    public long quantumStarting(VirtualMachine vm, long retired, long limit) {
        if (mode == Mode.LIVE) {
            quantumClock = kernel.nowNanos();
            return -1;
        }
        Quantum q = quanta.get(posIndex);
        if (vm.id() != q.vm() || retired != q.before() + posOffset
                || !posStarted && kernel.nowNanos() != q.clockAtStart()) {
            fail(String.format("the replay diverged at quantum %d: vm%d at instruction %d, clock %d ns; the "
                + "recording has vm%d at %d, clock %d ns", posIndex, vm.id(), retired, kernel.nowNanos(), q.vm(),
                q.before() + posOffset, q.clockAtStart()));
            return 0;
        }
        return Math.min(q.executed() - posOffset, targetG - posG);
    }

    @Override
    public boolean deliverInterrupts(VirtualMachine vm, boolean asked) {
        if (mode == Mode.LIVE) {
            quantumDelivers = asked;
            return asked;
        }
        return !posStarted && posIndex < quanta.size() && quanta.get(posIndex).deliver();
    }

    @Override
    public boolean continuesQuantum(VirtualMachine vm) {
        return mode == Mode.SEEKING && posStarted;
    }

    @Override
    public void quantumEnded(VirtualMachine vm, long retired, long executed, StopReason reason) {
        if (mode == Mode.LIVE) {
            quanta.add(new Quantum(vm.id(), retired, executed, quantumDelivers, quantumClock, endG));
            endG += executed;
            return;
        }
        if (mode != Mode.SEEKING || failure != null) {
            return;
        }
        Quantum q = quanta.get(posIndex);
        long asked = Math.min(q.executed() - posOffset, targetG - posG);
        posOffset += executed;
        posG += executed;
        posStarted = true;
        if (posOffset == q.executed()) {
            posIndex++;
            posOffset = 0;
            posStarted = false;
        } else if (executed < asked && reason != StopReason.BREAKPOINT && reason != StopReason.WATCHPOINT) {
            fail(String.format("the replay diverged in quantum %d: vm%d's quantum ended by %s after %d of %d "
                + "instructions", posIndex, vm.id(), reason, posOffset, q.executed()));
        }
    }

    // ------------------------------------------------------------------ RunHistory: the debugger, lock held

    @Override
    public void hit(int vmId, StopCause cause) {
        if (mode != Mode.SEEKING || posG <= hitsAfterG) {
            return;
        }
        hits.add(new Hit(posG, vmId, cause));
        if (stopAtFirstHit) {
            targetG = posG;
        }
    }

    @Override
    public void guestWrite(GuestWrite write) {
        if (mode == Mode.PAUSED) {
            forgetFuture();
        }
        inputs.add(new Input(mode == Mode.LIVE ? quanta.size() : posIndex, write));
    }

    /** A write in the past starts a new timeline here: what was recorded after this point is dropped. */
    private void forgetFuture() {
        if (posStarted) {
            Quantum q = quanta.get(posIndex);
            quanta.set(posIndex, new Quantum(q.vm(), q.before(), posOffset, q.deliver(), q.clockAtStart(),
                q.startG()));
            quanta.subList(posIndex + 1, quanta.size()).clear();
        } else {
            quanta.subList(posIndex, quanta.size()).clear();
        }
        endG = posG;
        for (Mark m : List.copyOf(marks.tailMap(posG, false).values())) {
            dropMark(m);
        }
        inputs.subList(inputCursor, inputs.size()).clear();
        mode = Mode.LIVE;
    }

    /** The debugger resumed the run: the next scheduling point may keep a checkpoint of this stop. */
    public void resumed() {
        lock.run(() -> stoppedSinceMark = true);
    }

    // ------------------------------------------------------------------ live bookkeeping (worker, lock held)

    private void applyHostInputs() {
        List<Input> due;
        synchronized (hostQueue) {
            if (hostQueue.isEmpty()) {
                return;
            }
            due = List.copyOf(hostQueue);
            hostQueue.clear();
        }
        for (Input in : due) {
            inputs.add(new Input(quanta.size(), in.what()));
            apply(in.what());
        }
    }

    private void applyLoggedInputs() {
        while (inputCursor < inputs.size() && inputs.get(inputCursor).index() <= posIndex) {
            apply(inputs.get(inputCursor++).what());
        }
    }

    private void apply(Object what) {
        if (what instanceof GuestWrite w) {
            debugger.replayWrite(w);
        } else if (what instanceof Keys k) {
            VirtualMachine vm = kernel.vm(k.vm());
            if (vm != null && vm.keyboard() != null) {
                vm.keyboard().type(k.bytes(), 0, k.bytes().length);
            }
        } else if (what instanceof Frame f) {
            lan.forward(f.port(), f.bytes());
        }
    }

    private void checkpointIfDue() {
        int live = kernel.liveVmCount();
        if (live != liveVmsSeen) {
            // A VM ended (or the first VMs started): a checkpoint from before cannot be restored into this kernel
            // (the ended VM gave back its CPU and memory), so the history starts again here.
            for (Mark m : List.copyOf(marks.values())) {
                dropMark(m);
            }
            liveVmsSeen = live;
        }
        if (live == 0) {
            return;
        }
        Map.Entry<Long, Mark> last = marks.lastEntry();
        long since = last == null ? Long.MAX_VALUE : endG - last.getKey();
        boolean due = last == null || since >= policy.interval() || stoppedSinceMark && since >= policy.afterStop();
        if (!due) {
            return;
        }
        KernelCheckpoint checkpoint;
        try {
            checkpoint = kernel.checkpoint();
        } catch (CheckpointException notNow) {
            return; // e.g. a VM held at a fault: the history goes on with the checkpoints it has
        }
        stoppedSinceMark = false;
        Mark mark = new Mark(endG, quanta.size(), inputs.size(), checkpoint);
        marks.put(endG, mark);
        markBytes += checkpoint.payloadBytes();
        while (marks.size() > 1 && (marks.size() > policy.maxKept() || markBytes > policy.maxBytes())) {
            dropMark(marks.firstEntry().getValue());
        }
    }

    private void dropMark(Mark m) {
        marks.remove(m.g());
        markBytes -= m.checkpoint().payloadBytes();
    }

    private void pause() {
        mode = posG == endG ? Mode.LIVE : Mode.PAUSED;
        lock.signalAll();
    }

    private void fail(String why) {
        failure = why;
        mode = Mode.PAUSED;
        lock.signalAll();
    }

    // ------------------------------------------------------------------ seeks (the caller's thread)

    /** Where the kernel stands on the timeline: the end while live. */
    public long position() {
        return lock.get(() -> mode == Mode.LIVE ? endG : posG);
    }

    /** True while the kernel stands in the past (forward execution replays until the end, then goes live). */
    public boolean inPast() {
        return lock.get(() -> mode == Mode.PAUSED && posG < endG);
    }

    /** The end of the recorded history (the live point). */
    public long end() {
        return lock.get(() -> endG);
    }

    /** The first point a seek can reach, or -1 with no checkpoint yet. */
    public long start() {
        return lock.get(() -> marks.isEmpty() ? -1L : marks.firstKey());
    }

    /** The checkpoints kept now and their payload bytes. */
    public long[] checkpointStats() {
        return lock.get(() -> new long[] {marks.size(), markBytes});
    }

    /**
     * The earliest point at which {@code vm} has retired {@code count} instructions (just after its instruction
     * {@code count}), or -1 if that is not in the history (or before its start).
     */
    public long pointAfter(int vm, long count) {
        return lock.get(() -> {
            long start = marks.isEmpty() ? Long.MAX_VALUE : marks.firstKey();
            for (Quantum q : quanta) {
                if (q.vm() == vm && q.before() < count && count <= q.before() + q.executed()) {
                    long g = q.startG() + (count - q.before());
                    return g >= start ? g : -1L;
                }
            }
            return -1L;
        });
    }

    /**
     * The latest point at which {@code vm} has retired {@code count} instructions (just before its instruction
     * {@code count + 1}), or -1 if that instruction is not in the history or starts before its start.
     */
    public long pointBefore(int vm, long count) {
        return lock.get(() -> {
            long start = marks.isEmpty() ? Long.MAX_VALUE : marks.firstKey();
            for (int i = quanta.size() - 1; i >= 0; i--) {
                Quantum q = quanta.get(i);
                if (q.vm() == vm && q.before() <= count && count < q.before() + q.executed()) {
                    long g = q.startG() + (count - q.before());
                    return g >= start ? g : -1L;
                }
            }
            return -1L;
        });
    }

    /** The checkpoint points at or before {@code g}, latest first (where a backward scan restores). */
    public List<Long> checkpointsAtOrBefore(long g) {
        return lock.get(() -> new ArrayList<>(marks.headMap(g, true).descendingKeySet()));
    }

    /**
     * Moves the kernel to point {@code g}: restores the latest checkpoint at or before it (or goes on from where it
     * stands when that is on the way), replays to {@code g} and stops there, every VM stopped. Reaching the end of
     * the history makes the run live again. Every VM must be stopped (all-stop).
     *
     * @return the breakpoint and watchpoint hits passed on the way (after the starting point)
     */
    public List<Hit> seek(long g) throws InterruptedException {
        return replayTo(g, -1, false);
    }

    /** Like {@link #seek}, but restoring the checkpoint at {@code from} (one of {@link #checkpointsAtOrBefore}). */
    public List<Hit> replayFrom(long from, long g) throws InterruptedException {
        return replayTo(g, from, false);
    }

    /** Replays forward from where the kernel stands towards {@code g}, stopping at the first hit on the way. */
    public List<Hit> forwardUntilHit(long g) throws InterruptedException {
        return replayTo(g, -2, true);
    }

    private List<Hit> replayTo(long g, long from, boolean firstHit) throws InterruptedException {
        lock.run(() -> {
            if (mode == Mode.SEEKING) {
                throw new HistoryException("a seek is already under way");
            }
            if (g > endG || g < 0) {
                throw new HistoryException("point " + g + " is after the end of the history (" + endG + ")");
            }
            long here = mode == Mode.LIVE ? endG : posG;
            boolean onTheWay;
            if (from == -2) {
                if (mode == Mode.LIVE) {
                    return; // live at the end: nothing to replay
                }
                onTheWay = true;
            } else {
                Map.Entry<Long, Mark> floor = from >= 0 ? (marks.containsKey(from) ? marks.floorEntry(from) : null)
                    : marks.floorEntry(g);
                if (floor == null) {
                    throw new HistoryException(marks.isEmpty() ? "no checkpoint has been taken yet"
                        : "point " + g + " is before the start of the history (" + marks.firstKey() + ")");
                }
                onTheWay = from == -1 && mode == Mode.PAUSED && posG <= g && posG >= floor.getKey();
                if (!onTheWay && mode == Mode.LIVE && g == endG) {
                    return;
                }
                if (!onTheWay) {
                    Mark m = floor.getValue();
                    try {
                        kernel.rewind(m.checkpoint());
                    } catch (CheckpointException e) {
                        throw new HistoryException("cannot go back: " + e.getMessage());
                    }
                    posIndex = m.index();
                    posOffset = 0;
                    posStarted = false;
                    posG = m.g();
                    inputCursor = m.inputs();
                }
            }
            hits.clear();
            hitsAfterG = onTheWay ? here : -1;
            targetG = g;
            stopAtFirstHit = firstHit;
            failure = null;
            mode = Mode.SEEKING;
            lock.signalAll();
        });
        boolean done = lock.await(() -> mode != Mode.SEEKING, SEEK_TIMEOUT_MILLIS);
        return lock.get(() -> {
            if (!done) {
                fail("the replay did not reach point " + g + " within " + SEEK_TIMEOUT_MILLIS / 1000 + " s");
            }
            if (failure != null) {
                throw new HistoryException(failure);
            }
            return List.copyOf(hits);
        });
    }
}
