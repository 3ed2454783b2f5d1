package org.denali.lang.deploy.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** A VM's console: each complete line goes to the shared output with the VM's prefix, one write per line. */
final class PrefixedLines extends OutputStream {
    private final OutputStream out;
    private final byte[] prefix;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    PrefixedLines(OutputStream out, String prefix) {
        this.out = out;
        this.prefix = prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            flushLine();
        }
    }

    /** Writes a last line without newline, if any. */
    void flushPartialLine() throws IOException {
        if (line.size() > 0) {
            line.write('\n');
            flushLine();
        }
    }

    private void flushLine() throws IOException {
        synchronized (out) {
            out.write(prefix);
            line.writeTo(out);
            out.flush();
        }
        line.reset();
    }
}
