/**
 * Kernel snapshots as files: {@link org.denali.emulator.kernel.snapshot.SnapshotFile} writes a
 * {@link org.denali.emulator.kernel.KernelCheckpoint} with a header, a CRC-32 per section and an END section, and
 * reads one back refusing anything truncated, corrupted or of another version (docs/debugging.md, "Snapshots").
 */
package org.denali.emulator.kernel.snapshot;
