package org.denali.ide.core.debug;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.denali.ide.core.gdb.GdbInspector;
import org.denali.ide.core.gdb.InspectionProxy;
import org.denali.ide.core.rsp.DenaliRspClient;
import org.denali.ide.core.rsp.RspConnection;
import org.denali.ide.core.rsp.RspEventListener;
import org.denali.ide.core.rsp.StopReply;

/**
 * The IDE debugger's performance bar, measured without a workbench (docs/performance.md, "IDE debugger"): the
 * model's own mechanisms (the RSP client, the line stepper, gdb through the inspection endpoint) against a kernel
 * started with {@code denali run IMAGE --count N --gdb PORT --wait}.
 * <p>
 * {@code java -cp emulator-core.jar:org.denali.ide.core/target/classes org.denali.ide.core.debug.InspectorBench
 * IMAGE PORT BREAK-ADDRESS [HITS]}: resume-to-stop cycles at the breakpoint, "Variables filled" (gdb's frames and
 * the frame's variable objects) after each stop, line step-over round trips and instruction step round trips.
 */
public final class InspectorBench {
    private InspectorBench() {
    }

    public static void main(String[] args) throws Exception {
        Path image = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int breakAddress = (int) Long.decode(args[2]).longValue();
        int hits = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        GuestSymbols symbols = GuestSymbols.read(image);
        RspConnection connection = RspConnection.connect("localhost", port, Duration.ofSeconds(60));
        DenaliRspClient client = new DenaliRspClient(connection);
        BlockingQueue<StopReply> stops = new LinkedBlockingQueue<>();
        connection.addListener(new RspEventListener() {
            @Override
            public void stopped(StopReply reply) {
                stops.add(reply);
            }

            @Override
            public void disconnected(String reason) {
                // the bench ends with the kernel
            }
        });
        client.qSupported();
        connection.startNoAckMode();
        int vms = client.threadIds().size();
        GdbInspector gdb = new GdbInspector(image, new InspectionProxy.Target() {
            @Override
            public String requestFor(int vm, String payload) throws IOException {
                return client.requestFor(vm, payload);
            }

            @Override
            public String request(String payload) throws IOException {
                return connection.request(payload);
            }
        });
        client.insertBreakpoint(breakAddress);
        long[] cycle = new long[hits];
        long[] stepOff = new long[hits];
        long[] variables = new long[hits];
        int vm = -1;
        for (int i = 0; i < hits; i++) {
            long start = System.nanoTime();
            if (vm > 0) { // as the IDE resumes: the VM at the breakpoint first steps off it (s, g, m, m)
                StopReply early = BreakpointStepOff.stepOff(client, () -> await(stops), vm, breakAddress);
                if (early != null) {
                    throw new IOException("stepping off the breakpoint ended with " + early);
                }
            }
            long steppedOff = System.nanoTime();
            client.continueAll();
            StopReply stop = await(stops);
            long stopped = System.nanoTime();
            stepOff[i] = steppedOff - start;
            vm = stop.thread();
            gdb.focus(vm, i);
            int frames = gdb.frames().size();
            int vars = gdb.variables(0).size();
            long filled = System.nanoTime();
            cycle[i] = stopped - start;
            variables[i] = filled - stopped;
            if (i == 0) {
                System.out.printf("first stop: VM %d of %d, %d frames, %d variables, gdb started and filled in %.1f ms%n",
                        vm, vms, frames, vars, variables[0] / 1e6);
            }
        }
        System.out.printf("%d VMs, %d breakpoint hits: resume-to-stop median %.2f ms (max %.2f), of which the "
                + "step off the breakpoint median %.2f ms (max %.2f); "
                + "Variables filled after a stop median %.2f ms (max %.2f, without the first: gdb's start)%n", vms,
                hits, median(cycle, 0), max(cycle, 0), median(stepOff, 1), max(stepOff, 1), median(variables, 1),
                max(variables, 1));
        long[] inserts = new long[21];
        long[] removes = new long[inserts.length];
        for (int i = 0; i < inserts.length; i++) { // what a step off that lifted the breakpoint paid: z0 and Z0
            long start = System.nanoTime();
            client.removeBreakpoint(breakAddress);
            long removed = System.nanoTime();
            client.insertBreakpoint(breakAddress);
            removes[i] = removed - start;
            inserts[i] = System.nanoTime() - removed;
        }
        System.out.printf("z0 in every VM: median %.2f ms (min %.2f); Z0 in every VM: median %.2f ms (min %.2f)%n",
                median(removes, 0), min(removes), median(inserts, 0), min(inserts));
        client.removeBreakpoint(breakAddress);

        int steps = 20; // within consumer()'s loop: the VM must not end while stepping
        long[] lineSteps = new long[steps];
        LineStepper stepper = new LineStepper(symbols, mechanism(client, stops));
        for (int i = 0; i < steps; i++) {
            long start = System.nanoTime();
            StopReply reply = stepper.step(vm, StepKind.OVER, false, List.of()).reply();
            if (reply == null || reply.thread() != vm) {
                throw new IOException("the step over ended with " + reply);
            }
            gdb.focus(vm, hits + i);
            gdb.frames();
            gdb.variables(0);
            lineSteps[i] = System.nanoTime() - start;
        }
        System.out.printf("line step over + frames + variables: median %.2f ms (max %.2f)%n", median(lineSteps, 0),
                max(lineSteps, 0));
        long[] instructionSteps = new long[200];
        for (int i = 0; i < instructionSteps.length; i++) {
            long start = System.nanoTime();
            client.step(vm);
            stops.poll(60, TimeUnit.SECONDS);
            instructionSteps[i] = System.nanoTime() - start;
        }
        System.out.printf("instruction step round trip: median %.3f ms (max %.3f)%n", median(instructionSteps, 0),
                max(instructionSteps, 0));
        gdb.close();
        client.kill();
        connection.close();
    }

    private static LineStepper.Mechanism mechanism(DenaliRspClient client, BlockingQueue<StopReply> stops) {
        return new LineStepper.Mechanism() {
            @Override
            public StopReply stepInstruction(int vm) throws IOException {
                client.step(vm);
                return await(stops);
            }

            @Override
            public StopReply runTo(int vm, int address) throws IOException {
                client.insertBreakpoint(address);
                try {
                    client.continueOne(vm);
                    return await(stops);
                } finally {
                    client.removeBreakpoint(address);
                }
            }

            @Override
            public org.denali.ide.core.rsp.I386Registers registers(int vm) throws IOException {
                return client.registers(vm);
            }

            @Override
            public int readInt(int vm, int address) throws IOException {
                byte[] b = client.readMemory(vm, address, 4);
                return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
            }

            @Override
            public boolean suspendRequested() {
                return false;
            }
        };
    }

    private static StopReply await(BlockingQueue<StopReply> stops) throws IOException {
        try {
            StopReply reply = stops.poll(600, TimeUnit.SECONDS);
            if (reply == null) {
                throw new IOException("no stop within 600 s");
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static double median(long[] nanos, int skip) {
        long[] sorted = Arrays.copyOfRange(nanos, skip, nanos.length);
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double min(long[] nanos) {
        return Arrays.stream(nanos).min().orElse(0) / 1e6;
    }

    private static double max(long[] nanos, int skip) {
        return Arrays.stream(nanos, skip, nanos.length).max().orElse(0) / 1e6;
    }

}
