/**
 * The Denali virtual CPU: an interpreter for the 32-bit x86 integer subset of docs/architecture.md §1.
 *
 * <h2>API</h2>
 * <ul>
 *   <li>{@link org.denali.emulator.cpu.Cpu}: {@code new Cpu(PagedMemory, CpuHost)} (reset state: ESP = memory size,
 *       EFLAGS = 0x202); {@code run(long budget)} and {@code step()} return a
 *       {@link org.denali.emulator.cpu.RunResult} whose {@link org.denali.emulator.cpu.StopReason} is
 *       BUDGET_EXHAUSTED, IDLE (EAX timeout), TERMINATED (exit code), HALTED, FAULT
 *       ({@link org.denali.emulator.cpu.Fault}: vector, EIP, address, bytes, diagnostic), BREAKPOINT, STEPPED or
 *       SOFTWARE_INTERRUPT; registers via {@code register/setRegister} (numbers as in
 *       {@link org.denali.emulator.cpu.decode.Registers}), {@code eip/setEip}, {@code eflags/setEflags},
 *       {@code instructionsRetired()}, {@code breakpoints()}.</li>
 *   <li>{@link org.denali.emulator.cpu.CpuHost}: the kernel's {@code in}/{@code out}; may throw
 *       {@link org.denali.emulator.arch.GuestException} (#GP) to refuse a port.</li>
 *   <li>{@link org.denali.emulator.cpu.CpuId}, {@link org.denali.emulator.cpu.Flags},
 *       {@link org.denali.emulator.arch.FaultVector}: architectural constants.</li>
 * </ul>
 *
 * <h2>Design</h2>
 * Decoded instructions ({@code cpu.decode}) are lowered to {@code Insn}s (dense execution codes for the common
 * 32-bit forms) and cached on the code page; straight-line runs execute as {@code Trace}s. Flags are lazy.
 * Every instruction does its memory accesses before it changes registers or flags, so faults are restartable.
 * With a {@link org.denali.emulator.cpu.TraceCompiler} set ({@code setCompiler}), hot traces run as
 * {@link org.denali.emulator.cpu.CompiledTrace}s made by {@code cpu.jit}, with the same guarantees.
 */
package org.denali.emulator.cpu;
