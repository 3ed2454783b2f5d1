/**
 * The guest-code compiler: hot traces, grown into regions of the traces on their page that ran, become JVM
 * bytecode (ASM) in hidden classes that are nestmates of {@link org.denali.emulator.cpu.Cpu}, so they compute
 * flags with the interpreter's own helpers.
 * <ul>
 *   <li>{@link org.denali.emulator.cpu.jit.TraceJit}: the {@link org.denali.emulator.cpu.TraceCompiler} (policy:
 *       threshold, bound on live regions; statistics).</li>
 *   <li>{@code BlockTranslator}: decoded instructions to the bytecode of one region (registers and lazy flags in
 *       locals, exact counts, exits to the interpreter before anything it leaves to it).</li>
 *   <li>{@link org.denali.emulator.cpu.jit.CompiledBlock}: the base of generated classes and the chaining between
 *       regions.</li>
 *   <li>{@code CpuInternals}: the interpreter's definitions the generated code must agree with, read from its
 *       classes; where hidden classes are defined.</li>
 * </ul>
 * The CPU only counts executions and asks ({@code Cpu.setCompiler}); docs/performance.md ("Fourth round") gives
 * the guarantees and the measurements.
 */
package org.denali.emulator.cpu.jit;
