package org.denali.ide.views.disasm;

import java.util.List;
import org.denali.ide.views.monitor.CpuState;

/** One refresh of the Disassembly view. {@code symbolic} tells whether the image's symbols were found. */
public record DisassemblyData(CpuState cpu, List<DisassemblyWindow.Line> lines, boolean symbolic) {
}
