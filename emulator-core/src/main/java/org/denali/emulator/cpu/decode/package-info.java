/**
 * x86-32 instruction decoder for the Denali CPU, the disassembler and the debugger.
 *
 * <h2>API</h2>
 * <ul>
 *   <li>{@link org.denali.emulator.cpu.decode.Decoder#decode(ByteSource, int)} decodes one instruction at an
 *       address. It never throws: undefined bytes give {@link org.denali.emulator.cpu.decode.Mnemonic#INVALID}
 *       (length &ge; 1), unreadable bytes give INVALID with {@code fetchFaulted()}, real x86 instructions outside the
 *       Denali ISA (x87, MMX/SSE, segment loads, privileged and system instructions, 16-bit addressing) give
 *       {@link org.denali.emulator.cpu.decode.Mnemonic#UNSUPPORTED} with their real name in
 *       {@code mnemonicText()} and a reason in {@code unsupportedReason()}.</li>
 *   <li>{@link org.denali.emulator.cpu.decode.ByteSource}: {@code int read(int address)} returning 0..255 or -1;
 *       {@code ByteSource.of(byte[], base)} wraps an array.</li>
 *   <li>{@link org.denali.emulator.cpu.decode.DecodedInstruction} (immutable, shareable): address, length, bytes,
 *       {@code mnemonic()} / {@code mnemonicText()} ("jne", "movsd", "cwde"), {@code condition()}, operandSize,
 *       {@code prefixes()} ({@link org.denali.emulator.cpu.decode.Prefixes}), {@code segmentOverride()}, ModRM
 *       fields, memory address parts (base, index, scale, displacement), immediates, and explicit operands in
 *       Intel order as {@link org.denali.emulator.cpu.decode.Operand} records
 *       ({@link org.denali.emulator.cpu.decode.OperandKind}: REGISTER, MEMORY, IMMEDIATE, BRANCH_TARGET (absolute
 *       target), ...). Register numbers and names: {@link org.denali.emulator.cpu.decode.Registers}.</li>
 *   <li>Denali's virtual instructions decode as {@code IDLE} (0F 0A) and {@code TERMINATE} (0F 0C).</li>
 * </ul>
 *
 * <h2>Design</h2>
 * The opcode maps ({@code OpcodeMap}) are data: one textual form spec per opcode in Intel opcode-map notation
 * ({@code "ADD Ev,Gv"}, {@code "!cli"}), parsed once into {@code OpcodeForm}s; ModRM groups are eight-entry tables.
 */
package org.denali.emulator.cpu.decode;
