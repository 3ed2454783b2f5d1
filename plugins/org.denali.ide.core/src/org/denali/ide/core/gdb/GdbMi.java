package org.denali.ide.core.gdb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A gdb process driven through its machine interface ({@code gdb --interpreter=mi3}): one command at a time, each
 * with a token, answered by the result record carrying that token. Console output ({@code ~} streams) that arrives
 * while a command runs is collected with its result, for CLI commands run through {@code -interpreter-exec}.
 */
public final class GdbMi implements AutoCloseable {
    /** The gdb the debugger runs: {@code denali.gdb} (a system property) or {@code gdb} on the PATH. */
    public static final String GDB = System.getProperty("denali.gdb", "gdb");
    /** How the message of the exception starts when gdb cannot be started at all. */
    public static final String CANNOT_RUN = "cannot run";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** A command's result record and the console text printed while it ran. */
    public record Result(MiValue.Tuple results, String console) {
    }

    private final Process process;
    private final Writer in;
    private final BlockingQueue<MiRecord> records = new LinkedBlockingQueue<>();
    private final StringBuilder console = new StringBuilder();
    private long nextToken = 1;
    private volatile String endReason;

    private GdbMi(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readLoop, "gdb MI reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts gdb on {@code image} (symbols only; no target yet). */
    public static GdbMi start(Path image) throws GdbException {
        List<String> command = new ArrayList<>(List.of(GDB, "--interpreter=mi3", "-nx", "-q"));
        command.add(image.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new GdbException(CANNOT_RUN + " '" + GDB + "' (install the gdb package): " + e.getMessage(), e);
        }
        GdbMi gdb = new GdbMi(process);
        gdb.command("-gdb-set confirm off");
        return gdb;
    }

    /** Runs {@code command} (an MI command, without token) and returns its {@code ^done}/{@code ^connected}... */
    public synchronized Result command(String command) throws GdbException {
        if (endReason != null) {
            throw new GdbException("gdb ended: " + endReason);
        }
        long token = nextToken++;
        synchronized (console) {
            console.setLength(0);
        }
        try {
            in.write(token + command + "\n");
            in.flush();
        } catch (IOException e) {
            throw new GdbException("gdb does not accept commands: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            MiRecord record;
            try {
                record = records.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GdbException("interrupted waiting for gdb");
            }
            if (record == null) {
                throw new GdbException(endReason != null ? "gdb ended: " + endReason
                        : "gdb did not answer '" + command + "' within " + TIMEOUT.toSeconds() + " s");
            }
            if (record.token() == -2) {
                records.add(record); // keep the end visible to the next command
                throw new GdbException("gdb ended: " + endReason);
            }
            if (record.isResult() && record.token() == token) {
                if (record.isError()) {
                    throw new GdbException(record.results().text("msg"));
                }
                synchronized (console) {
                    return new Result(record.results(), console.toString());
                }
            }
        }
    }

    /** A gdb CLI command ({@code info line ...}) through MI; its console output. */
    public String console(String cliCommand) throws GdbException {
        return command("-interpreter-exec console " + quote(cliCommand)).console();
    }

    /** {@code text} as an MI C-string argument. */
    public static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public boolean isAlive() {
        return endReason == null && process.isAlive();
    }

    @Override
    public void close() {
        endReason = "closed";
        try {
            in.write("-gdb-exit\n");
            in.flush();
        } catch (IOException ignored) {
            // gdb is gone already
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                MiRecord record = MiParser.parse(line);
                if (record.kind() == '~') {
                    synchronized (console) {
                        console.append(record.name());
                    }
                } else if (record.isResult()) {
                    records.add(record);
                }
            }
            endReason = "gdb exited";
        } catch (IOException e) {
            endReason = "reading gdb failed: " + e.getMessage();
        }
        records.add(new MiRecord(-2, '^', "error", new MiValue.Tuple(java.util.Map.of())));
    }
}
