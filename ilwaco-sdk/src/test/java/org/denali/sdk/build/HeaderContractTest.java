package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.denali.emulator.arch.InterruptLines;
import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.arch.Ports;
import org.denali.emulator.arch.VirtualInstructions;
import org.denali.emulator.arch.VirtualRegisters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * denali.h agrees with org.denali.emulator.arch (the same numbers in Java), its own _Static_asserts are all
 * compiled, and every public header stands alone.
 */
class HeaderContractTest {
    @TempDir
    Path temp;

    /** C expression = Java value: register offsets, ports, lines, instruction results and the memory map. */
    private static Map<String, Long> contract() {
        Map<String, Long> c = new LinkedHashMap<>();
        String[][] registers = {
                {"magic", "MAGIC"}, {"version", "VERSION"}, {"vm_id", "VM_ID"}, {"cpu_speed_khz", "CPU_SPEED_KHZ"},
                {"memory_size", "MEMORY_SIZE"}, {"image_end", "IMAGE_END"}, {"system_time_us", "SYSTEM_TIME_US"},
                {"interrupts_enabled", "INTERRUPTS_ENABLED"}, {"pending_interrupts", "PENDING_INTERRUPTS"},
                {"interrupt_handler", "INTERRUPT_HANDLER"}, {"delivered_interrupts", "DELIVERED_INTERRUPTS"},
                {"instructions_retired", "INSTRUCTIONS_RETIRED"}, {"wake_reason", "WAKE_REASON"},
                {"nic_mac", "NIC_MAC"}, {"nic_ipv4", "NIC_IPV4"}, {"nic_netmask", "NIC_NETMASK"},
                {"nic_gateway", "NIC_GATEWAY"}, {"nic_mtu", "NIC_MTU"}, {"disk_count", "DISK_COUNT"},
                {"disk_blocks", "DISK_BLOCKS"}, {"keyboard_available", "KEYBOARD_AVAILABLE"},
                {"nic_rx_queued", "NIC_RX_QUEUED"}};
        int[] offsets = {VirtualRegisters.MAGIC, VirtualRegisters.VERSION, VirtualRegisters.VM_ID,
                VirtualRegisters.CPU_SPEED_KHZ, VirtualRegisters.MEMORY_SIZE, VirtualRegisters.IMAGE_END,
                VirtualRegisters.SYSTEM_TIME_US, VirtualRegisters.INTERRUPTS_ENABLED,
                VirtualRegisters.PENDING_INTERRUPTS, VirtualRegisters.INTERRUPT_HANDLER,
                VirtualRegisters.DELIVERED_INTERRUPTS, VirtualRegisters.INSTRUCTIONS_RETIRED,
                VirtualRegisters.WAKE_REASON, VirtualRegisters.NIC_MAC, VirtualRegisters.NIC_IPV4,
                VirtualRegisters.NIC_NETMASK, VirtualRegisters.NIC_GATEWAY, VirtualRegisters.NIC_MTU,
                VirtualRegisters.DISK_COUNT, VirtualRegisters.DISK_BLOCKS, VirtualRegisters.KEYBOARD_AVAILABLE,
                VirtualRegisters.NIC_RX_QUEUED};
        for (int i = 0; i < registers.length; i++) {
            c.put("offsetof(struct denali_vregs, " + registers[i][0] + ")", (long) offsets[i]);
        }
        c.put("DENALI_MAGIC", Integer.toUnsignedLong(VirtualRegisters.MAGIC_VALUE));
        c.put("DENALI_VERSION", (long) VirtualRegisters.VERSION_VALUE);
        c.put("DENALI_MAX_DISKS", (long) VirtualRegisters.MAX_DISKS);
        c.put("DENALI_PORT_CONSOLE_PUTC", (long) Ports.CONSOLE_PUTC);
        c.put("DENALI_PORT_CONSOLE_WRITE", (long) Ports.CONSOLE_WRITE);
        c.put("DENALI_PORT_KEYBOARD_READ", (long) Ports.KEYBOARD_READ);
        c.put("DENALI_PORT_TIMER_ARM", (long) Ports.TIMER_ARM);
        c.put("DENALI_PORT_TIMER_PERIODIC", (long) Ports.TIMER_PERIODIC);
        c.put("DENALI_PORT_NIC_SEND", (long) Ports.NIC_SEND);
        c.put("DENALI_PORT_NIC_RECEIVE", (long) Ports.NIC_RECEIVE);
        c.put("DENALI_PORT_DISK_SUBMIT", (long) Ports.DISK_SUBMIT);
        c.put("DENALI_IRQ_TIMER", (long) InterruptLines.TIMER);
        c.put("DENALI_IRQ_NIC_RECEIVE", (long) InterruptLines.NIC_RECEIVE);
        c.put("DENALI_IRQ_DISK", (long) InterruptLines.DISK);
        c.put("DENALI_IRQ_KEYBOARD", (long) InterruptLines.KEYBOARD);
        c.put("DENALI_IRQ_COUNT", (long) InterruptLines.COUNT);
        c.put("DENALI_IDLE_FOREVER", Integer.toUnsignedLong(VirtualInstructions.IDLE_FOREVER));
        c.put("DENALI_WOKE_BY_TIMEOUT", (long) VirtualInstructions.WOKE_BY_TIMEOUT);
        c.put("DENALI_WOKE_BY_INTERRUPT", (long) VirtualInstructions.WOKE_BY_INTERRUPT);
        c.put("DENALI_PAGE_SIZE", (long) MemoryMap.PAGE_SIZE);
        c.put("DENALI_VREGS_ADDRESS", (long) MemoryMap.VIRTUAL_REGISTERS_BASE);
        c.put("DENALI_LINK_BASE", (long) MemoryMap.LINK_BASE);
        c.put("DENALI_DEFAULT_MEMORY_SIZE", (long) MemoryMap.DEFAULT_MEMORY_SIZE);
        c.put("DENALI_KERNEL_REGION_BASE", Integer.toUnsignedLong(MemoryMap.KERNEL_REGION_BASE));
        return c;
    }

