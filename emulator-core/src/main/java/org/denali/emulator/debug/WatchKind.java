package org.denali.emulator.debug;

/** Which accesses trigger a data watchpoint (gdb's watch, rwatch and awatch). */
public enum WatchKind {
    WRITE, READ, ACCESS;

    boolean triggeredBy(boolean write) {
        return this == ACCESS || (this == WRITE) == write;
    }
}
