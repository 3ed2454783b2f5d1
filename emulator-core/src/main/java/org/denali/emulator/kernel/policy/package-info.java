/**
 * Kernel policies, kept apart from the mechanism in {@code kernel} as the paper does [paper §2.1]: the
 * {@link org.denali.emulator.kernel.policy.Gatekeeper} decides which VMs are admitted to memory, the
 * {@link org.denali.emulator.kernel.policy.Scheduler} which admitted VM runs next. The defaults are the paper's
 * FIFO gatekeeper and round-robin scheduler.
 */
package org.denali.emulator.kernel.policy;
