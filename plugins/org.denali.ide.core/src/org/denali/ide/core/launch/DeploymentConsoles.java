package org.denali.ide.core.launch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.denali.ide.core.debug.KernelOutputLines;
import org.denali.ide.core.debug.TextProcess;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IProcess;

/**
 * One console per VM of a running deployment. The kernel writes every console line of a deployment's VM as
 * {@code [group#i] text} on its standard output, which stays the kernel's console with every VM interleaved; this
 * copies each VM's lines, without the prefix, into a console of its own ("web#1 console (farm.denali)"), created
 * when the VM first prints, so a VM's output reads as it would alone. Only the first {@link #MAX_CONSOLES} VMs
 * get one (thousands of consoles would bury the view; the kernel's console has them all). The consoles close when
 * the kernel process ends, so the launch ends with it.
 */
public final class DeploymentConsoles extends KernelOutputLines implements IDebugEventSetListener {
    public static final int MAX_CONSOLES = 16;
    /** A deployment's VM names: the VM group's name (an identifier), '#', the instance's index. */
    private static final Pattern PREFIX = Pattern.compile("\\[([A-Za-z_][A-Za-z0-9_]*#\\d+)\\] ?(.*)");

    private final ILaunch launch;
    private final IProcess kernel;
    private final String fileName;
    private final Map<String, TextProcess> consoles = new ConcurrentHashMap<>();
    private boolean closed;

    private DeploymentConsoles(ILaunch launch, IProcess kernel, String fileName) {
        this.launch = launch;
        this.kernel = kernel;
        this.fileName = fileName;
    }

    /** Splits {@code kernel}'s output into VM consoles of {@code launch} from now on, including what it holds. */
    public static DeploymentConsoles follow(ILaunch launch, IProcess kernel, String fileName) {
        DeploymentConsoles consoles = new DeploymentConsoles(launch, kernel, fileName);
        DebugPlugin.getDefault().addDebugEventListener(consoles);
        consoles.follow(kernel.getStreamsProxy().getOutputStreamMonitor());
        if (kernel.isTerminated()) {
            consoles.close();
        }
        return consoles;
    }

    /** The console of the VM named {@code name} ({@code web#0}), or null if it printed nothing. */
    public TextProcess console(String name) {
        return consoles.get(name);
    }

    @Override
    protected void line(String text) {
        String line = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        Matcher m = PREFIX.matcher(line);
        if (closed || !m.matches()) {
            return;
        }
        TextProcess console = consoles.get(m.group(1));
        if (console == null) {
            if (consoles.size() >= MAX_CONSOLES) {
                return;
            }
            console = consoles.computeIfAbsent(m.group(1), name -> {
                String label = name + " console (" + fileName + ")";
                TextProcess process = new TextProcess(launch, label);
                // the Console view names a process's console after its launch configuration unless the process
                // names itself: without this every VM's console would read "loadgen.denali [Denali Deployment]"
                process.setAttribute(IProcess.ATTR_PROCESS_LABEL, label);
                return process.start();
            });
        }
        console.append(m.group(2) + "\n");
    }

    @Override
    public void handleDebugEvents(DebugEvent[] events) {
        for (DebugEvent event : events) {
            if (event.getSource() == kernel && event.getKind() == DebugEvent.TERMINATE) {
                close();
            }
        }
    }

    private void close() {
        DebugPlugin.getDefault().removeDebugEventListener(this);
        synchronized (lineLock()) {
            closed = true;
        }
        consoles.values().forEach(TextProcess::terminate);
    }
}
