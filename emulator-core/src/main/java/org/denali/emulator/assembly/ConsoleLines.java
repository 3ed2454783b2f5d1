package org.denali.emulator.assembly;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One VM's console when several VMs share an output: each complete line goes out with the VM's prefix in one
 * write, so VMs never interleave mid-line. Synchronized, because a VM's console may be written by whichever kernel
 * worker runs it. An optional listener sees every complete line without its prefix (a workload's report).
 */
public final class ConsoleLines extends OutputStream {
    private final OutputStream target;
    private final byte[] prefix;
    private final Consumer<String> listener;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public ConsoleLines(OutputStream target, String prefix) {
        this(target, prefix, text -> { });
    }

    public ConsoleLines(OutputStream target, String prefix, Consumer<String> listener) {
        this.target = target;
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
        this.listener = listener;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        for (int i = 0; i < len; i++) {
            write(b[off + i]);
        }
    }

    /** Writes a last line that has no newline yet, if any (when the VMs have ended). */
    public synchronized void flushPartialLine() {
        if (line.size() > 0) {
            line.write('\n');
            try {
                emit();
            } catch (IOException e) {
                // the output is gone; nothing more to say
            }
        }
    }

    private void emit() throws IOException {
        String text = line.toString(StandardCharsets.UTF_8);
        synchronized (target) {
            target.write(prefix);
            line.writeTo(target);
            target.flush();
        }
        line.reset();
        listener.accept(text.substring(0, text.length() - 1));
    }
}
