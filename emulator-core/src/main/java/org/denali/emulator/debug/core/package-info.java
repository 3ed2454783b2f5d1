/**
 * ELF core files of Denali VMs, for {@code gdb IMAGE CORE} (docs/debugging.md, "Core files"): {@link VmCore}
 * captures a stopped VM (registers, virtual registers, every mapped run of pages, swapped pages read from swap
 * without paging them in) as a {@link CoreDump}; {@link ElfCoreWriter} writes it as an i386 Linux-style core
 * ({@code ET_CORE}, {@code EM_386}, {@code NT_PRSTATUS}/{@code NT_PRFPREG}/{@code NT_PRPSINFO} notes, the
 * {@link DenaliNote}, one {@code PT_LOAD} per run); {@link FaultCores} writes one for every VM that faults.
 */
package org.denali.emulator.debug.core;
