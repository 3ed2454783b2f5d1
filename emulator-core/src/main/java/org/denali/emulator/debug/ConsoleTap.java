package org.denali.emulator.debug;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A VM's console stream with the debugger listening: bytes go to the real console and, once the VM id is bound,
 * out as {@link DebugEvent.ConsoleOutput} events. Create it before instantiating the VM, bind it after.
 */
public final class ConsoleTap extends OutputStream {
    private final OutputStream delegate;
    private final Consumer<DebugEvent> events;
    private volatile int vmId;

    ConsoleTap(OutputStream delegate, Consumer<DebugEvent> events) {
        this.delegate = delegate;
        this.events = events;
    }

    public void bind(int id) {
        this.vmId = id;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        delegate.write(b, off, len);
        if (vmId != 0 && len > 0) {
            events.accept(new DebugEvent.ConsoleOutput(vmId, new String(b, off, len, StandardCharsets.ISO_8859_1)));
        }
    }

    @Override
    public void flush() throws IOException {
        delegate.flush();
    }
}
