package org.denali.emulator.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.denali.emulator.cpu.decode.ByteSource;
import org.denali.emulator.cpu.decode.DecodedInstruction;
import org.denali.emulator.cpu.decode.Decoder;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** What the translator emits for a region's segments that control cannot reach. */
class BlockTranslatorTest {
    private static final int BASE = 0x1000;

    /**
     * 0x1000: inc %eax; then {@code last} (jmp 0x1010 or ret) -- 0x1003: inc %ecx; inc %ecx; jmp 0x1010. The second
     * segment follows the first in memory (a region takes such traces when they have run) but only a ret can get
     * there.
     */
    private static List<List<DecodedInstruction>> region(byte[] last, boolean withSecond) {
        byte[] code = new byte[0x20];
        code[0] = 0x40;
        System.arraycopy(last, 0, code, 1, last.length);
        code[3] = 0x41;
        code[4] = 0x41;
        code[5] = (byte) 0xEB;
        code[6] = 0x09;
        ByteSource source = ByteSource.of(code, BASE);
        List<List<DecodedInstruction>> segments = new ArrayList<>();
        segments.add(segment(source, BASE, 2));
        if (withSecond) {
            segments.add(segment(source, BASE + 3, 3));
        }
        return segments;
    }

    private static List<DecodedInstruction> segment(ByteSource source, int address, int n) {
        List<DecodedInstruction> segment = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DecodedInstruction d = Decoder.decode(source, address);
            segment.add(d);
            address = d.nextAddress();
        }
        return segment;
    }

    private static byte[] classFile(List<List<DecodedInstruction>> segments) {
        return BlockTranslator.translate(segments, CpuInternals.PACKAGE + "TestBlock").classFile();
    }

    @Test
    void aSegmentOnlyAJmpPassesGetsNoCode() {
        byte[] jmp = {(byte) 0xEB, 0x0D}; // jmp 0x1010
        byte[] without = classFile(region(jmp, false));
        byte[] with = classFile(region(jmp, true));
        assertArrayEquals(without, with, "the unreachable segment changed the class");
        assertFalse(hasAthrow(with), "ASM's filler for unreachable code (nop ... athrow) in the class");
    }

    @Test
    void aSegmentARetMayReachKeepsItsCode() {
        byte[] ret = {(byte) 0xC3, (byte) 0x90};
        byte[] without = classFile(region(ret, false));
        byte[] with = classFile(region(ret, true));
        assertTrue(with.length > without.length + 20, with.length + " bytes against " + without.length);
        assertFalse(hasAthrow(with));
    }

    private static boolean hasAthrow(byte[] classFile) {
        boolean[] found = {false};
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitInsn(int opcode) {
                        found[0] |= opcode == Opcodes.ATHROW;
                    }
                };
            }
        }, 0);
        return found[0];
    }
}
