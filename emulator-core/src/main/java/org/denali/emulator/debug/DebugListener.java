package org.denali.emulator.debug;

/** Receives {@link DebugEvent}s on the debugger's dispatcher thread. Must not block for long. */
@FunctionalInterface
public interface DebugListener {
    void onEvent(DebugEvent event);
}
