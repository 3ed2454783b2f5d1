package org.denali.emulator.elf;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.denali.emulator.arch.MemoryMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random mutations of a real guest: the loader must answer every one with either a valid image (which then loads
 * inside the VM's memory) or an ElfFormatException, never any other exception.
 */
class ElfFuzzTest {
    private static final int MUTANTS = 4000;
    private static final long MEMORY = MemoryMap.DEFAULT_MEMORY_SIZE;

    @TempDir
    Path dir;

    @Test
    void everyMutantIsEitherValidOrRejectedWithAMessage() throws Exception {
        byte[] good = Files.readAllBytes(new HostToolchain(dir).assembleAndLink("fuzz", GuestSamples.SMALL_GUEST));
        Random random = new Random(0xDE0A11L);
        int valid = 0;
        int rejected = 0;
        for (int n = 0; n < MUTANTS; n++) {
            byte[] mutant = mutate(good, random);
            try {
                ElfImage image = DenaliImageRules.parseAndCheck(mutant, MEMORY);
                image.loadInto(new BoundsCheckingSink());
                image.symbols().functionContaining(random.nextInt() & 0xFFFFFFFFL);
                image.sections().forEach(image::sectionData);
                valid++;
            } catch (ElfFormatException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
                rejected++;
            } catch (RuntimeException e) {
                throw new AssertionError("mutant " + n + " crashed the loader", e);
            }
        }
        // Both outcomes must occur, or the mutations are not exercising anything.
        assertTrue(valid > 100 && rejected > 100, "valid " + valid + ", rejected " + rejected);
    }

    /** Flips, overwrites or truncates; most mutations hit the headers, where the interesting fields are. */
    private static byte[] mutate(byte[] good, Random random) {
        byte[] out = good.clone();
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            int choice = random.nextInt(10);
            int limit = choice < 6 ? Math.min(out.length, 256) : out.length;
            int at = random.nextInt(limit);
            if (choice < 4) {
                out[at] ^= (byte) (1 << random.nextInt(8));
            } else if (choice < 8) {
                out[at] = (byte) random.nextInt(256);
            } else if (choice == 8 && at + 4 <= out.length) {
                int value = random.nextBoolean() ? random.nextInt() : random.nextInt(0x20000);
                out[at] = (byte) value;
                out[at + 1] = (byte) (value >> 8);
                out[at + 2] = (byte) (value >> 16);
                out[at + 3] = (byte) (value >> 24);
            } else {
                return java.util.Arrays.copyOf(out, random.nextInt(out.length));
            }
        }
        return out;
    }

    /** Fails if the loader writes anything outside the accessible range or into page 0. */
    private static final class BoundsCheckingSink implements SegmentSink {
        @Override
        public void write(int addr, byte[] data, int off, int len) {
            check(addr, len);
            if (off < 0 || off + len > data.length) {
                fail("source range out of the file");
            }
        }

        @Override
        public void zero(int addr, int len) {
            check(addr, len);
        }

        private static void check(int addr, int len) {
            long start = Integer.toUnsignedLong(addr);
            if (len < 0 || start < MemoryMap.PAGE_SIZE || start + len > MEMORY) {
                fail("write of " + len + " bytes at 0x" + Long.toHexString(start) + " escapes the VM");
            }
        }
    }
}
