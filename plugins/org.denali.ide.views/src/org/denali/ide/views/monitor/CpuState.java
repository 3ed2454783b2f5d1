package org.denali.ide.views.monitor;

/** Reply to {@code regs VM}: the integer registers of a VM that is off its worker. */
public record CpuState(int vm, long eax, long ecx, long edx, long ebx, long esp, long ebp, long esi, long edi,
        long eip, long eflags) {
}
