package org.denali.emulator.net;

/**
 * Counters of one virtual NIC.
 *
 * @param sent frames the guest queued with NIC_SEND
 * @param transmitted frames the packet scheduler took from the transmit queue
 * @param sendRejected NIC_SEND refused (bad length or transmit queue full)
 * @param received frames the switch queued for the guest
 * @param receiveDropped frames dropped because the receive queue was full
 * @param delivered frames the guest took with NIC_RECEIVE
 */
public record NicStats(long sent, long transmitted, long sendRejected, long received, long receiveDropped,
                       long delivered) {
}
