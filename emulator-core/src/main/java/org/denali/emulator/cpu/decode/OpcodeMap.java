package org.denali.emulator.cpu.decode;

/**
 * The one-byte and 0F two-byte opcode maps, as data. An entry is a form spec (see {@link OpcodeForm}), a group
 * reference {@code #name} (the ModRM reg field selects one of eight forms), a prefix marker {@code PREFIX}, or
 * null for an invalid opcode.
 */
final class OpcodeMap {
    static final String PREFIX = "PREFIX";
    private static final String[] ALU = {"ADD", "OR", "ADC", "SBB", "AND", "SUB", "XOR", "CMP"};

    /** Parsed forms; null where the opcode is a group, a prefix or invalid. */
    static final OpcodeForm[] ONE_BYTE = new OpcodeForm[256];
    static final OpcodeForm[] TWO_BYTE = new OpcodeForm[256];
    /** Group tables indexed by opcode (0x000-0x0FF one byte, 0x100-0x1FF after 0F), then by ModRM reg. */
    static final OpcodeForm[][] GROUPS = new OpcodeForm[512][];
    static final boolean[] IS_PREFIX = new boolean[256];

    private OpcodeMap() {
    }

    static {
        String[] one = new String[256];
        for (int i = 0; i < 8; i++) {
            int b = i << 3;
            one[b] = ALU[i] + " Eb,Gb";
            one[b + 1] = ALU[i] + " Ev,Gv";
            one[b + 2] = ALU[i] + " Gb,Eb";
            one[b + 3] = ALU[i] + " Gv,Ev";
            one[b + 4] = ALU[i] + " AL,Ib";
            one[b + 5] = ALU[i] + " eAX,Iz";
            one[0x40 + i] = "INC Zv";
            one[0x48 + i] = "DEC Zv";
            one[0x50 + i] = "PUSH Zv";
            one[0x58 + i] = "POP Zv";
            one[0x70 + i] = "JCC Jb";
            one[0x78 + i] = "JCC Jb";
            one[0x90 + i] = "XCHG Zv,eAX";
            one[0xB0 + i] = "MOV Zb,Ib";
            one[0xB8 + i] = "MOV Zv,Iz";
            one[0xD8 + i] = "#x87";
        }
        one[0x06] = "!push es";
        one[0x07] = "!pop es";
        one[0x0E] = "!push cs";
        one[0x0F] = null; // the two-byte escape, handled by the decoder
        one[0x16] = "!push ss";
        one[0x17] = "!pop ss";
        one[0x1E] = "!push ds";
        one[0x1F] = "!pop ds";
        one[0x26] = PREFIX;
        one[0x27] = "!daa";
        one[0x2E] = PREFIX;
        one[0x2F] = "!das";
        one[0x36] = PREFIX;
        one[0x37] = "!aaa";
        one[0x3E] = PREFIX;
        one[0x3F] = "!aas";
        one[0x60] = "PUSHA";
        one[0x61] = "POPA";
        one[0x62] = "!bound Gv,M";
        one[0x63] = "!arpl Ew,Gw";
        one[0x64] = PREFIX;
        one[0x65] = PREFIX;
        one[0x66] = PREFIX;
        one[0x67] = PREFIX;
        one[0x68] = "PUSH Iz";
        one[0x69] = "IMUL Gv,Ev,Iz";
        one[0x6A] = "PUSH Ibs";
        one[0x6B] = "IMUL Gv,Ev,Ibs";
        one[0x6C] = "!insb";
        one[0x6D] = "!insd";
        one[0x6E] = "!outsb";
        one[0x6F] = "!outsd";
        one[0x80] = "#1b";
        one[0x81] = "#1v";
        one[0x82] = "#1b"; // alias of 80 outside 64-bit mode
        one[0x83] = "#1s";
        one[0x84] = "TEST Eb,Gb";
        one[0x85] = "TEST Ev,Gv";
        one[0x86] = "XCHG Eb,Gb";
        one[0x87] = "XCHG Ev,Gv";
        one[0x88] = "MOV Eb,Gb";
        one[0x89] = "MOV Ev,Gv";
        one[0x8A] = "MOV Gb,Eb";
        one[0x8B] = "MOV Gv,Ev";
        one[0x8C] = "!mov Ew,Sw";
        one[0x8D] = "LEA Gv,M";
        one[0x8E] = "!mov Sw,Ew";
        one[0x8F] = "#1a";
        one[0x90] = "NOP";
        one[0x98] = "CBW";
        one[0x99] = "CWD";
        one[0x9A] = "!lcall Ap";
        one[0x9B] = "!fwait";
        one[0x9C] = "PUSHF";
        one[0x9D] = "POPF";
        one[0x9E] = "SAHF";
        one[0x9F] = "LAHF";
        one[0xA0] = "MOV AL,Ob";
        one[0xA1] = "MOV eAX,Ov";
        one[0xA2] = "MOV Ob,AL";
        one[0xA3] = "MOV Ov,eAX";
        one[0xA4] = "MOVS _b";
        one[0xA5] = "MOVS _v";
        one[0xA6] = "CMPS _b";
        one[0xA7] = "CMPS _v";
        one[0xA8] = "TEST AL,Ib";
        one[0xA9] = "TEST eAX,Iz";
        one[0xAA] = "STOS _b";
        one[0xAB] = "STOS _v";
        one[0xAC] = "LODS _b";
        one[0xAD] = "LODS _v";
        one[0xAE] = "SCAS _b";
        one[0xAF] = "SCAS _v";
        one[0xC0] = "#2b";
        one[0xC1] = "#2v";
        one[0xC2] = "RET Iw";
        one[0xC3] = "RET";
        one[0xC4] = "!les Gv,Mp";
        one[0xC5] = "!lds Gv,Mp";
        one[0xC6] = "#11b";
        one[0xC7] = "#11v";
        one[0xC8] = "ENTER Iw,Ib";
        one[0xC9] = "LEAVE";
        one[0xCA] = "!lret Iw";
        one[0xCB] = "!lret";
        one[0xCC] = "INT3";
        one[0xCD] = "INT Ib";
        one[0xCE] = "!into";
        one[0xCF] = "IRET";
        one[0xD0] = "#2b1";
        one[0xD1] = "#2v1";
        one[0xD2] = "#2bcl";
        one[0xD3] = "#2vcl";
        one[0xD4] = "!aam Ib";
        one[0xD5] = "!aad Ib";
        one[0xD6] = "!salc";
        one[0xD7] = "!xlat";
        one[0xE0] = "LOOPNE Jb";
        one[0xE1] = "LOOPE Jb";
        one[0xE2] = "LOOP Jb";
        one[0xE3] = "JECXZ Jb";
        one[0xE4] = "IN AL,Ib";
        one[0xE5] = "IN eAX,Ib";
        one[0xE6] = "OUT Ib,AL";
        one[0xE7] = "OUT Ib,eAX";
        one[0xE8] = "CALL Jz";
        one[0xE9] = "JMP Jz";
        one[0xEA] = "!ljmp Ap";
        one[0xEB] = "JMP Jb";
        one[0xEC] = "IN AL,DX";
        one[0xED] = "IN eAX,DX";
        one[0xEE] = "OUT DX,AL";
        one[0xEF] = "OUT DX,eAX";
        one[0xF0] = PREFIX;
        one[0xF1] = "!int1";
        one[0xF2] = PREFIX;
        one[0xF3] = PREFIX;
        one[0xF4] = "HLT";
        one[0xF5] = "CMC";
        one[0xF6] = "#3b";
        one[0xF7] = "#3v";
        one[0xF8] = "CLC";
        one[0xF9] = "STC";
        one[0xFA] = "!cli";
        one[0xFB] = "!sti";
        one[0xFC] = "CLD";
        one[0xFD] = "STD";
        one[0xFE] = "#4";
        one[0xFF] = "#5";

        String[] two = new String[256];
        two[0x00] = "#6";
        two[0x01] = "#7";
        two[0x02] = "!lar Gv,Ew";
        two[0x03] = "!lsl Gv,Ew";
        two[0x05] = "!syscall";
        two[0x06] = "!clts";
        two[0x07] = "!sysret";
        two[0x08] = "!invd";
        two[0x09] = "!wbinvd";
        two[0x0A] = "IDLE";
        two[0x0B] = "UD2";
        two[0x0C] = "TERMINATE";
        two[0x0D] = "!prefetch M";
        two[0x10] = "!movups Gd,Ed";
        two[0x11] = "!movups Ed,Gd";
        for (int b = 0x12; b <= 0x17; b++) {
            two[b] = "!sse Gd,Ed";
        }
        two[0x18] = "!prefetch M";
        for (int b = 0x19; b <= 0x1F; b++) {
            two[b] = "NOP Ev"; // 0F 1F /0 is the recommended multi-byte nop; 19-1E are reserved-nop hints
        }
        two[0x20] = "!mov Rd,Cd";
        two[0x21] = "!mov Rd,Dd";
        two[0x22] = "!mov Cd,Rd";
        two[0x23] = "!mov Dd,Rd";
        for (int b = 0x28; b <= 0x2F; b++) {
            two[b] = "!sse Gd,Ed";
        }
        two[0x28] = "!movaps Gd,Ed";
        two[0x29] = "!movaps Ed,Gd";
        two[0x30] = "!wrmsr";
        two[0x31] = "RDTSC";
        two[0x32] = "!rdmsr";
        two[0x33] = "!rdpmc";
        two[0x34] = "!sysenter";
        two[0x35] = "!sysexit";
        for (int i = 0; i < 16; i++) {
            two[0x40 + i] = "CMOVCC Gv,Ev";
            two[0x80 + i] = "JCC Jz";
            two[0x90 + i] = "SETCC Eb";
        }
        for (int b = 0x50; b <= 0x7F; b++) {
            two[b] = (b >= 0x70 && b <= 0x73) ? "!sse Gd,Ed,Ib" : "!sse Gd,Ed";
        }
        two[0x57] = "!xorps Gd,Ed";
        two[0x6E] = "!movd Gd,Ed";
        two[0x7E] = "!movd Ed,Gd";
        two[0x6F] = "!movq Gd,Ed";
        two[0x7F] = "!movq Ed,Gd";
        two[0x77] = "!emms";
        two[0xA0] = "!push fs";
        two[0xA1] = "!pop fs";
        two[0xA2] = "CPUID";
        two[0xA3] = "BT Ev,Gv";
        two[0xA4] = "SHLD Ev,Gv,Ib";
        two[0xA5] = "SHLD Ev,Gv,CL";
        two[0xA8] = "!push gs";
        two[0xA9] = "!pop gs";
        two[0xAA] = "!rsm";
        two[0xAB] = "BTS Ev,Gv";
        two[0xAC] = "SHRD Ev,Gv,Ib";
        two[0xAD] = "SHRD Ev,Gv,CL";
        two[0xAE] = "#15";
        two[0xAF] = "IMUL Gv,Ev";
        two[0xB0] = "CMPXCHG Eb,Gb";
        two[0xB1] = "CMPXCHG Ev,Gv";
        two[0xB2] = "!lss Gv,Mp";
        two[0xB3] = "BTR Ev,Gv";
        two[0xB4] = "!lfs Gv,Mp";
        two[0xB5] = "!lgs Gv,Mp";
        two[0xB6] = "MOVZX Gv,Eb";
        two[0xB7] = "MOVZX Gv,Ew";
        two[0xB8] = "!popcnt Gv,Ev"; // only with F3; the decoder rejects it otherwise
        two[0xBA] = "#8";
        two[0xBB] = "BTC Ev,Gv";
        two[0xBC] = "BSF Gv,Ev";
        two[0xBD] = "BSR Gv,Ev";
        two[0xBE] = "MOVSX Gv,Eb";
        two[0xBF] = "MOVSX Gv,Ew";
        two[0xC0] = "XADD Eb,Gb";
        two[0xC1] = "XADD Ev,Gv";
        two[0xC2] = "!cmpps Gd,Ed,Ib";
        two[0xC3] = "!movnti Ed,Gd";
        two[0xC4] = "!pinsrw Gd,Ed,Ib";
        two[0xC5] = "!pextrw Gd,Ed,Ib";
        two[0xC6] = "!shufps Gd,Ed,Ib";
        two[0xC7] = "#9";
        for (int i = 0; i < 8; i++) {
            two[0xC8 + i] = "BSWAP Zd";
        }
        for (int b = 0xD0; b <= 0xFE; b++) {
            two[b] = "!sse Gd,Ed";
        }
        two[0xEF] = "!pxor Gd,Ed";
        two[0xD6] = "!movq Ed,Gd";
        two[0xFF] = "!ud0 Gd,Ed";

        fill(one, ONE_BYTE, 0);
        fill(two, TWO_BYTE, 0x100);
        for (int b = 0; b < 256; b++) {
            IS_PREFIX[b] = PREFIX.equals(one[b]);
        }
    }

