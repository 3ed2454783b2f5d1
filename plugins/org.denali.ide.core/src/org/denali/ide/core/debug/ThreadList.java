package org.denali.ide.core.debug;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.denali.ide.core.rsp.DenaliRspClient;

/**
 * The VMs as threads. The id list ({@code qfThreadInfo}, one request) is fetched only when the Debug view asks for
 * threads after a stop, and kept until the next stop; a thread object is created once per VM and reused, and
 * costs no request until its frames or registers are shown. While the kernel runs the last list is shown.
 */
final class ThreadList {
    private final DenaliDebugTarget target;
    private final ConcurrentMap<Integer, DenaliThread> byId = new ConcurrentHashMap<>();
    private volatile DenaliThread[] current = new DenaliThread[0];
    private volatile boolean stale = true;
    private volatile DenaliThread lastStopped;

    ThreadList(DenaliDebugTarget target) {
        this.target = target;
    }

    DenaliThread[] threads(DenaliRspClient client) {
        if (stale && !client.connection().isRunning() && !client.connection().isClosed()) {
            try {
                List<DenaliThread> list = new ArrayList<>();
                for (int id : client.threadIds()) {
                    list.add(thread(id));
                }
                current = list.toArray(new DenaliThread[0]);
                stale = false;
            } catch (IOException e) {
                // a resume raced the request: keep showing the last list until the next stop
            }
        }
        return current.clone();
    }

    void invalidate() {
        stale = true;
    }

    DenaliThread thread(int vmId) {
        return byId.computeIfAbsent(vmId, id -> new DenaliThread(target, id));
    }

    DenaliThread firstOrNull() {
        DenaliThread[] list = current;
        return list.length > 0 ? list[0] : null;
    }

    /** Every thread object created so far (the VMs the debugger has seen). */
    Collection<DenaliThread> known() {
        return byId.values();
    }

    DenaliThread lastStopped() {
        return lastStopped;
    }

    void setLastStopped(DenaliThread thread) {
        lastStopped = thread;
    }
}
