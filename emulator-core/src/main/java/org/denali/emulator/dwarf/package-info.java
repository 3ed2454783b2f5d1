/**
 * Reads DWARF {@code .debug_line} (versions 2 to 5, as gcc and GNU as emit them for i386) into a
 * {@link org.denali.emulator.dwarf.LineTable}: address to source position and source position to addresses, for
 * the debugger's stepping and breakpoints. Entry point: {@link org.denali.emulator.dwarf.DebugLineReader}.
 */
package org.denali.emulator.dwarf;
