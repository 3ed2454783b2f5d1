package org.denali.emulator.cpu.decode;

/**
 * One explicit operand, immutable. Register and small-immediate operands are interned so decoding allocates little.
 *
 * @param kind what the operand denotes
 * @param size width in bytes (1, 2 or 4; 6 for far pointers, 0 where a size is meaningless such as lea's memory)
 * @param register register number for REGISTER / SEGMENT_REGISTER / CONTROL_REGISTER / DEBUG_REGISTER, else -1
 * @param value immediate value, branch target or far-pointer offset, else 0
 * @param selector far-pointer selector, else 0
 */
public record Operand(OperandKind kind, int size, int register, int value, int selector) {
    private static final Operand[][] GPR = new Operand[5][8];

    static {
        for (int size : new int[] {1, 2, 4}) {
            for (int r = 0; r < 8; r++) {
                GPR[size][r] = new Operand(OperandKind.REGISTER, size, r, 0, 0);
            }
        }
    }

    public static Operand register(int size, int number) {
        return GPR[size][number];
    }

    public static Operand memory(int size) {
        return new Operand(OperandKind.MEMORY, size, -1, 0, 0);
    }

    public static Operand immediate(int size, int value) {
        return new Operand(OperandKind.IMMEDIATE, size, -1, value, 0);
    }

    public static Operand branchTarget(int target) {
        return new Operand(OperandKind.BRANCH_TARGET, 4, -1, target, 0);
    }

    public boolean isRegister() {
        return kind == OperandKind.REGISTER;
    }

    public boolean isMemory() {
        return kind == OperandKind.MEMORY;
    }

    public boolean isImmediate() {
        return kind == OperandKind.IMMEDIATE;
    }
}
