package org.denali.emulator.debug;

import java.util.List;
import org.denali.emulator.kernel.InterruptEvent;

/**
 * A VM's virtual-interrupt queue (docs/architecture.md §6) at one moment.
 *
 * @param pending the pending bitmask (bit n = line n)
 * @param enabled the INTERRUPTS_ENABLED virtual register
 * @param handler the INTERRUPT_HANDLER virtual register (0 = none)
 * @param beingHandled DELIVERED_INTERRUPTS: the batch whose frame the guest is handling
 * @param nextDelivery what the VM's next quantum will deliver: the pending mask if interrupts are enabled and a
 *        handler is set, else 0
 * @param history raised and delivered batches, oldest first, with kernel-clock times
 */
public record InterruptQueueSnapshot(int vmId, int pending, boolean enabled, int handler, int beingHandled,
                                     int nextDelivery, List<InterruptEvent> history) {
}
