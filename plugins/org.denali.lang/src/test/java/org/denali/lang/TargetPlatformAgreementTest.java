package org.denali.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The CLI runs this module with Maven-resolved jars, the IDE with the frozen target platform's bundles: every
 * artifact both name must have the same version, or `denali check` and the editors could disagree.
 */
class TargetPlatformAgreementTest {
    private static final Pattern TARGET_ENTRY = Pattern.compile(
        "<groupId>([^<]+)</groupId><artifactId>([^<]+)</artifactId><version>([^<]+)</version>");
    /** A jar in a Maven repository's layout, wherever the repository lives: .../artifact/version/artifact-version.jar. */
    private static final Pattern REPOSITORY_JAR = Pattern.compile("(.*)/([^/]+)/([^/]+)/\\2-\\3\\.jar");

    @Test
    void mavenClasspathAndTargetPlatformAgreeOnVersions() throws IOException {
        Map<String, String> target = new HashMap<>();
        Matcher entries = TARGET_ENTRY.matcher(Files.readString(Path.of("../../releng/target/denali.target")));
        while (entries.find()) {
            target.put(entries.group(1) + ":" + entries.group(2), entries.group(3));
        }
        List<String> disagreements = new ArrayList<>();
        int shared = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Matcher jar = REPOSITORY_JAR.matcher(entry.replace(File.separatorChar, '/'));
            if (!jar.matches()) {
                continue;
            }
            String directory = jar.group(1);
            String artifact = jar.group(2);
            String version = jar.group(3);
            for (Map.Entry<String, String> inTarget : target.entrySet()) {
                String[] groupAndArtifact = inTarget.getKey().split(":");
                if (groupAndArtifact[1].equals(artifact)
                        && directory.endsWith("/" + groupAndArtifact[0].replace('.', '/'))) {
                    shared++;
                    if (!inTarget.getValue().equals(version)) {
                        disagreements.add(inTarget.getKey() + " Maven " + version + " target " + inTarget.getValue());
                    }
                }
            }
        }
        assertTrue(shared > 15, "expected Xtext, EMF, Guice, Guava... on both sides, found " + shared);
        assertEquals(List.of(), disagreements);
    }
}
