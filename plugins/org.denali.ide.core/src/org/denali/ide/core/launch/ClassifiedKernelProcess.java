package org.denali.ide.core.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.Charset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A kernel process as the IDE's console should see it: its stderr lines that {@link KernelMessages} calls
 * informational are moved to stdout (the console shows them in the output colour), every other stderr line stays
 * on stderr (red). Everything else — input, exit status, termination, the process handle — is the real process's.
 *
 * <p>Two pump threads copy the real streams: stdout as it comes (a guest's prompt without a newline shows at
 * once), stderr line by line (a line is the unit of classification). Both streams end when the process's do.
 */
public final class ClassifiedKernelProcess extends Process {
    private final Process process;
    private final InputStream output;
    private final InputStream errors;

    public ClassifiedKernelProcess(Process process, Charset charset) throws IOException {
        this.process = process;
        // NIO pipes, not java.io's piped streams: those call a pipe broken when the thread that wrote last has
        // ended, and two threads write to stdout here
        Pipe outputPipe = Pipe.open();
        Pipe errorPipe = Pipe.open();
        this.output = Channels.newInputStream(outputPipe.source());
        this.errors = Channels.newInputStream(errorPipe.source());
        OutputStream toOutput = Channels.newOutputStream(outputPipe.sink());
        OutputStream toErrors = Channels.newOutputStream(errorPipe.sink());
        // stdout is closed when both pumps are done with it: the real stdout and the informational stderr lines
        CompletableFuture<Void> stdoutDone = run("Denali kernel stdout", () -> copy(process.getInputStream(), toOutput));
        CompletableFuture<Void> stderrDone = run("Denali kernel stderr",
                () -> classify(process.getErrorStream(), charset, toOutput, toErrors));
        CompletableFuture.allOf(stdoutDone, stderrDone).whenComplete((v, e) -> closeQuietly(toOutput));
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            synchronized (out) {
                out.write(buffer, 0, n);
                out.flush();
            }
        }
    }

    private static void classify(InputStream in, Charset charset, OutputStream output, OutputStream errors)
            throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, charset))) {
            String line;
            while ((line = lines.readLine()) != null) {
                byte[] bytes = (line + System.lineSeparator()).getBytes(charset);
                OutputStream target = KernelMessages.isInformational(line) ? output : errors;
                synchronized (target) {
                    target.write(bytes);
                    target.flush();
                }
            }
        } finally {
            closeQuietly(errors);
        }
    }

    private interface Pump {
        void run() throws IOException;
    }

    private static CompletableFuture<Void> run(String name, Pump pump) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                pump.run();
            } catch (IOException e) {
                // the process ended or the console stopped reading: nothing is left to copy
            } finally {
                done.complete(null);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
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
    public boolean supportsNormalTermination() {
        return process.supportsNormalTermination();
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return process.onExit().thenApply(p -> this);
    }
}
