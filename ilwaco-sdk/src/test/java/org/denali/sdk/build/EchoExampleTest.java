package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.denali.emulator.kernel.GuestImage;
import org.denali.emulator.kernel.InHeapMemoryManager;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.KernelConfig;
import org.denali.emulator.kernel.LocalNetwork;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.kernel.VmConfig;
import org.denali.emulator.kernel.VmExit;
import org.denali.emulator.kernel.VmDeviceFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/echo on the isolation kernel: a net-pair client VM (src/test/resources/net/net-pair) pings it and has a
 * datagram echoed over one virtual LAN. The server serves forever, so the kernel ends it once the client has gone
 * and it idles with nothing left to wake it.
 */
class EchoExampleTest {
    private static final int MASK_24 = 0xFFFFFF00;

    @TempDir
    Path temp;

    @Test
    void answersPingsAndEchoesDatagramsAndIdlesBetweenThem() throws Exception {
        BuildResult echo = TestBuilds.buildOk(TestBuilds.copyExample("echo", temp));
        assertTrue(echo.diagnostics().isEmpty(), echo.diagnostics().toString());
        Path client = temp.resolve("net-pair");
        Files.createDirectories(client);
        for (String name : List.of("net_pair.c", "denali.properties")) {
            try (var in = EchoExampleTest.class.getResourceAsStream("/net/net-pair/" + name)) {
                Files.write(client.resolve(name), in.readAllBytes());
            }
        }
        BuildResult pair = TestBuilds.buildOk(client);

        Kernel kernel = new Kernel(KernelConfig.defaults(), InHeapMemoryManager.unlimited());
        List<VmDeviceFactory> lan = List.of(new LocalNetwork());
        ByteArrayOutputStream serverConsole = new ByteArrayOutputStream();
        ByteArrayOutputStream clientConsole = new ByteArrayOutputStream();
        VirtualMachine server = kernel.instantiate(GuestImage.parse(Files.readAllBytes(echo.image())),
            VmConfig.defaults().withNic(0, 0x0A000003, MASK_24, 0), serverConsole, lan);
        VirtualMachine clientVm = kernel.instantiate(GuestImage.parse(Files.readAllBytes(pair.image())),
            VmConfig.defaults().withNic(0, 0x0A000002, MASK_24, 0), clientConsole, lan);
        kernel.run();

        String clientText = clientConsole.toString(StandardCharsets.UTF_8);
        String serverText = serverConsole.toString(StandardCharsets.UTF_8);
        assertEquals(VmExit.terminated(0), clientVm.exit(), clientText);
        assertTrue(clientText.contains("client: ping 10.0.0.3 seq 3: reply\n"), clientText);
        assertTrue(clientText.contains("client: echo from 10.0.0.3:7: hello over the virtual LAN\n"), clientText);
        assertTrue(serverText.startsWith("echo: listening on 10.0.0.3:7\n"), serverText);
        assertTrue(serverText.contains("echo: 26 bytes from 10.0.0.2:49152\n"), serverText);
        assertEquals(VmExit.Kind.IDLE_FOREVER, server.exit().kind(), serverText);
    }

    @Test
    void withoutAStaticAddressItSaysSoAndStops() throws Exception {
        BuildResult echo = TestBuilds.buildOk(TestBuilds.copyExample("echo", temp));
        Kernel kernel = new Kernel(KernelConfig.defaults(), InHeapMemoryManager.unlimited());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        VirtualMachine vm = kernel.instantiate(GuestImage.parse(Files.readAllBytes(echo.image())),
            VmConfig.defaults(), console, List.of(new LocalNetwork()));
        kernel.run();
        assertTrue(console.toString(StandardCharsets.UTF_8).startsWith("echo: no static IPv4 address"), console.toString());
        assertEquals(VmExit.terminated(1), vm.exit());
    }
}
