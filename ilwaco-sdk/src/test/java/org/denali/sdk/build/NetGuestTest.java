package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network stack's pure parts tested inside a guest (src/test/resources/.../nettest): Internet checksums
 * against RFC 1071 and textbook vectors, IPv4 header building and the receive-side checks (truncation, version,
 * checksum, fragments), UDP checksums with the pseudo header, address text; and that an unconfigured NIC
 * (NIC_IPV4 = 0, DHCP) makes the stack refuse to start.
 */
class NetGuestTest {
    @TempDir
    Path temp;

    @Test
    void everyInGuestCheckPasses() throws Exception {
        BuildResult build = TestBuilds.buildOk(TestBuilds.copyTestProject("nettest", temp));
        assertTrue(build.diagnostics().isEmpty(), build.diagnostics().toString());
        GuestMachine.Outcome run = GuestMachine.load(build.image()).run(50_000_000);
        Matcher m = Pattern.compile("(?m)^(\\d+) passed, (\\d+) failed$").matcher(run.console());
        assertTrue(m.find(), run.console());
        assertEquals("0", m.group(2), run.console());
        assertTrue(Integer.parseInt(m.group(1)) >= 38, "ran all checks: " + m.group());
        assertEquals(0, run.exitCode());
    }
}
