package org.denali.emulator.cpu.jit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.Cleaner;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.denali.emulator.cpu.CompiledTrace;
import org.denali.emulator.cpu.TraceCompiler;
import org.denali.emulator.cpu.decode.DecodedInstruction;

/**
 * The dynamic binary translator: hot traces become hidden JVM classes ({@link BlockTranslator}), compiled
 * synchronously on the VM's thread when a trace has run {@link #threshold()} times in the interpreter. One
 * instance serves any number of CPUs; the compiled code hangs off the trace in the code page's decode cache, so
 * every VM mapping that page shares it, and it is unloaded with the cache (a store into the page, or the last VM
 * leaving). At most {@link #maxBlocks()} blocks are alive at once; past that, traces stay interpreted.
 */
public final class TraceJit implements TraceCompiler {
    /** Interpreted executions of a trace before it is compiled, by default. */
    public static final int DEFAULT_THRESHOLD = 50;
    /** Blocks alive at once, by default (each is a hidden class of a few KB of metaspace). */
    public static final int DEFAULT_MAX_BLOCKS = 50_000;
    private static final String CLASS_NAME = CpuInternals.PACKAGE + "CompiledGuestBlock";
    private static final MethodType CONSTRUCTOR = MethodType.methodType(void.class, int.class, int.class);
    private static final Cleaner CLEANER = Cleaner.create();

    private final int threshold;
    private final int maxBlocks;
    private final AtomicLong compiled = new AtomicLong();
    private final AtomicLong alive = new AtomicLong();
    private final AtomicLong declined = new AtomicLong();
    private final AtomicLong classBytes = new AtomicLong();
    private final AtomicLong compileNanos = new AtomicLong();

    public TraceJit(int threshold) {
        this(threshold, DEFAULT_MAX_BLOCKS);
    }

    public TraceJit(int threshold, int maxBlocks) {
        if (threshold < 0 || maxBlocks < 1) {
            throw new IllegalArgumentException("threshold must be >= 0 and the block bound >= 1");
        }
        this.threshold = threshold;
        this.maxBlocks = maxBlocks;
    }

    @Override
    public int threshold() {
        return threshold;
    }

    public int maxBlocks() {
        return maxBlocks;
    }

    @Override
    public CompiledTrace compile(List<List<DecodedInstruction>> segments) {
        if (alive.get() >= maxBlocks || !BlockTranslator.compilable(segments)) {
            declined.incrementAndGet();
            return null;
        }
        long start = System.nanoTime();
        BlockTranslator.Translation translation = BlockTranslator.translate(segments, CLASS_NAME);
        byte[] bytes = translation.classFile();
        DecodedInstruction entry = segments.get(0).get(0);
        CompiledBlock block;
        try {
            MethodHandles.Lookup lookup = CpuInternals.define(bytes);
            MethodHandle constructor = lookup.findConstructor(lookup.lookupClass(), CONSTRUCTOR);
            block = (CompiledBlock) constructor.invoke(entry.address(), translation.span());
        } catch (Throwable e) {
            // a class the JVM refuses is a translator bug: say where (the kernel turns it into a fault of this VM)
            throw new IllegalStateException("cannot define the compiled block for " + entry, e);
        }
        compiled.incrementAndGet();
        alive.incrementAndGet();
        classBytes.addAndGet(bytes.length);
        compileNanos.addAndGet(System.nanoTime() - start);
        AtomicLong counter = alive;
        CLEANER.register(block, counter::decrementAndGet);
        return block;
    }

    /** Counters since creation. */
    public Statistics statistics() {
        return new Statistics(compiled.get(), alive.get(), declined.get(), classBytes.get(), compileNanos.get());
    }

    /**
     * @param blocks traces compiled
     * @param alive compiled blocks still reachable (the rest were unloaded with their decode caches)
     * @param declined traces left to the interpreter (nothing translatable at their start, or the bound reached)
     * @param classBytes bytes of generated class files
     * @param compileNanos time spent translating and defining classes (not C2's later compilation)
     */
    public record Statistics(long blocks, long alive, long declined, long classBytes, long compileNanos) {
    }
}
