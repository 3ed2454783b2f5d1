package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/httpd's HTTP message code (http.c) unit-tested inside a guest: the driver
 * src/test/resources/.../httpd_parser/http_test.c is built with the example's http.c and http.h against
 * libilwaco and prints TAP; any "not ok" fails the test.
 */
class HttpdParserTest {
    @TempDir
    Path temp;

    @Test
    void requestAndResponseHeadsFollowTheRfc() throws Exception {
        Path project = TestBuilds.copyTestProject("httpd_parser", temp);
        Path httpd = TestBuilds.repositoryRoot().resolve("examples/httpd");
        for (String name : List.of("http.c", "http.h")) {
            Files.copy(httpd.resolve(name), project.resolve(name));
        }
        BuildResult build = TestBuilds.buildOk(project);
        assertTrue(build.diagnostics().isEmpty(), build.diagnostics().toString());
        GuestMachine.Outcome run = GuestMachine.load(build.image()).run(50_000_000);
        String console = run.console();
        Matcher plan = Pattern.compile("(?m)^1\\.\\.(\\d+)$").matcher(console);
        assertTrue(plan.find(), console);
        long oks = console.lines().filter(l -> l.startsWith("ok ")).count();
        List<String> failures = console.lines().filter(l -> l.startsWith("not ok")).toList();
        assertEquals(List.of(), failures, console);
        assertEquals(Integer.parseInt(plan.group(1)), oks, "every test point ran");
        assertTrue(oks >= 40, console);
        assertEquals(0, run.exitCode());
    }
}
