package org.denali.ide.core.postmortem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.core.resources.IMarkerDelta;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.DebugElement;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IMemoryBlock;
import org.eclipse.debug.core.model.IMemoryBlockExtension;
import org.eclipse.debug.core.model.IMemoryBlockRetrievalExtension;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IThread;

import org.denali.emulator.debug.core.DenaliNote;
import org.denali.ide.core.debug.AddressExpression;
import org.denali.ide.core.debug.DenaliDebugModel;
import org.denali.ide.core.debug.GuestSymbols;
import org.denali.ide.core.debug.MemoryWindow;
import org.denali.ide.core.debug.VirtualRegisterDecoder;
import org.denali.ide.core.gdb.GdbException;
import org.denali.ide.core.gdb.GdbInspector;

/**
 * A post-mortem session on an ELF core file (a "Denali Core" launch): gdb opened IMAGE and CORE
 * ({@code core-file}) and answers everything the views ask: gdb's frames, variables, registers and
 * memory of the VM the core holds. Nothing runs, so there is no run control and no breakpoint is installed;
 * Terminate ends gdb.
 */
public final class CoreDebugTarget extends DebugElement implements IDebugTarget, IMemoryBlockRetrievalExtension {
    private final ILaunch launch;
    private final Path image;
    private final Path core;
    private final GdbInspector gdb;
    private final CoreThread thread;
    private volatile boolean terminated;
    private Optional<DenaliNote.Contents> note;
    private VirtualRegisterDecoder decoder;
    private GuestSymbols symbols;

    public CoreDebugTarget(ILaunch launch, Path image, Path core, GdbInspector gdb) {
        super(null);
        this.launch = launch;
        this.image = image;
        this.core = core;
        this.gdb = gdb;
        this.thread = new CoreThread(this);
    }

    /** Announces the session: the Debug view shows the target and the VM suspended at its last instruction. */
    public void started() {
        fireCreationEvent();
        thread.fireSuspendEvent(DebugEvent.UNSPECIFIED);
    }

    GdbInspector gdb() throws DebugException {
        if (terminated) {
            throw new DebugException(Status.error("The core session of " + core.getFileName() + " has ended"));
        }
        return gdb;
    }

    /**
     * The core's DENALI note (the virtual registers and the fault it was saved at), read once; empty for a core
     * without one (another producer's).
     */
    public synchronized Optional<DenaliNote.Contents> denaliNote() throws DebugException {
        if (note == null) {
            try {
                note = DenaliNote.read(core);
            } catch (IOException e) {
                throw CoreStackFrame.failure("Cannot read the Denali note of " + core.getFileName(), e);
            }
        }
        return note;
    }

    /** Decodes virtual register values with the image's symbols (handler addresses), as in a live session. */
    synchronized VirtualRegisterDecoder registerDecoder() throws DebugException {
        if (decoder == null) {
            decoder = new VirtualRegisterDecoder(symbols());
        }
        return decoder;
    }

    /** The image's ELF symbols, read once. */
    synchronized GuestSymbols symbols() throws DebugException {
        if (symbols == null) {
            try {
                symbols = GuestSymbols.read(image);
            } catch (IOException e) {
                throw CoreStackFrame.failure("Cannot read the symbols of " + image.getFileName(), e);
            }
        }
        return symbols;
    }

    public Path image() {
        return image;
    }

    public Path core() {
        return core;
    }

    @Override
    public IDebugTarget getDebugTarget() {
        return this;
    }

    @Override
    public ILaunch getLaunch() {
        return launch;
    }

    @Override
    public String getModelIdentifier() {
        return DenaliDebugModel.ID;
    }

    @Override
    public IProcess getProcess() {
        return null;
    }

    @Override
    public IThread[] getThreads() {
        return terminated ? new IThread[0] : new IThread[] {thread};
    }

    @Override
    public boolean hasThreads() {
        return !terminated;
    }

    @Override
    public String getName() {
        return "Core " + core.getFileName() + " of " + image.getFileName() + " (post-mortem)";
    }

    @Override
    public boolean supportsBreakpoint(IBreakpoint breakpoint) {
        return false;
    }

    @Override
    public boolean canTerminate() {
        return !terminated;
    }

    @Override
    public boolean isTerminated() {
        return terminated;
    }

    @Override
    public void terminate() {
        if (terminated) {
            return;
        }
        terminated = true;
        gdb.close();
        thread.fireTerminateEvent();
        fireTerminateEvent();
    }

    // A core never runs: no resume, suspend or disconnect.
    @Override
    public boolean canResume() {
        return false;
    }

    @Override
    public boolean canSuspend() {
        return false;
    }

    @Override
    public boolean isSuspended() {
        return !terminated;
    }

    @Override
    public void resume() {
    }

    @Override
    public void suspend() {
    }

    @Override
    public void breakpointAdded(IBreakpoint breakpoint) {
    }

    @Override
    public void breakpointRemoved(IBreakpoint breakpoint, IMarkerDelta delta) {
    }

    @Override
    public void breakpointChanged(IBreakpoint breakpoint, IMarkerDelta delta) {
    }

    @Override
    public boolean canDisconnect() {
        return false;
    }

    @Override
    public void disconnect() {
    }

    @Override
    public boolean isDisconnected() {
        return false;
    }

    @Override
    public boolean supportsStorageRetrieval() {
        return true;
    }

    @Override
    public IMemoryBlock getMemoryBlock(long startAddress, long length) throws DebugException {
        return new CoreMemoryBlock(this, String.format("0x%x", startAddress), (int) startAddress, length);
    }

    /**
     * A Memory view monitor as in a live session: an address, a symbol or a register ({@link AddressExpression},
     * registers as gdb unwinds them for the frame), else any C expression gdb evaluates to an address in the
     * selected frame of the core ({@code &queue[1]}, {@code req->path}).
     */
    @Override
    public IMemoryBlockExtension getExtendedMemoryBlock(String expression, Object context) throws DebugException {
        int level = context instanceof CoreStackFrame frame ? frame.depth() : 0;
        int address;
        try {
            address = AddressExpression.resolve(expression, symbols(), register -> {
                try {
                    return address("$" + register, level);
                } catch (DebugException e) {
                    throw new IllegalArgumentException(e.getMessage());
                }
            });
        } catch (IllegalArgumentException e) {
            address = address(expression, level);
        }
        return new CoreMemoryBlock(this, expression, address, MemoryWindow.DEFAULT_LENGTH);
    }

    /** The value of a C expression in frame {@code level} of the core, as an address. */
    private int address(String expression, int level) throws DebugException {
        try {
            return (int) Long.parseLong(gdb().evaluate("(unsigned) (" + expression + ")", level).trim());
        } catch (GdbException | NumberFormatException e) {
            throw CoreStackFrame.failure("'" + expression + "' is no address: " + e.getMessage(), null);
        }
    }
}
