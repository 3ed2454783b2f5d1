package org.denali.ide.core.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The kernel process as the console should show it: its standard error without the {@link KernelMessages}
 * that are only information, which join its standard output instead (so they are not red). Everything else is
 * the real process's. Two daemon threads copy the streams; lines keep their order within each stream.
 */
public final class KernelProcess extends Process {
    private final Process process;
    // NIO pipes, not java.io's Piped streams: those fail a reader once a writing thread has ended ("Write end
    // dead"), and two threads write the output pipe here
    private final InputStream output;
    private final InputStream errors;
    private final OutputStream toOutput;
    private final OutputStream toErrors;
    /** Both copiers write the output pipe: it closes when the second one is done. */
    private final java.util.concurrent.atomic.AtomicInteger outputWriters = new java.util.concurrent.atomic.AtomicInteger(2);

    /** The console's view of {@code process}; a {@link CoreException} if the pipes cannot be made. */
    public static Process of(Process process) throws org.eclipse.core.runtime.CoreException {
        try {
            return new KernelProcess(process);
        } catch (IOException e) {
            throw new org.eclipse.core.runtime.CoreException(org.eclipse.core.runtime.Status.error(
                    "Cannot connect the Denali kernel's output: " + e.getMessage(), e));
        }
    }

    private KernelProcess(Process process) throws IOException {
        this.process = process;
        Pipe outputPipe = Pipe.open();
        Pipe errorPipe = Pipe.open();
        this.output = Channels.newInputStream(outputPipe.source());
        this.errors = Channels.newInputStream(errorPipe.source());
        this.toOutput = Channels.newOutputStream(outputPipe.sink());
        this.toErrors = Channels.newOutputStream(errorPipe.sink());
        Thread out = new Thread(() -> copyOutput(process.getInputStream()), "Denali kernel stdout");
        Thread err = new Thread(() -> splitErrors(process.getErrorStream()), "Denali kernel stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    private void copyOutput(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) > 0;) {
                synchronized (toOutput) {
                    toOutput.write(buffer, 0, n);
                    toOutput.flush();
                }
            }
        } catch (IOException e) {
            // the process ended or the console stopped reading: nothing left to copy
        } finally {
            outputWriterDone();
        }
    }

    private void splitErrors(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null;) {
                byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                OutputStream target = KernelMessages.isInformational(line) ? toOutput : toErrors;
                synchronized (target) {
                    target.write(bytes);
                    target.flush();
                }
            }
        } catch (IOException e) {
            // as above
        } finally {
            closeQuietly(toErrors);
            outputWriterDone();
        }
    }

    private void outputWriterDone() {
        if (outputWriters.decrementAndGet() == 0) {
            closeQuietly(toOutput);
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public OutputStream getOutputStream() {
        return process.getOutputStream();
    }

    @Override
    public InputStream getInputStream() {
        return output;
    }

    @Override
    public InputStream getErrorStream() {
        return errors;
    }

    @Override
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit);
    }

    @Override
    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public void destroy() {
        process.destroy();
    }

    @Override
    public Process destroyForcibly() {
        process.destroyForcibly();
        return this;
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public ProcessHandle toHandle() {
        return process.toHandle();
    }

    @Override
    public Stream<ProcessHandle> children() {
        return process.children();
    }

    @Override
    public Stream<ProcessHandle> descendants() {
        return process.descendants();
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return process.onExit().thenApply(p -> this);
    }
}
