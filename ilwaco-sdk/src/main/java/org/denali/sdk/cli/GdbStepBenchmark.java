package org.denali.sdk.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.elf.ElfParser;
import org.denali.emulator.elf.ElfSymbol;
import org.denali.sdk.paper.Table;
import org.denali.sdk.paper.TableFormat;

/**
 * {@code denali bench gdb IMAGE}: single-step round trips of the GDB stub, measured two ways on a fresh
 * {@code denali run IMAGE --gdb PORT --wait} (in this JVM) each time, both from a breakpoint at a function:
 * <ul>
 * <li>real gdb ({@code gdb -batch}, its embedded Python timing only the {@code stepi N} command, so gdb's start-up,
 * attach and symbol loading are not counted): what a user typing {@code stepi} sees, including the registers and
 * memory gdb reads after every stop;</li>
 * <li>a raw RSP client in this process sending {@code vCont;s:T} and waiting for the stop reply, alone and followed
 * by a {@code g} (the least gdb does after a stop): the stub's own share.</li>
 * </ul>
 * Numbers only; nothing here judges them.
 */
final class GdbStepBenchmark {
    static final String USAGE = """
                   denali bench gdb IMAGE [--steps N] [--break FUNCTION] [--repeat R] [--count VMS]
              Single-step round trip of the GDB stub on IMAGE (a Denali ELF built with -g; the run stops at
              FUNCTION, default main, then steps N instructions, default 1000; the guest must not end within
              them): real gdb's 'stepi N' timed by gdb's Python (per step and steps/s), and a raw RSP client's
              'vCont;s' round trip alone and with a 'g' read (median, 90th percentile). R runs (default 3),
              each on a fresh 'denali run IMAGE --gdb PORT --wait' in this JVM. Needs gdb with Python.
              --count VMS runs VMS VMs of the image (default 1; all-stop: the others stay stopped while one
              steps); real gdb is then not timed (it lists every VM around each step: seconds per stepi).
            """.stripTrailing();

    /** The i386 core registers gdb's target description has: 16 x 4 + 8 x 10 + 8 x 4 bytes, in hex. */
    private static final int G_REPLY_HEX_DIGITS = 2 * 176;
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private GdbStepBenchmark() {
    }

    static int run(List<String> args, CommandContext context) throws UsageException {
        return run(args, TableFormat.TEXT, context);
    }

