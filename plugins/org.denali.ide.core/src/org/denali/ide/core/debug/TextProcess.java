package org.denali.ide.core.debug;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.IStreamListener;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStreamMonitor;
import org.eclipse.debug.core.model.IStreamsProxy;
import org.eclipse.core.runtime.PlatformObject;

/**
 * A pseudo process whose output is text the debugger appends: the platform gives every process of a launch a
 * console, so this is how the RSP trace and a VM's own console output reach the Console view without a UI
 * dependency in the core. Terminating it only closes it.
 */
public final class TextProcess extends PlatformObject implements IProcess {
    private final ILaunch launch;
    private final String label;
    private final Map<String, String> attributes = new HashMap<>();
    private final Monitor output = new Monitor();
    private final Monitor errors = new Monitor();
    private volatile boolean terminated;

    public TextProcess(ILaunch launch, String label) {
        this.launch = launch;
        this.label = label;
    }

    /** Adds the process to its launch (which opens its console) and announces it. */
    public TextProcess start() {
        launch.addProcess(this);
        fire(DebugEvent.CREATE);
        return this;
    }

    public void append(String text) {
        if (!terminated) {
            output.append(text);
        }
    }

    public String contents() {
        return output.getContents();
    }

    @Override
    public String getLabel() {
        return label;
    }

    @Override
    public ILaunch getLaunch() {
        return launch;
    }

    @Override
    public IStreamsProxy getStreamsProxy() {
        return new IStreamsProxy() {
            @Override
            public IStreamMonitor getErrorStreamMonitor() {
                return errors;
            }

            @Override
            public IStreamMonitor getOutputStreamMonitor() {
                return output;
            }

            @Override
            public void write(String input) {
                // read-only console
            }
        };
    }

    @Override
    public void setAttribute(String key, String value) {
        attributes.put(key, value);
    }

    @Override
    public String getAttribute(String key) {
        return attributes.get(key);
    }

    @Override
    public int getExitValue() {
        return 0;
    }

    @Override
    public boolean canTerminate() {
        return !terminated;
    }

    @Override
    public boolean isTerminated() {
        return terminated;
    }

    @Override
    public void terminate() {
        if (!terminated) {
            terminated = true;
            fire(DebugEvent.TERMINATE);
        }
    }

    private void fire(int kind) {
        DebugPlugin plugin = DebugPlugin.getDefault();
        if (plugin != null) {
            plugin.fireDebugEventSet(new DebugEvent[] {new DebugEvent(this, kind)});
        }
    }

    /** Text appended so far, and listeners told of each addition. */
    private static final class Monitor implements IStreamMonitor {
        private final StringBuilder contents = new StringBuilder();
        private final List<IStreamListener> listeners = new CopyOnWriteArrayList<>();

        void append(String text) {
            synchronized (contents) {
                contents.append(text);
            }
            for (IStreamListener l : listeners) {
                l.streamAppended(text, this);
            }
        }

        @Override
        public void addListener(IStreamListener listener) {
            listeners.add(listener);
        }

        @Override
        public String getContents() {
            synchronized (contents) {
                return contents.toString();
            }
        }

        @Override
        public void removeListener(IStreamListener listener) {
            listeners.remove(listener);
        }
    }
}