    private ToolRun compile(String source, String name) throws Exception {
        SdkLayout sdk = TestBuilds.builder().sdk();
        Path file = temp.resolve(name);
        Files.writeString(file, source);
        List<String> command = new ArrayList<>(List.of(ToolchainFlags.COMPILER));
        command.addAll(ToolchainFlags.TARGET);
        command.addAll(List.of("-Wall", "-Wextra", "-Werror", "-I" + sdk.includeDir(), "-c", file.toString(),
                "-o", temp.resolve(name + ".o").toString()));
        return ToolRun.run(command, temp);
    }

    private static String assertions(Map<String, Long> contract, long skew) {
        StringBuilder c = new StringBuilder("#include <denali.h>\n");
        contract.forEach((expression, value) -> c.append("_Static_assert((unsigned long long)(").append(expression)
                .append(") == ").append(value + skew).append("ULL, \"").append(expression.replace("\"", ""))
                .append("\");\n"));
        return c.toString();
    }

    @Test
    void denaliHMatchesTheJavaArchitectureConstants() throws Exception {
        ToolRun run = compile(assertions(contract(), 0), "contract.c");
        assertEquals(0, run.exitCode(), run.output());
    }

    @Test
    void aContractThatDisagreesFailsToCompileSoTheCheckAboveCanFail() throws Exception {
        ToolRun run = compile(assertions(contract(), 4), "skewed.c");
        assertFalse(run.succeeded());
        assertEquals(contract().size(), run.output().split("static assertion failed", -1).length - 1, run.output());
    }

    @Test
    void everyStaticAssertInDenaliHIsCompiledAndEveryRegisterHasOne() throws Exception {
        SdkLayout sdk = TestBuilds.builder().sdk();
        String header = Files.readString(sdk.includeDir().resolve("denali.h"));
        List<String> command = new ArrayList<>(List.of(ToolchainFlags.COMPILER));
        command.addAll(ToolchainFlags.TARGET);
        command.addAll(List.of("-I" + sdk.includeDir(), "-E", "-P", sdk.includeDir().resolve("denali.h").toString()));
        ToolRun preprocessed = ToolRun.run(command, temp);
        assertEquals(0, preprocessed.exitCode(), preprocessed.output());
        long inSource = count(header, "_Static_assert(");
        assertEquals(inSource, count(preprocessed.output(), "_Static_assert("), "no assert is #if'd out");
        for (String expression : contract().keySet()) {
            if (expression.startsWith("offsetof")) {
                String field = expression.substring(expression.indexOf(", ") + 2, expression.length() - 1);
                assertTrue(header.contains("offsetof(struct denali_vregs, " + field + ") =="), field + " asserted");
            }
        }
        assertEquals(0, compile("#include <denali.h>\n", "denali_only.c").exitCode());
    }

    @Test
    void everyPublicHeaderCompilesOnItsOwnWithoutWarnings() throws Exception {
        Path include = TestBuilds.builder().sdk().includeDir();
        List<Path> headers;
        try (Stream<Path> walk = Files.walk(include)) {
            headers = walk.filter(p -> p.toString().endsWith(".h")).sorted().toList();
        }
        assertTrue(headers.size() >= 16, headers.toString());
        for (Path header : headers) {
            String name = include.relativize(header).toString();
            ToolRun run = compile("#include <" + name + ">\n#include <" + name + ">\nint ilwaco_header_check;\n",
                    name.replace('/', '_') + ".c");
            assertEquals(0, run.exitCode(), name + ":\n" + run.output());
        }
    }

    private static long count(String text, String needle) {
        return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }
}
