package org.denali.emulator.debug;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Delivers debugger events to listeners in order on one daemon thread, so events produced under the kernel's lock
 * never run listener code under it (a listener may call back into the debugger).
 */
final class EventDispatcher {
    private final List<DebugListener> listeners = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<DebugEvent> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    EventDispatcher() {
        thread = new Thread(this::loop, "denali-debug-events");
        thread.setDaemon(true);
        thread.start();
    }

    void add(DebugListener listener) {
        listeners.add(listener);
    }

    void remove(DebugListener listener) {
        listeners.remove(listener);
    }

    void post(DebugEvent event) {
        queue.add(event);
    }

    private void loop() {
        while (true) {
            DebugEvent event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            for (DebugListener l : listeners) {
                try {
                    l.onEvent(event);
                } catch (RuntimeException e) {
                    // A broken listener must not silence the others or kill the dispatcher.
                }
            }
        }
    }
}
