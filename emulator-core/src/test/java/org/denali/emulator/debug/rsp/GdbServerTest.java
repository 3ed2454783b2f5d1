package org.denali.emulator.debug.rsp;

import static org.denali.emulator.debug.DebugGuests.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.denali.emulator.debug.KernelDebugger;
import org.denali.emulator.debug.StopCause;
import org.denali.emulator.debug.StopMode;
import org.denali.emulator.debug.VirtualRegister;
import org.denali.emulator.kernel.GuestImage;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.kernel.VmExit;
import org.denali.emulator.kernel.VmState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GdbServerTest {
    private KernelDebugger debugger;
    private GdbServer server;
    private VirtualMachine vm1;
    private VirtualMachine vm2;
    private Thread kernelThread;

    @BeforeEach
    void serveTwoLoopingVms() throws Exception {
        debugger = debugger();
        GuestImage image = image(LOOP);
        vm1 = instantiate(debugger, image);
        vm2 = instantiate(debugger, image);
        debugger.name(vm1.id(), "alpha");
        debugger.name(vm2.id(), "beta");
        server = GdbServer.start(debugger, 0);
        kernelThread = start(debugger);
        while (vm1.instructionsRetired() < 1000) {
            Thread.sleep(1);
        }
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        debugger.kernel().shutdown();
    }

    /**
     * Issue 19: without a recorded history the stub does not offer reverse execution, and a client that sends bs/bc
     * or monitor seek anyway gets an error with the reason (a recorded run: ReverseGdbTest); icount works always.
     */
    @Test
    void reverseExecutionWithoutARecordingIsRefusedWithAReason() throws Exception {
        try (RspClient c = new RspClient(server.port())) {
            String features = c.ask("qSupported:multiprocess+;swbreak+;hwbreak+;vContSupported+");
            assertFalse(features.contains("ReverseStep") || features.contains("ReverseContinue"), features);
            assertEquals("OK", c.ask("QStartNoAckMode"));
            for (String packet : new String[] {"bs", "bc"}) {
                assertEquals("E.reverse execution needs a recorded run: denali run ... --gdb PORT --record FILE "
                    + "--deterministic", c.ask(packet), packet);
            }
            String seek = new String(Hex.bytes(c.ask("qRcmd," + Hex.of("seek 1 10"))), StandardCharsets.UTF_8);
            assertTrue(seek.startsWith("error: no recorded history: start the run with --gdb PORT --record FILE "
                + "--deterministic"), seek);
            String icount = new String(Hex.bytes(c.ask("qRcmd," + Hex.of("icount 2"))), StandardCharsets.UTF_8);
            assertTrue(icount.matches("vm2 at instruction \\d+\n"), icount);
            assertEquals(icount, new String(Hex.bytes(c.ask("qRcmd," + Hex.of("icount 2"))),
                StandardCharsets.UTF_8), "the VMs are stopped while gdb is attached");
        }
    }

    private RspClient connect() throws Exception {
        RspClient c = new RspClient(server.port());
        String features = c.ask("qSupported:multiprocess+;swbreak+;hwbreak+;vContSupported+");
        assertTrue(features.contains("qXfer:features:read+") && features.contains("QStartNoAckMode+"), features);
        assertEquals("OK", c.ask("QStartNoAckMode"));
        return c;
    }

    @Test
    void registersMemoryThreadsAndTargetDescription() throws Exception {
        try (RspClient c = connect()) {
            assertTrue(c.ask("?").startsWith("T02thread:1;"));
            assertEquals(2 * 176, c.ask("g").length(), "i386 core: 16 x 4 + 8 x 10 + 8 x 4 bytes");
            assertEquals("444e4c49", c.ask("p20"), "register 32 = virtual register magic");
            String xml = c.ask("qXfer:features:read:target.xml:0,3fff");
            assertTrue(xml.startsWith("l") && xml.contains("org.gnu.gdb.i386.core") && xml.contains("org.denali.vregs")
                && xml.contains("name=\"st7\"") && xml.contains("name=\"pending_interrupts\""));
            assertEquals("m1,2", c.ask("qfThreadInfo"));
            assertEquals("l", c.ask("qsThreadInfo"));
            String threads = c.ask("qXfer:threads:read::0,fff");
            assertTrue(threads.contains("name=\"alpha\"") && threads.contains("name=\"beta\""), threads);
            assertEquals("OK", c.ask("Hg2"));
            String esi = c.ask("p6");
            assertEquals("OK", c.ask("M" + littleEndianAddress(esi) + ",4:78563412"));
            assertEquals("78563412", c.ask("m" + littleEndianAddress(esi) + ",4"));
            assertEquals("OK", c.ask("X" + littleEndianAddress(esi) + ",2:ab"), "X with binary data");
            assertEquals("E0e", c.ask("mc0000000,4"), "kernel region");
            assertEquals("E01", c.ask("mzz,4"));
            assertEquals("", c.ask("qNoSuchPacket"));
            assertEquals("OK", c.ask("D"));
        }
    }

    private static String littleEndianAddress(String hex) {
        return Long.toHexString(Hex.parseLittleEndian(hex, 0, 4));
    }

    @Test
    void breakpointsStepsWatchpointsVContAndInterrupt() throws Exception {
        try (RspClient c = connect()) {
            c.ask("?");
            assertEquals("vCont;c;C;s;S;t", c.ask("vCont?"));
            assertEquals("OK", c.ask("Z0," + Integer.toHexString(LOOP_TOP) + ",1"));
            String stop = c.ask("vCont;c");
            assertTrue(stop.startsWith("T05thread:") && stop.contains("swbreak:;"), stop);
            int thread = Integer.parseInt(stop.substring("T05thread:".length(), stop.indexOf(';')), 16);
            assertEquals("OK", c.ask("z0," + Integer.toHexString(LOOP_TOP) + ",1"));
            assertEquals("OK", c.ask("Hg" + thread));
            assertEquals("T05thread:" + thread + ";", c.ask("vCont;s:" + thread + ";t"));
            assertEquals(LOOP_TOP + 1, Hex.parseLittleEndian(c.ask("p8"), 0, 4).intValue());
            assertEquals("T05thread:" + thread + ";", c.ask("s"));

            String esi = littleEndianAddress(c.ask("p6"));
            assertEquals("OK", c.ask("Z2," + esi + ",4"));
            String watch = c.ask("c");
            assertTrue(watch.contains("watch:" + esi + ";"), watch);
            assertEquals("OK", c.ask("z2," + esi + ",4"));

            c.send("c");
            Thread.sleep(100);
            c.sendRaw(new byte[] {3});
            assertTrue(c.receive().startsWith("T02thread:"), "Ctrl-C stops a running continue with SIGINT");
            long frozen = vm1.instructionsRetired() + vm2.instructionsRetired();
            Thread.sleep(50);
            assertEquals(frozen, vm1.instructionsRetired() + vm2.instructionsRetired(), "all-stop after Ctrl-C");
        }
    }

    /**
     * Both VMs run on their own worker and loop through the breakpoint every five instructions, so the second one
     * often stops at it in the same instant as the one reported. That stop must not be lost: the next continue
     * reports it before anything runs (gdbserver's pending status), rather than resuming the VM past it unseen.
     */
    @Test
    void aBreakpointHitInTheSameInstantIsReportedByTheNextContinue() throws Exception {
        try (RspClient c = connect()) {
            c.ask("?");
            assertEquals("OK", c.ask("Z0," + Integer.toHexString(LOOP_TOP) + ",1"));
            int pendingSeen = 0;
            for (int i = 0; i < 60; i++) {
                String stop = c.ask("vCont;c");
                assertTrue(stop.startsWith("T05thread:") && stop.contains("swbreak:;"), stop);
                int reported = Integer.parseInt(stop.substring("T05thread:".length(), stop.indexOf(';')), 16);
                int other = reported == vm1.id() ? vm2.id() : vm1.id();
                StopCause otherStop = debugger.vm(other).lastStop();
                if (otherStop == null || otherStop.kind() != StopCause.Kind.BREAKPOINT) {
                    continue;
                }
                pendingSeen++;
                long before = vm1.instructionsRetired() + vm2.instructionsRetired();
                assertEquals("T05thread:" + Integer.toHexString(other) + ";swbreak:;", c.ask("vCont;c"),
                    "the other VM's breakpoint hit is reported next");
                assertEquals(before, vm1.instructionsRetired() + vm2.instructionsRetired(), "nothing ran meanwhile");
            }
            System.out.println("simultaneous breakpoint hits reported from the pending stop: " + pendingSeen + "/60");
            assertEquals("OK", c.ask("z0," + Integer.toHexString(LOOP_TOP) + ",1"));
            assertEquals("OK", c.ask("D"));
        }
    }

    @Test
    void monitorCommandsAndDenaliQueries() throws Exception {
        try (RspClient c = connect()) {
            for (String command : new String[] {"vms", "interrupts", "interrupts 2", "swap", "sched", "vregs 1"}) {
                String reply = c.ask("qRcmd," + Hex.of(command));
                String text = new String(Hex.bytes(reply), StandardCharsets.UTF_8);
                assertFalse(text.contains("unknown") || text.startsWith("no VM"), command + ": " + text);
            }
            String vms = new String(Hex.bytes(c.ask("qRcmd," + Hex.of("vms"))), StandardCharsets.UTF_8);
            assertTrue(vms.contains("alpha") && vms.contains("beta"));
            String sched = c.ask("qDenali:sched");
            assertTrue(sched.startsWith("{\"nowNanos\":") && sched.contains("\"held\":[1,2]"), sched);
            assertTrue(c.ask("qDenali:vms").contains("\"name\":\"alpha\""));
            assertTrue(c.ask("qDenali:interrupts:1").contains("\"pending\":0"));
            assertTrue(c.ask("qDenali:swap:2").contains("\"admitted\":true"));
            assertTrue(c.ask("qDenali:vregs:1").contains("\"magic\":1229737540"));
            assertEquals("E01", c.ask("qDenali:bogus"));
            assertEquals("OK", c.ask("D"));
        }
    }

    @Test
    void clientsInSequenceAndDetachResumesTheGuests() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (RspClient c = connect()) {
                assertTrue(c.ask("?").startsWith("T02"));
                assertEquals("OK", c.ask("D"));
            }
            long before = vm1.instructionsRetired();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (vm1.instructionsRetired() == before && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(vm1.instructionsRetired() > before, "runs after detach " + i);
        }
    }

    /** Stops one VM at {@code address} with a breakpoint (removed again) and selects it; returns its thread id. */
    private static int stopAt(RspClient c, int address) throws IOException {
        String hex = Integer.toHexString(address);
        assertEquals("OK", c.ask("Z0," + hex + ",1"));
        String stop = c.ask("vCont;c");
        assertTrue(stop.startsWith("T05thread:") && stop.contains("swbreak:;"), stop);
        int thread = Integer.parseInt(stop.substring("T05thread:".length(), stop.indexOf(';')), 16);
        assertEquals("OK", c.ask("z0," + hex + ",1"));
        assertEquals("OK", c.ask("Hg" + Integer.toHexString(thread)));
        assertEquals(address, register(c, RegisterLayout.EIP));
        return thread;
    }

    private static int register(RspClient c, int number) throws IOException {
        return Hex.parseLittleEndian(c.ask("p" + Integer.toHexString(number)), 0, 4).intValue();
    }

    private static String hex32(int value) {
        return Hex.littleEndian(Integer.toUnsignedLong(value), 4);
    }

    /**
     * G replaces the eight GPRs, EIP and EFLAGS in one packet: g reads back exactly what was written (segment and
     * x87 values are Denali's constants, so writing them back unchanged is the only meaningful write), and the
     * guest then computes with the written EBX and stores through the written ESI.
     */
    @Test
    void gWritesEveryRegisterAndTheGuestRunsWithThem() throws Exception {
        try (RspClient c = connect()) {
            c.ask("?");
            int thread = stopAt(c, LOOP_TOP);
            String before = c.ask("g");
            int counter = register(c, 6);
            int elsewhere = counter + 0x20; // same data page, unused by the guest
            int[] gprs = {0xdeadbeef, 0x11223344, 0x55667788, 0x1000, 0, 0x0badf00d, elsewhere, 0x7f7f7f7f};
            gprs[4] = register(c, 4); // keep ESP: the loop calls func
            StringBuilder g = new StringBuilder();
            for (int value : gprs) {
                g.append(hex32(value));
            }
            g.append(hex32(LOOP_TOP)).append(hex32(0x202)).append(before.substring(10 * 8));
            assertEquals("OK", c.ask("G" + g));
            assertEquals(g.toString(), c.ask("g"), "g reads back what G wrote");
            assertEquals(0x202, register(c, RegisterLayout.EFLAGS));

            assertEquals("T05thread:" + Integer.toHexString(thread) + ";", c.ask("vCont;s:" + Integer.toHexString(thread)));
            assertEquals(0x1001, register(c, 3), "inc %ebx used the written EBX");
            assertEquals("T05thread:" + Integer.toHexString(thread) + ";", c.ask("vCont;s:" + Integer.toHexString(thread)));
            assertEquals(hex32(0x1001), c.ask("m" + Integer.toHexString(elsewhere) + ",4"),
                "mov %ebx,(%esi) stored through the written ESI");
            String current = c.ask("g");
            assertEquals("E01", c.ask("G1234"), "a short G is refused");
            assertEquals(current, c.ask("g"), "the refused G changed nothing");
            assertEquals("OK", c.ask("D"));
        }
    }

    /**
     * Issue 13 items 6 and 7: vCont naming a thread that does not exist (or thread 0) answers E01 instead of waiting
     * for a stop that never comes; M over a read-only virtual register answers E0e instead of OK-and-drop; Z0 at a
     * kernel address answers E0e. The session goes on normally afterwards.
     */
    @Test
    void hostileRequestsGetErrorsNotHangsOrSilentSuccess() throws Exception {
        try (RspClient c = connect()) {
            c.ask("?");
            assertEquals("E01", c.ask("vCont;c:99999"));
            assertEquals("E01", c.ask("vCont;s:99999"));
            assertEquals("E01", c.ask("vCont;s:0"));
            assertEquals("E01", c.ask("vCont;s:99999;c"), "one bad action spoils the packet");
            int vmIdOffset = VirtualRegister.named("vm_id").offset();
            assertEquals("E0e", c.ask("M" + Integer.toHexString(vmIdOffset) + ",4:09000000"));
            assertEquals(hex32(vm1.id()), c.ask("m" + Integer.toHexString(vmIdOffset) + ",4"), "vm_id unchanged");
            int handler = VirtualRegister.named("interrupt_handler").offset();
            assertEquals("OK", c.ask("M" + Integer.toHexString(handler) + ",4:00000000"), "writable: accepted");
            assertEquals("E0e", c.ask("Z0,c0000000,1"));
            assertEquals("E0e", c.ask("Z0,ffffffff,1"));
            assertEquals("OK", c.ask("Z0," + Integer.toHexString(LOOP_TOP) + ",1"));
            assertTrue(c.ask("vCont;c").startsWith("T05"), "the session still works");
            assertEquals("OK", c.ask("D"));
        }
    }

    /** P writes one core register (the guest uses it) and the writable virtual registers; read-only ones refuse. */
    @Test
    void pWritesOneRegisterIncludingVirtualRegisters() throws Exception {
        try (RspClient c = connect()) {
            c.ask("?");
            int thread = stopAt(c, LOOP_TOP);
            assertEquals("OK", c.ask("P3=" + hex32(41)));
            assertEquals(41, register(c, 3));
            c.ask("vCont;s:" + Integer.toHexString(thread));
            assertEquals(42, register(c, 3), "inc %ebx used the written EBX");
            assertEquals("OK", c.ask("P8=" + hex32(AFTER_CALL)), "EIP");
            c.ask("vCont;s:" + Integer.toHexString(thread));
            assertEquals(AFTER_LOAD, register(c, RegisterLayout.EIP), "the step ran from the written EIP");

            int handler = RegisterLayout.FIRST_VIRTUAL + VirtualRegister.ALL.indexOf(
                VirtualRegister.named("interrupt_handler"));
            assertEquals("OK", c.ask("P" + Integer.toHexString(handler) + "=" + hex32(FUNC)));
            assertEquals(hex32(FUNC), c.ask("p" + Integer.toHexString(handler)));
            assertEquals(FUNC, debugger.readVirtualRegister(thread, VirtualRegister.named("interrupt_handler")),
                "written into the VM's register page");
            int enabled = RegisterLayout.FIRST_VIRTUAL + VirtualRegister.ALL.indexOf(
                VirtualRegister.named("interrupts_enabled"));
            assertEquals("OK", c.ask("P" + Integer.toHexString(enabled) + "=" + hex32(1)));
            assertEquals(hex32(1), c.ask("p" + Integer.toHexString(enabled)));

            int vmId = RegisterLayout.FIRST_VIRTUAL + VirtualRegister.ALL.indexOf(VirtualRegister.named("vm_id"));
            assertEquals("E02", c.ask("P" + Integer.toHexString(vmId) + "=" + hex32(9)), "vm_id is the kernel's");
            assertEquals(hex32(thread), c.ask("p" + Integer.toHexString(vmId)));
            assertEquals("E01", c.ask("P3=12"), "wrong size");
            assertEquals("E01", c.ask("Pfff=" + hex32(1)), "no such register");
            assertEquals("OK", c.ask("P" + Integer.toHexString(enabled) + "=" + hex32(0)));
            assertEquals("OK", c.ask("D"));
        }
    }

    /**
     * Z3/Z4 through the stub: a read watchpoint stops only after the load (rwatch: with the address), an access
     * watchpoint after the store and after the load (awatch:), and z3/z4 take them out again: a whole loop
     * iteration (store and load) then runs to a breakpoint without a watchpoint stop. Only the selected VM runs
     * (vCont;c:N), so the order of stops is the guest's own.
     */
    @Test
    void readAndAccessWatchpointsStopWithRwatchAndAwatch() throws Exception {
        try (RspClient c = connect()) {
            c.ask("?");
            int thread = stopAt(c, LOOP_TOP);
            String t = Integer.toHexString(thread);
            String counter = Integer.toHexString(register(c, 6));
            String onlyThis = "vCont;c:" + t;

            assertEquals("OK", c.ask("Z3," + counter + ",4"));
            assertEquals("T05thread:" + t + ";rwatch:" + counter + ";", c.ask(onlyThis));
            assertEquals(AFTER_LOAD, register(c, RegisterLayout.EIP), "the store did not stop it, the load did");
            assertEquals("OK", c.ask("z3," + counter + ",4"));
            int iteration = register(c, 3);
            assertEquals("OK", c.ask("Z0," + Integer.toHexString(AFTER_LOAD) + ",1"));
            assertEquals("T05thread:" + t + ";swbreak:;", c.ask(onlyThis), "z3 removed the read watchpoint");
            assertEquals(iteration + 1, register(c, 3), "one whole iteration ran, load included");

            assertEquals("OK", c.ask("z0," + Integer.toHexString(AFTER_LOAD) + ",1"));
            assertEquals("OK", c.ask("Z4," + counter + ",4"));
            assertEquals("T05thread:" + t + ";awatch:" + counter + ";", c.ask(onlyThis));
            assertEquals(AFTER_STORE, register(c, RegisterLayout.EIP), "access: the store");
            assertEquals("T05thread:" + t + ";awatch:" + counter + ";", c.ask(onlyThis));
            assertEquals(AFTER_LOAD, register(c, RegisterLayout.EIP), "access: the load");
            assertEquals("OK", c.ask("z4," + counter + ",4"));
            assertEquals("OK", c.ask("Z0," + Integer.toHexString(AFTER_LOAD) + ",1"));
            assertEquals("T05thread:" + t + ";swbreak:;", c.ask(onlyThis), "z4 removed the access watchpoint");
            assertEquals("OK", c.ask("z0," + Integer.toHexString(AFTER_LOAD) + ",1"));
            assertEquals("OK", c.ask("D"));
        }
    }

    /** k: no reply (as gdb expects), the connection closes and the kernel shuts down with every VM ended. */
    @Test
    void kShutsTheKernelDown() throws Exception {
        try (RspClient c = connect()) {
            c.ask("?");
            c.send("k");
            assertThrows(IOException.class, c::receive, "k has no reply; the stub closes the connection");
        }
        assertKernelShutDown();
    }

    /** vKill answers OK, then the kernel shuts down like k. */
    @Test
    void vKillRepliesOkAndShutsTheKernelDown() throws Exception {
        try (RspClient c = connect()) {
            c.ask("?");
            assertEquals("OK", c.ask("vKill;1"));
            assertThrows(IOException.class, c::receive, "the session is over");
        }
        assertKernelShutDown();
    }

    private void assertKernelShutDown() throws InterruptedException {
        kernelThread.join(30_000);
        assertFalse(kernelThread.isAlive(), "Kernel.run returned");
        for (VirtualMachine vm : new VirtualMachine[] {vm1, vm2}) {
            assertEquals(VmState.ENDED, vm.state());
            assertEquals(VmExit.Kind.SHUTDOWN, vm.exit().kind(), "ended by the shutdown, not by the guest");
        }
        assertFalse(debugger.isAttached());
    }

    /**
     * One client at a time: a second connection made while one is attached is accepted by the OS but not served
     * (its packet gets no reply, not even an ack) until the first detaches; then it gets its own session.
     */
    @Test
    void aSecondClientWaitsUntilTheFirstDetaches() throws Exception {
        try (RspClient first = connect(); RspClient second = new RspClient(server.port())) {
            assertTrue(first.ask("?").startsWith("T02thread:"));
            second.send("qSupported");
            second.socket.setSoTimeout(500);
            assertThrows(SocketTimeoutException.class, second::receive, "not served while the first is attached");
            assertEquals("QC1", first.ask("qC"), "the first client is unaffected");
            assertEquals("OK", first.ask("D"));

            second.socket.setSoTimeout(10_000);
            assertTrue(second.receive().contains("PacketSize"), "served once the first detached");
            assertTrue(second.ask("?").startsWith("T02thread:"), "its own attach stopped the VMs");
            assertTrue(debugger.isAttached());
            assertEquals("OK", second.ask("D"));
        }
    }

    /**
     * Non-stop mode: entering it keeps the attach's stop (signal 0) for VM 1 only; vCont;t stops one VM with a %Stop
     * notification while the other keeps running; the stopped VM's registers are readable, the running one's are
     * not; a breakpoint then stops the running VM alone, reported by a notification; D lets both run in all-stop.
     */
    @Test
    void nonStopStopsOneVmWhileTheOtherRuns() throws Exception {
        try (RspClient c = connect()) {
            assertEquals("OK", c.ask("QNonStop:1"));
            assertEquals("T00thread:1;", c.ask("?"), "entering non-stop keeps only the first VM stopped");
            assertEquals("OK", c.ask("vStopped"));
            assertFalse(debugger.isStopped(vm2.id()), "the other runs on");

            assertEquals("OK", c.ask("vCont;c"), "non-stop: a resume answers at once");
            assertEquals("OK", c.ask("vCont;t:1"));
            assertEquals("Stop:T00thread:1;", c.receiveNotification());
            assertEquals("OK", c.ask("vStopped"));
            assertTrue(debugger.isStopped(vm1.id()));
            long vm2Before = vm2.instructionsRetired();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (vm2.instructionsRetired() == vm2Before && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertTrue(vm2.instructionsRetired() > vm2Before, "VM 2 keeps running while VM 1 is stopped");
            assertFalse(debugger.isStopped(vm2.id()));
            assertEquals("OK", c.ask("Hg1"));
            assertEquals(2 * 176, c.ask("g").length(), "the stopped VM's registers are readable");
            assertEquals("OK", c.ask("Hg2"));
            assertEquals("E02", c.ask("g"), "the running VM's are not");

            assertEquals("OK", c.ask("Z0," + Integer.toHexString(LOOP_TOP) + ",1"));
            assertEquals("Stop:T05thread:2;swbreak:;", c.receiveNotification(), "the running VM hits it");
            assertEquals("OK", c.ask("vStopped"));
            assertEquals(LOOP_TOP, register(c, RegisterLayout.EIP));
            assertEquals("OK", c.ask("vCont;c:1"));
            assertEquals("Stop:T05thread:1;swbreak:;", c.receiveNotification());
            assertEquals("OK", c.ask("vStopped"));
            assertEquals("OK", c.ask("z0," + Integer.toHexString(LOOP_TOP) + ",1"));
            assertEquals("OK", c.ask("D"));
        }
        assertEquals(StopMode.ALL_STOP, debugger.stopMode(), "the next client gets all-stop");
        long before = vm1.instructionsRetired();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (vm1.instructionsRetired() == before && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertTrue(vm1.instructionsRetired() > before, "runs after detach");
    }

    /**
     * Non-stop with both VMs running into one breakpoint: each stop is reported exactly once, the first as a %Stop
     * notification and the other either queued behind it (the vStopped reply) or as a notification of its own if
     * it came after the queue was drained; which happens depends on the workers' timing, the result does not.
     */
    @Test
    void nonStopReportsEveryVmsStopOnceThroughNotificationsAndVStopped() throws Exception {
        try (RspClient c = connect()) {
            assertEquals("OK", c.ask("QNonStop:1"));
            assertEquals("T00thread:1;", c.ask("?"));
            assertEquals("OK", c.ask("vStopped"));
            assertEquals("OK", c.ask("vCont;c:1"));
            assertEquals("OK", c.ask("Z0," + Integer.toHexString(LOOP_TOP) + ",1"));
            List<String> stops = new ArrayList<>();
            while (stops.size() < 2) {
                String notification = c.receiveNotification();
                assertTrue(notification.startsWith("Stop:"), notification);
                stops.add(notification.substring("Stop:".length()));
                for (String reply = c.ask("vStopped"); !reply.equals("OK"); reply = c.ask("vStopped")) {
                    stops.add(reply);
                }
            }
            Collections.sort(stops);
            assertEquals(List.of("T05thread:1;swbreak:;", "T05thread:2;swbreak:;"), stops);
            assertTrue(debugger.isStopped(vm1.id()) && debugger.isStopped(vm2.id()));
            assertEquals("OK", c.ask("z0," + Integer.toHexString(LOOP_TOP) + ",1"));
            assertEquals("OK", c.ask("D"));
        }
    }
}
