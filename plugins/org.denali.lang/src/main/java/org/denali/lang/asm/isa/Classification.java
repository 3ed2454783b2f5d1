package org.denali.lang.asm.isa;

import org.denali.emulator.cpu.decode.Mnemonic;

/** What an assembly mnemonic is in the Denali ISA. */
public sealed interface Classification {

    /** The mnemonic as written. */
    String name();

    /**
     * An instruction of the subset.
     *
     * @param size the operand size the suffix or spelling gives, or null if the operands must say
     * @param sourceSize for movzx/movsx spelled movzbl etc.: the source size, else null
     */
    record Supported(String name, InstructionSpec spec, OperandSize size, OperandSize sourceSize)
            implements Classification {
        public Mnemonic mnemonic() {
            return spec.mnemonic();
        }
    }

    /** A base name of the subset with a suffix it does not take (bswapw, setcl). */
    record BadSuffix(String name, String base, InstructionSpec spec, char suffix) implements Classification {
    }

    /** Denali's idle/terminate: GNU as does not know them, they are written as .byte sequences. */
    record Virtual(String name, VirtualInstruction instruction) implements Classification {
    }

    /** A real x86 instruction outside the Denali ISA, with the specification's reason. */
    record Outside(String name, String reason) implements Classification {
    }

    /** Not an x86 instruction gas knows. */
    record Unknown(String name) implements Classification {
    }
}
