/**
 * Denali's virtual LAN (docs/architecture.md §5 "NIC" and "Virtual Ethernet switch"): one {@link
 * org.denali.emulator.net.VirtualNic} per VM, the kernel's learning {@link org.denali.emulator.net.EthernetSwitch},
 * a round-robin {@link org.denali.emulator.net.PacketScheduler} for transmit queues, an uplink to the host through
 * passt ({@link org.denali.emulator.net.PasstUplink}, {@link org.denali.emulator.net.PasstProcess}), an uplink to
 * other kernels' LANs (or Linux's vxlan, a bridge, Open vSwitch) over VXLAN ({@link
 * org.denali.emulator.net.VxlanUplink}, RFC 7348) and packet capture ({@link org.denali.emulator.net.PcapWriter}).
 *
 * <h2>How the kernel uses it</h2>
 * <pre>{@code
 * EthernetSwitch lan = new EthernetSwitch();
 * PacketScheduler tx = new PacketScheduler(lan);
 * lan.addTap(PcapWriter.create(Path.of("lan.pcap")));                  // optional: --pcap
 *
 * // per VM, at instantiation:
 * VirtualNic nic = new VirtualNic(mac, mtu, vm::raise);               // InterruptSink raises NIC_RECEIVE (line 1)
 * int port = lan.attach(nic, mac);                                    // the MAC from the register page
 * tx.add(nic, port);
 * portBus.add(nic);                                                   // registers NIC_SEND 0x40 and NIC_RECEIVE 0x41
 * registers.NIC_RX_QUEUED = nic.receiveQueued();                      // whenever the guest reads it
 * // after each quantum (or from a network thread):
 * tx.drain(64);
 * // on terminate:
 * tx.remove(nic); lan.detach(port);
 *
 * // --net passt:8080:80
 * PasstProcess passt = PasstProcess.start(socketPath, List.of(PortForward.parse("8080:80")));
 * PasstUplink uplink = PasstUplink.connect(passt.socket(), lan);
 * }</pre>
 *
 * <h2>Threads</h2>
 * The switch, the NIC queues and the scheduler are thread-safe (short monitors): frames arrive from the passt
 * and VXLAN reader threads and from whichever worker thread drains transmit queues. A NIC's PIOs copy between guest memory
 * and its queues only on the thread running that VM, so guest memory is never touched asynchronously.
 * {@link org.denali.emulator.devices.InterruptSink#raise} is called from any of these threads and must be
 * thread-safe in the kernel.
 */
package org.denali.emulator.net;