    /** With {@code --format csv|json} the rows go to one table on stdout, the heading to stderr. */
    static int run(List<String> args, TableFormat format, CommandContext context)
            throws UsageException {
        Arguments parsed = Arguments.parse(args, Set.of("steps", "break", "repeat", "count"), Set.of());
        if (parsed.positional().size() != 1) {
            throw new UsageException("expected 'bench gdb IMAGE', got " + parsed.positional());
        }
        long steps = parsed.longOption("steps", 1000);
        long repeat = parsed.longOption("repeat", 3);
        long count = parsed.longOption("count", 1);
        String function = parsed.option("break", "main");
        if (steps < 1 || steps > 1_000_000 || repeat < 1 || repeat > 100 || count < 1 || count > 100_000) {
            context.err().println("denali bench gdb: --steps must be 1..1000000, --repeat 1..100 and --count "
                + "1..100000");
            return 2;
        }
        Path image = context.resolve(parsed.positional().get(0));
        int breakAt;
        try {
            Optional<ElfSymbol> symbol = ElfParser.parse(image).symbols().byName(function);
            if (symbol.isEmpty()) {
                context.err().println("denali bench gdb: " + image + " has no symbol '" + function + "'");
                return 1;
            }
            breakAt = (int) symbol.get().value();
        } catch (IOException | ElfFormatException e) {
            context.err().println("denali bench gdb: cannot load " + image + ": " + e.getMessage());
            return 1;
        }
        boolean text = format == TableFormat.TEXT;
        PrintStream out = text ? context.out() : context.err();
        Table table = new Table("gdb", "GDB stub single-step round trip",
            List.of("run", "gdb stepi N s", "gdb per stepi us", "gdb stepi/s", "stub vCont;s median us",
                "stub vCont;s p90 us", "stub steps/s", "vCont;s + g median us", "vCont;s + g p90 us"));
        out.printf("GDB stub single-step round trip: %s, %,d VM(s), %,d steps from %s, %d run(s), loopback TCP%n%n",
            image.getFileName(), count, steps, function, repeat);
        out.println("| run | gdb `stepi N` | gdb per stepi | gdb stepi/s | stub `vCont;s` median | p90 | stub steps/s "
            + "| `vCont;s` + `g` median | p90 |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        try {
            for (int r = 1; r <= repeat; r++) {
                String gdbColumns = "| — | — | —";
                Object[] gdbValues = {"", "", ""}; // gdb itself is timed with one VM only
                if (count == 1) {
                    double gdbSeconds = timeGdbStepi(image, function, (int) steps);
                    gdbValues = new Object[] {gdbSeconds, gdbSeconds * 1e6 / steps, steps / gdbSeconds};
                    gdbColumns = String.format("| %.3f s | %.0f µs | %,.0f", gdbSeconds, gdbSeconds * 1e6 / steps,
                        steps / gdbSeconds);
                }
                long[] stub = timeStubSteps(image, breakAt, (int) steps, false, (int) count);
                long[] stubWithG = timeStubSteps(image, breakAt, (int) steps, true, (int) count);
                out.printf("| %d %s | %.0f µs | %.0f µs | %,.0f | %.0f µs | %.0f µs |%n", r,
                    gdbColumns, percentile(stub, 50) / 1e3,
                    percentile(stub, 90) / 1e3, 1e9 / percentile(stub, 50), percentile(stubWithG, 50) / 1e3,
                    percentile(stubWithG, 90) / 1e3);
                out.flush();
                table.add(r, gdbValues[0], gdbValues[1], gdbValues[2], percentile(stub, 50) / 1e3,
                    percentile(stub, 90) / 1e3, 1e9 / percentile(stub, 50), percentile(stubWithG, 50) / 1e3,
                    percentile(stubWithG, 90) / 1e3);
            }
        } catch (BenchmarkFailure e) {
            context.err().println("denali bench gdb: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            context.err().println("denali bench gdb: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.err().println("denali bench gdb: interrupted");
            return 1;
        }
        if (!text) {
            context.out().print(format.format(table));
        }
        return 0;
    }

    /** Nanoseconds at percentile {@code p} of {@code samples} (nearest rank). */
    private static double percentile(long[] samples, int p) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Seconds real gdb spends in {@code stepi steps} after stopping at {@code function}. */
    private static double timeGdbStepi(Path image, String function, int steps)
            throws IOException, InterruptedException, BenchmarkFailure {
        try (InProcessRun run = InProcessRun.start(image)) {
            String script = String.join("\n",
                "break " + function,
                "continue",
                "python import time; denali_t0 = time.perf_counter()",
                "stepi " + steps,
                "python print('@@stepi %.9f' % (time.perf_counter() - denali_t0))",
                "detach", "");
            Path file = Files.createTempFile("denali-bench", ".gdb");
            String output;
            try {
                Files.writeString(file, script);
                output = gdb(run.port(), image, file);
            } finally {
                Files.deleteIfExists(file);
            }
            // A guest that ends mid-way: gdb prints the exit, or, when the kernel has already closed the stub's
            // connection by the time gdb reads, that the connection closed.
            if (output.contains("exited") || output.contains("Remote connection closed")
                    || !output.contains("Breakpoint 1, ")) {
                throw new BenchmarkFailure("gdb did not step " + steps + " instructions from " + function
                    + " (did the guest end? try fewer --steps):\n" + output);
            }
            Matcher seconds = Pattern.compile("@@stepi (\\d+\\.\\d+)").matcher(output);
            if (!seconds.find()) {
                throw new BenchmarkFailure("gdb printed no timing (gdb needs Python support):\n" + output);
            }
            run.finish();
            return Double.parseDouble(seconds.group(1));
        }
    }

    private static String gdb(int port, Path image, Path script) throws IOException, InterruptedException,
            BenchmarkFailure {
        List<String> command = List.of("gdb", "-batch", "-nx", "-ex", "set architecture i386", "-ex",
            "set pagination off", "-ex", "target remote :" + port, "-x", script.toString(), image.toString());
        Process gdb;
        try {
            gdb = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new BenchmarkFailure("cannot start gdb (Debian package gdb): " + e.getMessage());
        }
        byte[] output = gdb.getInputStream().readAllBytes();
        if (!gdb.waitFor(10, TimeUnit.MINUTES)) {
            gdb.destroyForcibly();
            throw new BenchmarkFailure("gdb did not finish");
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    /**
     * Round trips in nanoseconds of {@code steps} single steps sent by a raw RSP client (each followed by a
     * {@code g} read if {@code readRegisters}), after running to {@code breakAt}.
     */
    private static long[] timeStubSteps(Path image, int breakAt, int steps, boolean readRegisters, int count)
            throws IOException, InterruptedException, BenchmarkFailure {
        try (InProcessRun run = InProcessRun.start(image, count); RawRsp rsp = new RawRsp(run.port())) {
            rsp.ask("qSupported");
            rsp.ask("QStartNoAckMode");
            rsp.ask("?");
            String at = Integer.toHexString(breakAt);
            rsp.expect("Z0," + at + ",1", "OK");
            String stop = rsp.ask("vCont;c");
            Matcher thread = Pattern.compile("^T05thread:([0-9a-f]+);swbreak:;$").matcher(stop);
            if (!thread.matches()) {
                throw new BenchmarkFailure("expected a breakpoint stop at " + at + ", got " + stop);
            }
            rsp.expect("z0," + at + ",1", "OK");
            String step = "vCont;s:" + thread.group(1);
            String stepped = "T05thread:" + thread.group(1) + ";";
            long[] nanos = new long[steps];
            for (int i = 0; i < steps; i++) {
                long start = System.nanoTime();
                String reply = rsp.ask(step);
                String registers = readRegisters ? rsp.ask("g") : "";
                nanos[i] = System.nanoTime() - start;
                if (!reply.equals(stepped)) {
                    throw new BenchmarkFailure("step " + (i + 1) + " answered " + reply
                        + " (did the guest end? try fewer --steps)");
                }
                if (readRegisters && registers.length() != G_REPLY_HEX_DIGITS) {
                    throw new BenchmarkFailure("g after step " + (i + 1) + " answered " + registers);
                }
            }
            rsp.expect("D", "OK");
            run.finish();
            return nanos;
        }
    }

    /** Why a measurement could not be made; its message is the one error line the user sees. */
    static final class BenchmarkFailure extends Exception {
        BenchmarkFailure(String message) {
            super(message);
        }
    }

    /** {@code denali run IMAGE --gdb PORT --wait} on a thread of this JVM, its output kept for errors. */
    private static final class InProcessRun implements AutoCloseable {
        private final ByteArrayOutputStream output = new ByteArrayOutputStream();
        private final Thread thread;
        private final int port;

        private InProcessRun(Path image, int port, int count) {
            this.port = port;
            PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8);
            CommandContext context = new CommandContext(print, print, image.toAbsolutePath().getParent());
            List<String> args = List.of("run", image.toString(), "--gdb", String.valueOf(port), "--wait", "--count",
                String.valueOf(count));
            thread = new Thread(() -> new DenaliCli(DenaliCli.commands()).run(args, context), "denali-bench-run");
            thread.setDaemon(true);
        }

        static InProcessRun start(Path image) throws IOException, InterruptedException, BenchmarkFailure {
            return start(image, 1);
        }

        static InProcessRun start(Path image, int count) throws IOException, InterruptedException, BenchmarkFailure {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            InProcessRun run = new InProcessRun(image, port, count);
            run.thread.start();
            long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
            while (!run.output().contains("waiting for gdb")) {
                if (!run.thread.isAlive() || System.nanoTime() > deadline) {
                    throw new BenchmarkFailure("denali run did not start its gdb server:\n" + run.output());
                }
                Thread.sleep(5);
            }
            return run;
        }

        int port() {
            return port;
        }

        String output() {
            return output.toString(StandardCharsets.UTF_8);
        }

        /** Waits for the guest to finish after the client detached. */
        void finish() throws InterruptedException, BenchmarkFailure {
            thread.join(TimeUnit.MINUTES.toMillis(5));
            if (thread.isAlive()) {
                throw new BenchmarkFailure("the guest did not finish after the client detached:\n" + output());
            }
        }

        @Override
        public void close() {
            // A run whose client failed holds its VMs forever; it is a daemon thread and ends with the JVM.
        }
    }

    /** The smallest GDB remote-protocol client that can time a step: framing, checksums, no-ack mode. */
    private static final class RawRsp implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        RawRsp(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(30));
            in = new BufferedInputStream(socket.getInputStream()); // a read per byte would be a system call per byte
            out = socket.getOutputStream();
        }

        void expect(String request, String reply) throws IOException, BenchmarkFailure {
            String actual = ask(request);
            if (!actual.equals(reply)) {
                throw new BenchmarkFailure(request + " answered '" + actual + "', expected '" + reply + "'");
            }
        }

        /** Sends {@code payload} and returns the next reply's payload (acks skipped, escapes not needed here). */
        String ask(String payload) throws IOException {
            int sum = 0;
            for (byte b : payload.getBytes(StandardCharsets.ISO_8859_1)) {
                sum += b & 0xFF;
            }
            out.write(("$" + payload + "#" + String.format("%02x", sum & 0xFF)).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            int c;
            do {
                c = in.read();
            } while (c != '$' && c >= 0);
            StringBuilder reply = new StringBuilder();
            while ((c = in.read()) != '#' && c >= 0) {
                reply.append((char) c);
            }
            if (c < 0 || in.read() < 0 || in.read() < 0) {
                throw new IOException("the stub closed the connection after " + payload);
            }
            return reply.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
