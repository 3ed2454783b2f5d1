/**
 * Disassembler: prints instructions decoded by {@link org.denali.emulator.cpu.decode.Decoder} (the project's one
 * decoder) in AT&amp;T syntax exactly as GNU {@code objdump -d} does, plus Denali's {@code idle} and
 * {@code terminate}.
 *
 * <ul>
 *   <li>{@link org.denali.emulator.disasm.AttSyntax#format} — one instruction as text ("mov    %esp,%ebp").</li>
 *   <li>{@link org.denali.emulator.disasm.Disassembler} — a run of bytes into
 *       {@link org.denali.emulator.disasm.DisassembledInstruction}s.</li>
 *   <li>{@link org.denali.emulator.disasm.ObjdumpListing} — a whole image as {@code objdump -d} lists it (the
 *       future {@code denali disasm IMAGE.elf}).</li>
 *   <li>{@link org.denali.emulator.disasm.AddressNamer} — how branch targets are written; the
 *       {@link org.denali.emulator.disasm.ObjdumpSymbolizer} adds {@code <symbol+0x..>} as objdump does.</li>
 * </ul>
 */
package org.denali.emulator.disasm;
