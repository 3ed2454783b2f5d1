package org.denali.emulator.debug.rsp;

import static org.denali.emulator.debug.DebugGuests.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.util.Random;
import org.denali.emulator.debug.KernelDebugger;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.kernel.VmState;
import org.junit.jupiter.api.Test;

/** Hostile input never crashes the server or the kernel: garbage, bad checksums, oversized and truncated packets. */
class PacketFuzzTest {
    private static final String[] PREFIXES = {"g", "G", "p", "P", "m", "M", "X", "Z", "z", "H", "T", "q", "Q", "v",
        "vCont;", "qXfer:features:read:", "qXfer:threads:read:", "qRcmd,", "qDenali:", "?", ""};

    @Test
    void randomPacketsGetRepliesAndTheKernelKeepsRunning() throws Exception {
        KernelDebugger debugger = debugger();
        VirtualMachine vm = instantiate(debugger, image(LOOP));
        start(debugger);
        Random random = new Random(42);
        try (GdbServer server = GdbServer.start(debugger, 0)) {
            for (int round = 0; round < 20; round++) {
                try (RspClient c = new RspClient(server.port())) {
                    c.socket.setSoTimeout(5_000);
                    for (int i = 0; i < 60; i++) {
                        String payload = PREFIXES[random.nextInt(PREFIXES.length)] + garbage(random);
                        if (payload.startsWith("c") || payload.startsWith("s") || payload.startsWith("vCont;")
                                || payload.startsWith("k") || payload.startsWith("vKill") || payload.startsWith("D")) {
                            // resumes (GdbServerTest.breakpointsStepsWatchpointsVContAndInterrupt), detach and the kills
                            // (kShutsTheKernelDown, vKillRepliesOkAndShutsTheKernelDown) have their own tests
                            continue;
                        }
                        c.send(payload);
                        assertNotNull(c.receive(), payload);
                    }
                    switch (round % 4) {
                        case 0 -> c.sendRaw(randomBytes(random, 2000));
                        case 1 -> c.sendRaw(("$" + "A".repeat(PacketChannel.MAX_PACKET + 10)).getBytes());
                        case 2 -> c.sendRaw("$m0,4#zz$qSupported#".getBytes());
                        default -> c.sendRaw("$g".getBytes());
                    }
                } catch (IOException closedByServer) {
                    // the server may drop a client that sent garbage; that is the point
                }
                long before = vm.instructionsRetired();
                try (RspClient probe = new RspClient(server.port())) {
                    assertTrue(probe.ask("qSupported").contains("PacketSize"), "server still answers");
                    assertEquals("OK", probe.ask("D"));
                }
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (vm.instructionsRetired() == before && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                assertNotEquals(VmState.ENDED, vm.state());
                assertTrue(vm.instructionsRetired() > before, "the guest keeps running after round " + round);
            }
        } finally {
            debugger.kernel().shutdown();
        }
    }

    private static String garbage(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(40);
        String alphabet = "0123456789abcdefABCDEF,:;=-p.xyz#$}*\u00ff\u0003";
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString().replace("#", "").replace("$", "").replace("}", "").replace("*", "");
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
