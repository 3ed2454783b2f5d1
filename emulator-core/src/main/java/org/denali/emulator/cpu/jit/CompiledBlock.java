package org.denali.emulator.cpu.jit;

import org.denali.emulator.cpu.CompiledTrace;
import org.denali.emulator.memory.PagedMemory;

/**
 * The base of every generated block class: a trace translated to one JVM method ({@link #body}), plus the block
 * chaining around it. A block that finished normally goes on with a successor it was chained to, without going
 * back to the interpreter's run loop (QEMU's direct block chaining); two successor slots, each checked against
 * the address execution continues at, also serve returns and indirect jumps as a small lookup cache.
 *
 * <p>Blocks are shared by every VM that runs the same code page, so the only mutable state is the successor
 * slots; a racy write loses a link or replaces one, never makes a wrong one (each is checked before use).
 */
public abstract class CompiledBlock implements CompiledTrace {
    /**
     * The most instructions one {@link #body} call may retire (or its whole span, if larger); a loop inside the
     * body returns here after about that many and is re-entered at once. Short calls make HotSpot compile the
     * bodies as ordinary methods, counted by their invocations, rather than first as on-stack replacements of
     * their loops and again later as methods: on the mix this halved the compilations of generated code and C2's
     * CPU time, and raised the peak (docs/performance.md, "Sixth round"). Exactness does not depend on it: a body
     * honours whatever budget it is given.
     */
    static final int SLICE = Integer.getInteger("denali.jit.slice", 500);
    private final int start;
    private final int span;
    private CompiledBlock next0;
    private CompiledBlock next1;

    protected CompiledBlock(int start, int span) {
        this.start = start;
        this.span = span;
    }

    /**
     * One entry into the block (which may loop inside itself): the contract of {@link CompiledTrace#run} for this
     * block alone, with {@code state[SCRATCH]} set to 1 when it stopped before an instruction for the interpreter.
     */
    protected abstract int body(int[] state, PagedMemory memory, int budget);

    @Override
    public final int run(int[] state, PagedMemory memory, int budget, CompiledTrace[] last) {
        CompiledBlock block = this;
        int left = budget;
        int next;
        while (true) {
            next = block.body(state, memory, Math.min(left, Math.max(SLICE, block.span)));
            left -= state[RETIRED];
            if (state[SCRATCH] != 0) {
                break;
            }
            CompiledBlock following = block.next0;
            if (following == null || following.start != next) {
                following = block.next1;
                if (following == null || following.start != next) {
                    break;
                }
            }
            if (following.span > left) {
                break;
            }
            block = following;
        }
        last[0] = block;
        state[RETIRED] = budget - left;
        return next;
    }

    @Override
    public final int span() {
        return span;
    }

    @Override
    public final int start() {
        return start;
    }

    @Override
    public final void chain(CompiledTrace successor) {
        CompiledBlock s = (CompiledBlock) successor;
        if (next0 == null) {
            next0 = s;
        } else if (next0 != s) {
            next1 = s; // the second slot follows the latest other successor (returns, indirect jumps)
        }
    }
}
