package org.denali.ide.core.debug;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IStackFrame;

/**
 * A stack frame whose run control is its thread's, as the platform expects of a frame (stepping, resuming or
 * terminating a frame acts on its VM): one place for the delegation instead of a copy in every frame class.
 */
public interface ThreadRunControlFrame extends IStackFrame {
    @Override
    default boolean canStepInto() {
        return getThread().canStepInto();
    }

    @Override
    default boolean canStepOver() {
        return getThread().canStepOver();
    }

    @Override
    default boolean canStepReturn() {
        return getThread().canStepReturn();
    }

    @Override
    default boolean isStepping() {
        return getThread().isStepping();
    }

    @Override
    default void stepInto() throws DebugException {
        getThread().stepInto();
    }

    @Override
    default void stepOver() throws DebugException {
        getThread().stepOver();
    }

    @Override
    default void stepReturn() throws DebugException {
        getThread().stepReturn();
    }

    @Override
    default boolean canResume() {
        return getThread().canResume();
    }

    @Override
    default boolean canSuspend() {
        return getThread().canSuspend();
    }

    @Override
    default boolean isSuspended() {
        return getThread().isSuspended();
    }

    @Override
    default void resume() throws DebugException {
        getThread().resume();
    }

    @Override
    default void suspend() throws DebugException {
        getThread().suspend();
    }

    @Override
    default boolean canTerminate() {
        return getThread().canTerminate();
    }

    @Override
    default boolean isTerminated() {
        return getThread().isTerminated();
    }

    @Override
    default void terminate() throws DebugException {
        getThread().terminate();
    }
}
