/**
 * Two deterministic kernels simulated as two machines on one wire: {@link org.denali.emulator.lockstep.FrameLink}
 * carries the frames each LAN sends the other, stamped with the sender's virtual clock plus the wire's delay, and
 * hands them to the receiving kernel as {@link org.denali.emulator.kernel.ArrivalSource arrivals};
 * {@link org.denali.emulator.lockstep.Lockstep} runs the kernels in turn on one thread so that neither passes a
 * virtual time the other could still send a frame for (conservative parallel discrete-event simulation, with the
 * wire's delay as the lookahead). The paper's load came from separate client machines this way (§4.2.1).
 */
package org.denali.emulator.lockstep;
