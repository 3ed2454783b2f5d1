package org.denali.emulator.cpu.decode;

/**
 * The instruction kinds of the Denali ISA (the i686 integer subset plus Denali's two virtual instructions), and two
 * catch-alls: {@link #UNSUPPORTED} for real x86 instructions outside the Denali ISA (x87, SSE, segment loads,
 * privileged instructions; {@link DecodedInstruction#mnemonicText()} still gives their real name) and
 * {@link #INVALID} for byte sequences that are not an instruction at all.
 * Conditional families (Jcc, SETcc, CMOVcc) are one kind each; {@link DecodedInstruction#condition()} says which.
 */
public enum Mnemonic {
    ADD, OR, ADC, SBB, AND, SUB, XOR, CMP,
    INC, DEC, NEG, NOT, TEST,
    MUL, IMUL, DIV, IDIV,
    ROL, ROR, RCL, RCR, SHL, SHR, SAL, SAR, SHLD, SHRD,
    BT, BTS, BTR, BTC, BSF, BSR,
    SETCC, CMOVCC, JCC,
    MOV, MOVZX, MOVSX, LEA, XCHG, CMPXCHG, XADD, BSWAP,
    PUSH, POP, PUSHA, POPA, PUSHF, POPF, ENTER, LEAVE,
    CALL, RET, JMP, LOOP, LOOPE, LOOPNE, JECXZ,
    MOVS, CMPS, SCAS, LODS, STOS,
    CBW, CWD, LAHF, SAHF, CLC, STC, CMC, CLD, STD,
    NOP, CPUID, RDTSC, IN, OUT, HLT, INT3, INT, IRET, UD2,
    /** Denali virtual instruction 0F 0A: idle with timeout (EAX = microseconds). */
    IDLE,
    /** Denali virtual instruction 0F 0C: terminate the VM (EAX = exit code). */
    TERMINATE,
    /** A real x86 instruction the Denali ISA leaves out; executing it raises #UD. */
    UNSUPPORTED,
    /** Not an x86 instruction (or not fetchable); executing it raises #UD (or #PF if the fetch faulted). */
    INVALID;

    private final String text = name().toLowerCase(java.util.Locale.ROOT);

    /** Lower-case assembler name (for conditional and sized families, see DecodedInstruction#mnemonicText). */
    public String text() {
        return text;
    }
}
