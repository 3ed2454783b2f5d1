package org.denali.emulator.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.denali.emulator.arch.InterruptLines;
import org.denali.emulator.arch.Ports;
import org.denali.emulator.arch.FaultVector;
import org.denali.emulator.arch.GuestException;
import org.denali.emulator.devices.console.Console;
import org.denali.emulator.devices.keyboard.Keyboard;
import org.denali.emulator.devices.timer.Timer;
import org.denali.emulator.devices.timer.TimerService;
import org.denali.emulator.memory.PagedMemory;
import org.junit.jupiter.api.Test;

class DevicesTest {
    private final PagedMemory memory = new PagedMemory(1 << 20, org.denali.emulator.memory.PageProvider.ZERO_FILL);

    @Test
    void consolePutcAndWriteDescriptor() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(out);
        console.out(Ports.CONSOLE_PUTC, 1, 'A', memory);
        memory.writeBytes(0x2000, "hello".getBytes(StandardCharsets.US_ASCII), 0, 5);
        memory.write32(0x3000, 0x2000);
        memory.write32(0x3004, 5);
        console.out(Ports.CONSOLE_WRITE, 4, 0x3000, memory);
        assertEquals("Ahello", out.toString(StandardCharsets.US_ASCII));
        assertEquals(6, console.bytesWritten());
        assertTrue(console.ports().stream().anyMatch(r -> r.contains(Ports.CONSOLE_WRITE)));
        assertFalse(console.ports().stream().anyMatch(r -> r.contains(Ports.KEYBOARD_READ)));
    }

    @Test
    void consoleRejectsWrongWidthAndReads() {
        Console console = new Console(new ByteArrayOutputStream());
        GuestException e = assertThrows(GuestException.class, () -> console.out(Ports.CONSOLE_WRITE, 1, 0, memory));
        assertEquals(FaultVector.GP, e.vector());
        assertThrows(GuestException.class, () -> console.in(Ports.CONSOLE_PUTC, 1, memory));
        memory.write32(0x3000, 0x2000);
        memory.write32(0x3004, 0x7FFF_FFFF);
        assertThrows(GuestException.class, () -> console.out(Ports.CONSOLE_WRITE, 4, 0x3000, memory));
    }

    @Test
    void keyboardQueuesBytesRaisesOnEmptyToNonEmptyAndReportsAvailability() {
        List<Integer> raised = new ArrayList<>();
        List<Integer> available = new ArrayList<>();
        Keyboard keyboard = new Keyboard(raised::add, available::add);
        keyboard.type("ab".getBytes(StandardCharsets.US_ASCII), 0, 2);
        keyboard.type("c".getBytes(StandardCharsets.US_ASCII), 0, 1);
        assertEquals(List.of(InterruptLines.KEYBOARD), raised, "one interrupt per burst");
        assertEquals('a', keyboard.in(Ports.KEYBOARD_READ, 4, memory));
        assertEquals('b', keyboard.in(Ports.KEYBOARD_READ, 4, memory));
        assertEquals('c', keyboard.in(Ports.KEYBOARD_READ, 4, memory));
        assertEquals(-1, keyboard.in(Ports.KEYBOARD_READ, 4, memory));
        assertEquals(List.of(2, 3, 2, 1, 0, 0), available);
        keyboard.type(new byte[] {'d'}, 0, 1);
        assertEquals(2, raised.size(), "empty again, so the next byte raises again");
        assertThrows(GuestException.class, () -> keyboard.in(Ports.KEYBOARD_READ, 1, memory));
        assertThrows(GuestException.class, () -> keyboard.out(Ports.KEYBOARD_READ, 4, 0, memory));
    }

    @Test
    void timerArmsAndDisarmsThroughTheKernelService() {
        List<Long> armed = new ArrayList<>();
        int[] disarmed = {0};
        Timer timer = new Timer(new TimerService() {
            @Override
            public void arm(long micros) {
                armed.add(micros);
            }

            @Override
            public void armPeriodic(long periodMicros) {
                armed.add(-periodMicros); // negative marks a periodic arming in this log
            }

            @Override
            public void disarm() {
                disarmed[0]++;
            }
        });
        timer.out(Ports.TIMER_ARM, 4, 250, memory);
        timer.out(Ports.TIMER_ARM, 4, -1, memory);
        timer.out(Ports.TIMER_ARM, 4, 0, memory);
        timer.out(Ports.TIMER_PERIODIC, 4, 40, memory);
        timer.out(Ports.TIMER_PERIODIC, 4, 0, memory);
        assertEquals(List.of(250L, 0xFFFF_FFFFL, -40L), armed);
        assertEquals(2, disarmed[0]);
        assertThrows(GuestException.class, () -> timer.out(Ports.TIMER_PERIODIC, 1, 5, memory));
        assertThrows(GuestException.class, () -> timer.in(Ports.TIMER_PERIODIC, 4, memory));
        assertThrows(GuestException.class, () -> timer.out(Ports.TIMER_ARM, 2, 5, memory));
        assertThrows(GuestException.class, () -> timer.in(Ports.TIMER_ARM, 4, memory));
    }
}
