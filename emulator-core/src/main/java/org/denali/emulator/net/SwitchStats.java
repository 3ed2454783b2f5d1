package org.denali.emulator.net;

/**
 * Switch counters.
 *
 * @param frames frames that entered the switch
 * @param unicast frames forwarded to the one port that owns the destination MAC
 * @param broadcast broadcast/multicast frames delivered to every other port
 * @param droppedUnknown unicast frames for a MAC no port owns: dropped without an interrupt (paper §2.4)
 * @param droppedMalformed frames shorter than an Ethernet header
 */
public record SwitchStats(long frames, long unicast, long broadcast, long droppedUnknown, long droppedMalformed) {
}
