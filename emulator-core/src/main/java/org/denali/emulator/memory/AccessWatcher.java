package org.denali.emulator.memory;

/**
 * Told about guest accesses to the pages a debugger watches ({@link PagedMemory#watchPage}); used for data
 * watchpoints. Only watched pages pay for this: their entries are kept out of the fast-path tables, so every
 * access to them takes the slow path, and unwatched pages are untouched.
 */
@FunctionalInterface
public interface AccessWatcher {
    /**
     * A read or write of {@code size} bytes at {@code address} on a watched page, reported before it happens.
     *
     * @return true if the CPU should stop once the current instruction has completed (a watchpoint triggered)
     */
    boolean accessed(int address, int size, boolean write);
}