    private static void fill(String[] specs, OpcodeForm[] forms, int groupBase) {
        for (int b = 0; b < 256; b++) {
            String spec = specs[b];
            if (spec == null || spec.equals(PREFIX)) {
                continue;
            }
            if (spec.startsWith("#")) {
                GROUPS[groupBase + b] = group(spec.substring(1));
            } else {
                forms[b] = OpcodeForm.parse(spec);
            }
        }
    }

    private static OpcodeForm[] group(String name) {
        String[] specs = switch (name) {
            case "1b" -> aluGroup("Eb,Ib");
            case "1v" -> aluGroup("Ev,Iz");
            case "1s" -> aluGroup("Ev,Ibs");
            case "1a" -> new String[] {"POP Ev", null, null, null, null, null, null, null};
            case "2b" -> shiftGroup("Eb,Ib");
            case "2v" -> shiftGroup("Ev,Ib");
            case "2b1" -> shiftGroup("Eb,1");
            case "2v1" -> shiftGroup("Ev,1");
            case "2bcl" -> shiftGroup("Eb,CL");
            case "2vcl" -> shiftGroup("Ev,CL");
            case "3b" -> new String[] {"TEST Eb,Ib", "TEST Eb,Ib", "NOT Eb", "NEG Eb", "MUL Eb", "IMUL Eb", "DIV Eb",
                "IDIV Eb"};
            case "3v" -> new String[] {"TEST Ev,Iz", "TEST Ev,Iz", "NOT Ev", "NEG Ev", "MUL Ev", "IMUL Ev", "DIV Ev",
                "IDIV Ev"};
            case "4" -> new String[] {"INC Eb", "DEC Eb", null, null, null, null, null, null};
            case "5" -> new String[] {"INC Ev", "DEC Ev", "CALL Ed", "!lcall Mp", "JMP Ed", "!ljmp Mp", "PUSH Ev",
                null};
            case "6" -> new String[] {"!sldt Ew", "!str Ew", "!lldt Ew", "!ltr Ew", "!verr Ew", "!verw Ew", null, null};
            case "7" -> new String[] {"!sgdt M", "!sidt M", "!lgdt M", "!lidt M", "!smsw Ew", null, "!lmsw Ew",
                "!invlpg M"};
            case "8" -> new String[] {null, null, null, null, "BT Ev,Ib", "BTS Ev,Ib", "BTR Ev,Ib", "BTC Ev,Ib"};
            case "9" -> new String[] {null, "!cmpxchg8b Mq", null, null, null, null, null, null};
            case "11b" -> new String[] {"MOV Eb,Ib", null, null, null, null, null, null, null};
            case "11v" -> new String[] {"MOV Ev,Iz", null, null, null, null, null, null, null};
            case "15" -> new String[] {"!fxsave M", "!fxrstor M", "!ldmxcsr M", "!stmxcsr M", "!xsave M",
                "!xrstor M", "!xsaveopt M", "!clflush M"};
            case "x87" -> new String[8]; // filled per opcode by the decoder via X87_NAMES
            default -> throw new IllegalStateException("unknown group " + name);
        };
        OpcodeForm[] forms = new OpcodeForm[8];
        for (int i = 0; i < 8; i++) {
            forms[i] = specs[i] == null ? null : OpcodeForm.parse(specs[i]);
        }
        return forms;
    }

