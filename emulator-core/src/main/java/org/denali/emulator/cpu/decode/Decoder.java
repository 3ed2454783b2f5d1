package org.denali.emulator.cpu.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * Table-driven decoder for 32-bit protected-mode x86 (flat model). {@link #decode(ByteSource, int)} never throws on
 * any byte stream: undefined encodings become {@link Mnemonic#INVALID}, unreadable bytes become INVALID with
 * {@link DecodedInstruction#fetchFaulted()}, and real instructions outside the Denali ISA become
 * {@link Mnemonic#UNSUPPORTED} with their real name. Stateless and thread-safe.
 *
 * <p>Prefix policy: F0 (lock) accepted and ignored; F2/F3 recorded (meaningful on string ops; "rep ret" is
 * accepted); 66 gives 16-bit operands; segment overrides are recorded and have base 0 (flat model, FS/GS included);
 * 67 (16-bit addressing) is decoded for its length but marked UNSUPPORTED, because gcc never emits it for
 * 32-bit code and supporting it would put a second addressing path into every memory access.
 */
public final class Decoder {
    /** The architectural limit: longer instructions raise #GP on hardware; we report INVALID. */
    public static final int MAX_LENGTH = 15;

    private Decoder() {
    }

    public static DecodedInstruction decode(ByteSource source, int address) {
        Cursor c = new Cursor(source, address);
        try {
            return c.decode();
        } catch (FetchFault f) {
            return c.invalid(true, f.address);
        } catch (TooLong t) {
            return c.invalid(false, 0);
        }
    }

    /** Thrown inside the decoder only; never escapes {@link #decode}. */
    private static final class FetchFault extends Exception {
        final int address;

        FetchFault(int address) {
            super(null, null, false, false);
            this.address = address;
        }
    }

    private static final class TooLong extends Exception {
        TooLong() {
            super(null, null, false, false);
        }
    }

    /** The state of one decode. */
    private static final class Cursor {
        private final ByteSource source;
        private final int start;
        private final byte[] buffer = new byte[MAX_LENGTH];
        private int length;
        private int prefixes;
        private int segment = -1;
        private int opcode;
        private int modRM = -1;
        private int base = -1;
        private int index = -1;
        private int scale;
        private int displacement;
        private int immediate;
        private int immediate2;
        private String unsupported;

        Cursor(ByteSource source, int start) {
            this.source = source;
            this.start = start;
        }

        int next() throws FetchFault, TooLong {
            if (length >= MAX_LENGTH) {
                throw new TooLong();
            }
            int address = start + length;
            int b = source.read(address);
            if (b < 0 || b > 255) {
                throw new FetchFault(address);
            }
            buffer[length++] = (byte) b;
            return b;
        }

        int next16() throws FetchFault, TooLong {
            int lo = next();
            return lo | next() << 8;
        }

        int next32() throws FetchFault, TooLong {
            int lo = next16();
            return lo | next16() << 16;
        }

        DecodedInstruction decode() throws FetchFault, TooLong {
            int b = next();
            while (OpcodeMap.IS_PREFIX[b]) {
                switch (b) {
                    case 0xF0 -> prefixes |= Prefixes.LOCK;
                    case 0xF3 -> prefixes = (prefixes & ~Prefixes.REPNE) | Prefixes.REP;
                    case 0xF2 -> prefixes = (prefixes & ~Prefixes.REP) | Prefixes.REPNE;
                    case 0x66 -> prefixes |= Prefixes.OPERAND_SIZE;
                    case 0x67 -> prefixes |= Prefixes.ADDRESS_SIZE;
                    default -> {
                        prefixes |= Prefixes.SEGMENT;
                        segment = switch (b) {
                            case 0x26 -> 0;
                            case 0x2E -> 1;
                            case 0x36 -> 2;
                            case 0x3E -> 3;
                            case 0x64 -> 4;
                            default -> 5;
                        };
                    }
                }
                b = next();
            }
            OpcodeForm form;
            OpcodeForm[] group;
            if (b == 0x0F) {
                b = next();
                opcode = 0x100 | b;
                form = OpcodeMap.TWO_BYTE[b];
                if (b == 0xB8 && (prefixes & Prefixes.REP) == 0) {
                    form = null; // 0F B8 without F3 is jmpe (IA-64 only)
                }
                // F3 0F BC/BD (tzcnt/lzcnt) run as bsf/bsr on a CPU without BMI1/LZCNT, which is what Denali's
                // cpuid reports; gcc emits "rep bsf" for ctz precisely because both readings agree on non-zero input.
            } else {
                opcode = b;
                form = OpcodeMap.ONE_BYTE[b];
            }
            group = OpcodeMap.GROUPS[opcode];
            if (group != null) {
                modRM = next();
                int reg = (modRM >>> 3) & 7;
                form = opcode >= 0xD8 && opcode <= 0xDF ? OpcodeMap.X87[opcode - 0xD8][reg] : group[reg];
                if (form == null) {
                    return invalid(false, 0);
                }
            }
            if (form == null) {
                return invalid(false, 0);
            }
            if (form.hasModRM && modRM < 0) {
                modRM = next();
            }
            boolean addr16 = (prefixes & Prefixes.ADDRESS_SIZE) != 0;
            boolean hasMemory = false;
            boolean modIgnored = opcode >= 0x120 && opcode <= 0x123; // mov to/from CRn/DRn: always registers
            if (modRM >= 0 && (modRM >>> 6) != 3 && !modIgnored) {
                hasMemory = true;
                if (addr16) {
                    decodeAddress16();
                } else {
                    decodeAddress32();
                }
            }
            int opSize = form.fixedSize != 0 ? form.fixedSize
                : (prefixes & Prefixes.OPERAND_SIZE) != 0 ? 2 : 4;
            int vSize = (prefixes & Prefixes.OPERAND_SIZE) != 0 ? 2 : 4;
            List<Operand> operands = new ArrayList<>(3);
            int branchDisplacement = 0;
            boolean branch = false;
            int branchSize = 4;
            for (String token : form.operands) {
                switch (token) {
                    case "_b", "_v" -> {
                    }
                    case "Eb", "Ew", "Ed", "Ev" -> operands.add(rm(sizeOf(token.charAt(1), vSize)));
                    case "Ex" -> {
                        if (hasMemory) {
                            operands.add(Operand.memory(0));
                        }
                    }
                    case "Gb", "Gw", "Gd", "Gv" ->
                        operands.add(Operand.register(sizeOf(token.charAt(1), vSize), (modRM >>> 3) & 7));
                    case "M", "Mp", "Mq" -> {
                        if (!hasMemory) {
                            return invalid(false, 0);
                        }
                        operands.add(Operand.memory(token.equals("M") ? 0 : token.equals("Mp") ? 6 : 8));
                    }
                    case "Rd" -> operands.add(Operand.register(4, modRM & 7));
                    case "Sw" -> operands.add(new Operand(OperandKind.SEGMENT_REGISTER, 2, (modRM >>> 3) & 7, 0, 0));
                    case "Cd" -> operands.add(new Operand(OperandKind.CONTROL_REGISTER, 4, (modRM >>> 3) & 7, 0, 0));
                    case "Dd" -> operands.add(new Operand(OperandKind.DEBUG_REGISTER, 4, (modRM >>> 3) & 7, 0, 0));
                    case "Ib" -> {
                        int v = next();
                        setImmediate(v);
                        operands.add(Operand.immediate(1, v));
                    }
                    case "Ibs" -> {
                        int v = (byte) next();
                        setImmediate(v);
                        operands.add(Operand.immediate(opSize, v));
                    }
                    case "Iw" -> {
                        int v = next16();
                        setImmediate(v);
                        operands.add(Operand.immediate(2, v));
                    }
                    case "Iz" -> {
                        int v = vSize == 2 ? next16() : next32();
                        setImmediate(v);
                        operands.add(Operand.immediate(vSize, v));
                    }
                    case "Jb" -> {
                        branch = true;
                        branchDisplacement = (byte) next();
                        branchSize = (prefixes & Prefixes.OPERAND_SIZE) != 0 ? 2 : 4;
                    }
                    case "Jz" -> {
                        branch = true;
                        branchSize = vSize;
                        branchDisplacement = vSize == 2 ? (short) next16() : next32();
                    }
                    case "Ob", "Ov" -> {
                        displacement = addr16 ? next16() : next32();
                        base = -1;
                        index = -1;
                        operands.add(Operand.memory(token.equals("Ob") ? 1 : vSize));
                    }
                    case "AL" -> operands.add(Operand.register(1, 0));
                    case "eAX" -> operands.add(Operand.register(vSize, 0));
                    case "CL" -> operands.add(Operand.register(1, 1));
                    case "DX" -> operands.add(Operand.register(2, 2));
                    case "1" -> operands.add(Operand.immediate(1, 1));
                    case "Zb", "Zv", "Zd" -> operands.add(Operand.register(sizeOf(token.charAt(1), vSize), opcode & 7));
                    case "Ap" -> {
                        int offset = vSize == 2 ? next16() : next32();
                        int selector = next16();
                        immediate = offset;
                        immediate2 = selector;
                        operands.add(new Operand(OperandKind.FAR_POINTER, vSize + 2, -1, offset, selector));
                    }
                    case "es", "cs", "ss", "ds", "fs", "gs" -> operands.add(new Operand(OperandKind.SEGMENT_REGISTER, 2,
                        "escsssdsfsgs".indexOf(token) / 2, 0, 0));
                    default -> throw new IllegalStateException("bad operand token " + token);
                }
            }
            if (branch) {
                int target = start + length + branchDisplacement;
                if (branchSize == 2) {
                    target &= 0xFFFF;
                }
                immediate = target;
                operands.add(Operand.branchTarget(target));
            }
            Mnemonic mnemonic = form.mnemonic;
            if (!form.supported) {
                unsupported = reasonFor(form.name, opcode);
            } else if (addr16) {
                mnemonic = Mnemonic.UNSUPPORTED;
                unsupported = "16-bit addressing (67 prefix)";
            } else if (branch && branchSize == 2) {
                mnemonic = Mnemonic.UNSUPPORTED;
                unsupported = "16-bit branch target (66 prefix)";
            }
            int condition = switch (form.mnemonic) {
                case JCC, SETCC, CMOVCC -> opcode & 0xF;
                default -> -1;
            };
            return build(mnemonic, form.name, condition, opSize, operands.toArray(new Operand[0]), false, 0);
        }

        private void setImmediate(int v) {
            if (!immediateSet) {
                immediate = v;
                immediateSet = true;
            } else {
                immediate2 = v;
            }
        }

        private boolean immediateSet;

        private Operand rm(int size) {
            if ((modRM >>> 6) == 3) {
                return Operand.register(size, modRM & 7);
            }
            return Operand.memory(size);
        }

        private static int sizeOf(char c, int vSize) {
            return switch (c) {
                case 'b' -> 1;
                case 'w' -> 2;
                case 'd' -> 4;
                default -> vSize;
            };
        }

        private void decodeAddress32() throws FetchFault, TooLong {
            int mod = modRM >>> 6;
            int rm = modRM & 7;
            if (rm == 4) {
                int sib = next();
                scale = sib >>> 6;
                int idx = (sib >>> 3) & 7;
                index = idx == 4 ? -1 : idx;
                base = sib & 7;
                if (base == 5 && mod == 0) {
                    base = -1;
                    displacement = next32();
                }
            } else if (rm == 5 && mod == 0) {
                base = -1;
                displacement = next32();
            } else {
                base = rm;
            }
            if (mod == 1) {
                displacement = (byte) next();
            } else if (mod == 2) {
                displacement = next32();
            }
        }

        /** 16-bit addressing is only decoded far enough to know the length (the instruction is UNSUPPORTED). */
        private void decodeAddress16() throws FetchFault, TooLong {
            int mod = modRM >>> 6;
            int rm = modRM & 7;
            if (mod == 0 && rm == 6) {
                displacement = next16();
            } else if (mod == 1) {
                displacement = (byte) next();
            } else if (mod == 2) {
                displacement = (short) next16();
            }
        }

        private static String reasonFor(String name, int opcode) {
            if (opcode >= 0xD8 && opcode <= 0xDF || name.equals("fwait")) {
                return "x87 floating point is not in the Denali ISA";
            }
            if (name.equals("sse") || opcode >= 0x110 && opcode <= 0x117 || opcode >= 0x128 && opcode <= 0x12F
                || opcode >= 0x150 && opcode <= 0x17F || opcode >= 0x1C2 && opcode <= 0x1C6 || opcode >= 0x1D0) {
                return "MMX/SSE is not in the Denali ISA";
            }
            return switch (name) {
                case "push", "pop", "mov", "les", "lds", "lss", "lfs", "lgs", "lcall", "ljmp", "lret", "arpl", "lar",
                    "lsl" -> "segment or system-register operation is not in the Denali ISA (flat model)";
                case "cli", "sti" -> "use the interrupts-enabled virtual register instead of cli/sti";
                default -> name + " is not in the Denali ISA";
            };
        }

        DecodedInstruction invalid(boolean fetchFaulted, int faultAddress) {
            if (length == 0) {
                length = 1; // nothing readable: still report a 1-byte instruction so callers can advance
            }
            return build(Mnemonic.INVALID, "(bad)", -1, 4, new Operand[0], fetchFaulted, faultAddress,
                fetchFaulted ? "instruction fetch faulted" : "invalid opcode");
        }

        private DecodedInstruction build(Mnemonic mnemonic, String name, int condition, int opSize,
                                         Operand[] operands, boolean fetchFaulted, int faultAddress) {
            return build(mnemonic, name, condition, opSize, operands, fetchFaulted, faultAddress, unsupported);
        }

        private DecodedInstruction build(Mnemonic mnemonic, String name, int condition, int opSize,
                                         Operand[] operands, boolean fetchFaulted, int faultAddress,
                                         String reason) {
            byte[] bytes = java.util.Arrays.copyOf(buffer, length);
            return new DecodedInstruction(start, bytes, mnemonic, name, reason, opcode, condition, opSize, prefixes,
                segment, modRM, base, index, scale, displacement, immediate, immediate2, operands, fetchFaulted,
                faultAddress);
        }
    }
}
