package org.denali.emulator.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.denali.emulator.debug.DebugGuests;
import org.denali.emulator.kernel.GuestImage;
import org.denali.emulator.kernel.KernelConfig;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.kernel.VmConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18, part 4: one kernel builder, used by every caller that puts a kernel together. */
class KernelAssemblyTest {
    @TempDir
    Path dir;

    @Test
    void aKernelWithoutLanGivesItsVmsNoNic() throws IOException {
        try (KernelAssembly assembly = KernelAssembly.builder(KernelConfig.defaults()).withoutLan().build()) {
            assertNull(assembly.network());
            assertTrue(assembly.devices().isEmpty(), "no NIC factory: " + assembly.devices());
        }
        try (KernelAssembly assembly = KernelAssembly.builder(KernelConfig.defaults()).build()) {
            assertNotNull(assembly.network());
            assertEquals(List.of(assembly.network()), assembly.devices());
        }
    }

    @Test
    void aPcapTapNeedsTheLan() {
        assertThrows(IllegalStateException.class, () -> KernelAssembly.builder(KernelConfig.defaults()).withoutLan()
            .pcap(dir.resolve("lan.pcap")).build());
        assertTrue(Files.notExists(dir.resolve("lan.pcap")));
    }

    /**
     * A deployment's VMs are "httpd#0" in their console prefix; the monitor's VM list (the Scheduler view's Name
     * column, its filter) and gdb's thread names say the same, not "vm1".
     */
    @Test
    void aNamedVmIsNamedSoInTheDebugger() throws Exception {
        try (KernelAssembly assembly = KernelAssembly.builder(KernelConfig.defaults()).monitor(0).build()) {
            GuestImage image = DebugGuests.image(DebugGuests.LOOP);
            VirtualMachine first = assembly.instantiate(image, VmConfig.defaults(), OutputStream.nullOutputStream(),
                "httpd#0", line -> { });
            VirtualMachine plain = assembly.instantiate(image, VmConfig.defaults(), OutputStream.nullOutputStream());
            VirtualMachine second = assembly.instantiate(image, VmConfig.defaults(), OutputStream.nullOutputStream(),
                "httpd#1", line -> { });
            assertEquals("httpd#0", assembly.debugger().vm(first.id()).name());
            assertEquals("vm" + plain.id(), assembly.debugger().vm(plain.id()).name());
            assertEquals("httpd#1", assembly.debugger().vm(second.id()).name());
        }
    }

    /**
     * Nothing but the builder constructs a kernel in the product's sources (emulator-core, the SDK and CLI, the
     * plug-ins): the CLI, deployments, the IDE (which runs the CLI), the soak, the scale benchmark and the paper's web
     * farm all go through {@link KernelAssembly}. The debugger's kernel is made for the builder only.
     */
    @Test
    void onlyTheBuilderConstructsKernels() throws IOException {
        Path repository = Path.of("").toAbsolutePath().getParent();
        List<Path> roots = new ArrayList<>(List.of(repository.resolve("emulator-core/src/main/java"),
            repository.resolve("ilwaco-sdk/src/main/java")));
        try (Stream<Path> plugins = Files.list(repository.resolve("plugins"))) {
            plugins.filter(p -> !p.getFileName().toString().endsWith(".tests")).map(p -> p.resolve("src"))
                .filter(Files::isDirectory).forEach(roots::add);
        }
        List<String> constructs = new ArrayList<>();
        List<String> debuggerKernels = new ArrayList<>();
        int files = 0;
        for (Path root : roots) {
            assertTrue(Files.isDirectory(root), root + " exists");
            try (Stream<Path> sources = Files.walk(root)) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    String name = source.getFileName().toString();
                    // code only: the package documentation shows a kernel built by hand in a comment
                    String code = Files.readString(source).replaceAll("(?s)/\\*.*?\\*/", "")
                        .replaceAll("//[^\n]*", "");
                    if (code.contains("new Kernel(")) {
                        constructs.add(name);
                    }
                    if (code.contains("KernelDebugger.newKernel(")) {
                        debuggerKernels.add(name);
                    }
                }
            }
        }
        assertTrue(files > 300, "the product's sources were found: " + files + " files under " + roots);
        assertEquals(List.of("KernelAssembly.java", "KernelDebugger.java"), constructs.stream().sorted().toList());
        assertEquals(List.of("KernelAssembly.java"), debuggerKernels);
    }
}
