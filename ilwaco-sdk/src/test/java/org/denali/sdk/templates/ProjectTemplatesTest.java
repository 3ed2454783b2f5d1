package org.denali.sdk.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTemplatesTest {

    @Test
    void helloTemplateRendersEveryFileWithoutPlaceholdersLeft() {
        ProjectTemplate hello = ProjectTemplates.find("hello").orElseThrow();
        Map<String, String> files = hello.render(ProjectTemplates.variablesFor("greeter"));
        assertEquals(List.of("hello.c", "denali.properties", "README.md"), List.copyOf(files.keySet()));
        files.forEach((name, text) -> assertFalse(text.contains("${"), name + " still has a placeholder"));
        assertTrue(files.get("hello.c").contains("Hello from greeter"));
        assertTrue(files.get("denali.properties").contains("vm.memory=16777216"));
    }

    @Test
    void instantiateWritesFilesAndRefusesToOverwrite(@TempDir Path dir) throws IOException {
        ProjectTemplate hello = ProjectTemplates.find("hello").orElseThrow();
        List<Path> written = ProjectTemplates.instantiate(hello, dir.resolve("g"), "g");
        assertEquals(3, written.size());
        assertTrue(Files.readString(dir.resolve("g/README.md")).startsWith("# g"));
        IOException again = assertThrows(IOException.class,
                () -> ProjectTemplates.instantiate(hello, dir.resolve("g"), "g"));
        assertTrue(again.getMessage().contains("already exists"));
    }

    @Test
    void badNamesAreRejectedWithTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProjectTemplates.variablesFor("9 lives"));
        assertTrue(e.getMessage().contains("starting with a letter"));
        assertFalse(ProjectTemplates.isValidProjectName("../escape"));
        assertTrue(ProjectTemplates.isValidProjectName("web-server_2"));
    }

    @Test
    void unknownVariableIsAnErrorNotASilentBlank() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProjectTemplate.substitute("f.c", "x ${nope} y", Map.of()));
        assertEquals("f.c: template variable ${nope} has no value", e.getMessage());
    }
}
