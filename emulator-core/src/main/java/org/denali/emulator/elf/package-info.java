/**
 * Reads Denali guest images: ELF32 little-endian i386 {@code ET_EXEC} files.
 *
 * <p>{@link org.denali.emulator.elf.ElfParser#parse(byte[])} checks the file's structure and builds an immutable
 * {@link org.denali.emulator.elf.ElfImage}; {@link org.denali.emulator.elf.DenaliImageRules#check} checks that the
 * image fits a VM's memory map (docs/architecture.md, "Memory"); {@link org.denali.emulator.elf.ElfImage#loadInto}
 * copies the loadable segments through a {@link org.denali.emulator.elf.SegmentSink}. Every malformed input yields
 * an {@link org.denali.emulator.elf.ElfFormatException} with a message a guest developer can act on.
 */
package org.denali.emulator.elf;
