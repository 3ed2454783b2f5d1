package org.denali.emulator.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.denali.emulator.cpu.decode.DecodedInstruction;
import org.denali.emulator.cpu.decode.Decoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The instruction forms gcc -m32 -O2 emits in hot loops get a lowered execution code, so compiled C stays in the
 * trace executor instead of leaving it for the generic path (a performance property, checked structurally; that
 * the lowered forms compute what the real CPU does is DifferentialInstructionTest's and CProgramDifferentialTest's
 * job). Forms the fast paths do not model stay generic.
 */
class LoweringTest {
    private static Insn lower(String hex) {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex.replace(" ", ""));
        DecodedInstruction d = Decoder.decode(a -> a - 0x1000 < bytes.length ? bytes[a - 0x1000] & 0xFF : 0x90,
            0x1000);
        assertEquals(bytes.length, d.length(), "decoded length of " + hex);
        return Insn.lower(d);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "c1 ea 08 | shr $8,%edx",
        "d1 e8 | shr %eax",
        "c1 fe 04 | sar $4,%esi",
        "d3 e0 | shl %cl,%eax",
        "f7 db | neg %ebx",
        "f7 d0 | not %eax",
        "69 c9 6d 4e c6 41 | imul $0x41c64e6d,%ecx,%ecx",
        "6b d2 1a | imul $26,%edx,%edx",
        "0f af 10 | imul (%eax),%edx",
        "0f af c3 | imul %ebx,%eax",
        "f7 e3 | mul %ebx",
        "0f be c0 | movsbl %al,%eax",
        "0f be 06 | movsbl (%esi),%eax",
        "0f b7 c1 | movzwl %cx,%eax",
        "0f bf 46 02 | movswl 2(%esi),%eax",
        "88 9e 1f 2c 10 00 | mov %bl,0x102c1f(%esi)",
        "8a 06 | mov (%esi),%al",
        "c6 05 1f 3c 10 00 00 | movb $0,0x103c1f",
        "b0 41 | mov $0x41,%al",
        "88 e0 | mov %ah,%al",
        "38 c1 | cmp %al,%cl",
        "3c 2f | cmp $0x2f,%al",
        "80 3e 00 | cmpb $0,(%esi)",
        "84 c0 | test %al,%al",
        "a8 01 | test $1,%al",
        "0f 94 c0 | sete %al",
        "0f 9f c4 | setg %ah",
        "23 06 | and (%esi),%eax",
        "31 10 | xor %edx,(%eax)",
        "83 28 01 | subl $1,(%eax)",
        "85 06 | test %eax,(%esi)",
        "c9 | leave",
        "99 | cltd",
        "ff e0 | jmp *%eax",
        "ff 24 85 00 10 00 00 | jmp *0x1000(,%eax,4)",
        "ff d2 | call *%edx",
        "ff 50 04 | call *4(%eax)",
        "66 90 | xchg %ax,%ax",
        "0f 1f 44 00 00 | nopl 0(%eax,%eax,1)",
    })
    void gccHotLoopFormsAreLowered(String hex, String text) {
        assertNotEquals(Insn.GENERIC, lower(hex).op, text);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "c1 e0 00 | shl $0,%eax (count 0: flags untouched, left to the generic path)",
        "11 c8 | adc %ecx,%eax",
        "f3 a4 | rep movsb",
        "ff 28 | ljmp *(%eax)",
        "f3 90 | pause",
        "66 d1 e0 | shl %ax",
    })
    void formsWithoutAFastPathStayGeneric(String hex, String text) {
        assertEquals(Insn.GENERIC, lower(hex).op, text);
    }
}