    private static String[] aluGroup(String operands) {
        String[] specs = new String[8];
        for (int i = 0; i < 8; i++) {
            specs[i] = ALU[i] + " " + operands;
        }
        return specs;
    }

    private static String[] shiftGroup(String operands) {
        String[] names = {"ROL", "ROR", "RCL", "RCR", "SHL", "SHR", "SAL", "SAR"};
        String[] specs = new String[8];
        for (int i = 0; i < 8; i++) {
            specs[i] = names[i] + " " + operands;
        }
        return specs;
    }

    /**
     * x87 escape D8..DF: the memory-form names by opcode and ModRM reg. Register forms reuse these names, which is
     * approximate but enough to name the instruction in a #UD diagnostic: the Denali ISA has no floating point.
     */
    static final OpcodeForm[][] X87 = new OpcodeForm[8][8];

    static {
        String[][] names = {
            {"fadd", "fmul", "fcom", "fcomp", "fsub", "fsubr", "fdiv", "fdivr"},
            {"fld", "fxch", "fst", "fstp", "fldenv", "fldcw", "fnstenv", "fnstcw"},
            {"fiadd", "fimul", "ficom", "ficomp", "fisub", "fisubr", "fidiv", "fidivr"},
            {"fild", "fisttp", "fist", "fistp", "fninit", "fld", "fcomi", "fstp"},
            {"fadd", "fmul", "fcom", "fcomp", "fsub", "fsubr", "fdiv", "fdivr"},
            {"fld", "fisttp", "fst", "fstp", "frstor", "fucomp", "fnsave", "fnstsw"},
            {"fiadd", "fimul", "ficom", "ficomp", "fisub", "fisubr", "fidiv", "fidivr"},
            {"fild", "fisttp", "fist", "fistp", "fbld", "fild", "fbstp", "fistp"},
        };
        for (int op = 0; op < 8; op++) {
            for (int reg = 0; reg < 8; reg++) {
                X87[op][reg] = OpcodeForm.parse("!" + names[op][reg] + " Ex");
            }
        }
    }
}
