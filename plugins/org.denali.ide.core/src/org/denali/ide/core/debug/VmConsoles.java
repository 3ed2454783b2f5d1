package org.denali.ide.core.debug;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.debug.core.ILaunch;

/**
 * Each VM's console in the Console view. The kernel prints every console line of VM N as {@code [vmN] text} on its
 * standard output (which stays the kernel's console with all VMs interleaved); this splits those lines into one
 * console per VM, created when the VM first prints. Only the first {@link #MAX_CONSOLES} VMs get their own
 * console: with thousands of VMs a console each would bury the view, and the kernel console has them all.
 */
public final class VmConsoles extends KernelOutputLines {
    public static final int MAX_CONSOLES = 16;
    private static final Pattern PREFIX = Pattern.compile("\\[vm(\\d+)\\] ?(.*)");

    private final ILaunch launch;
    private final String imageName;
    private final Map<Integer, TextProcess> consoles = new ConcurrentHashMap<>();

    public VmConsoles(ILaunch launch, String imageName) {
        this.launch = launch;
        this.imageName = imageName;
    }

    /** VM {@code vmId}'s console, or null if it has printed nothing (or is beyond the limit). */
    public TextProcess console(int vmId) {
        return consoles.get(vmId);
    }

    @Override
    protected void line(String line) {
        Matcher m = PREFIX.matcher(line);
        if (!m.matches()) {
            return;
        }
        int vm;
        try {
            vm = Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return;
        }
        TextProcess console = consoles.get(vm);
        if (console == null) {
            if (consoles.size() >= MAX_CONSOLES) {
                return;
            }
            console = consoles.computeIfAbsent(vm, id -> new TextProcess(launch, "VM " + id + " console ("
                    + imageName + ")").start());
        }
        console.append(m.group(2) + "\n");
    }

    public void close() {
        consoles.values().forEach(TextProcess::terminate);
    }
}
