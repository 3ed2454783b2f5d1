package org.denali.emulator.kernel.policy;

import java.util.ArrayDeque;

/**
 * The paper's scheduler: round-robin among admitted VMs [paper §2.2]. Compensation for idling is defined here as
 * "goes to the head of the queue once": a VM waking from idle runs next, then rejoins the tail like everyone
 * else. Promotion (synchronous interrupts) is the same head insertion. Starvation-free because quanta are bounded
 * and a VM only reaches the head by idling, which it cannot do while it is queued.
 */
public final class RoundRobinScheduler implements Scheduler {
    private final ArrayDeque<Integer> queue = new ArrayDeque<>();

    @Override
    public void ready(int vmId, boolean compensated) {
        if (compensated) {
            queue.addFirst(vmId);
        } else {
            queue.addLast(vmId);
        }
    }

    @Override
    public void promote(int vmId) {
        if (queue.removeFirstOccurrence(vmId)) {
            queue.addFirst(vmId);
        }
    }

    @Override
    public void remove(int vmId) {
        queue.removeFirstOccurrence(vmId);
    }

    @Override
    public int next() {
        Integer id = queue.pollFirst();
        return id == null ? -1 : id;
    }

    @Override
    public int size() {
        return queue.size();
    }
}
