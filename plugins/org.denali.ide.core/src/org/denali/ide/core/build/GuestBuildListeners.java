package org.denali.ide.core.build;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.resources.IProject;

/** The registered {@link GuestBuildListener}s; builders run on worker threads, so the list is copy-on-write. */
public final class GuestBuildListeners {
    private static final List<GuestBuildListener> LISTENERS = new CopyOnWriteArrayList<>();

    private GuestBuildListeners() {
    }

    public static void add(GuestBuildListener listener) {
        LISTENERS.add(listener);
    }

    public static void remove(GuestBuildListener listener) {
        LISTENERS.remove(listener);
    }

    static void output(IProject project, String line) {
        for (GuestBuildListener listener : LISTENERS) {
            listener.output(project, line);
        }
    }
}
