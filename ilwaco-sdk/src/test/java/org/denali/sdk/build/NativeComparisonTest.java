package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guests built with `denali build` and run on the emulated CPU print what the host prints natively. */
class NativeComparisonTest {
    @TempDir
    Path temp;

    private static final List<String> NATIVE_I386 = List.of("-m32", "-O2", "-ffreestanding", "-nostdlib", "-fno-pic",
            "-fno-pie", "-fno-stack-protector", "-mno-sse", "-mno-mmx", "-mno-80387", "-fno-asynchronous-unwind-tables");

    @Test
    void aFreestandingCoreGivesTheSameChecksumAsANativeI386Build() throws Exception {
        Path guest = TestBuilds.copyTestProject("checksum", temp);
        GuestMachine.Outcome emulated = GuestMachine.load(TestBuilds.buildOk(guest).image()).run(50_000_000);

        Path nativeDir = TestBuilds.copyTestProject("checksum_native", temp);
        List<String> objects = new ArrayList<>();
        for (Path source : List.of(guest.resolve("core.c"), nativeDir.resolve("native_main.c"),
                nativeDir.resolve("shim.S"))) {
            String object = temp.resolve(source.getFileName() + ".o").toString();
            List<String> command = new ArrayList<>(List.of("gcc"));
            command.addAll(NATIVE_I386);
            command.addAll(List.of("-c", source.toString(), "-o", object));
            HostTools.run(temp, command.toArray(new String[0]));
            objects.add(object);
        }
        Path executable = temp.resolve("checksum-native");
        List<String> link = new ArrayList<>(List.of("ld", "-m", "elf_i386", "-static", "-o", executable.toString()));
        link.addAll(objects);
        HostTools.run(temp, link.toArray(new String[0]));
        String nativeOutput = HostTools.run(temp, executable.toString());

        assertTrue(nativeOutput.matches("checksum [0-9a-f]{8}\n"), nativeOutput);
        assertEquals(nativeOutput, emulated.console());
        assertEquals(0, emulated.exitCode());
    }

    @Test
    void ilwacoPrintfFormatsLikeGlibc() throws Exception {
        Path guest = TestBuilds.copyTestProject("printf_cases", temp);
        GuestMachine.Outcome emulated = GuestMachine.load(TestBuilds.buildOk(guest).image()).run(100_000_000);
        Path executable = temp.resolve("printf-native");
        // The host's ordinary (64-bit, glibc) compiler: only types of equal size on both are formatted.
        HostTools.run(temp, "gcc", "-O1", "-Wno-format", guest.resolve("cases.c").toString(), "-o",
                executable.toString());
        String expected = HostTools.run(temp, executable.toString());
        assertTrue(expected.lines().count() > 700, "the case table ran");
        List<String> want = expected.lines().toList();
        List<String> got = emulated.console().lines().toList();
        for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
            assertEquals(want.get(i), got.get(i), "line " + i);
        }
        assertEquals(want.size(), got.size());
    }
}
