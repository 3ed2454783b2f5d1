package org.denali.sdk.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the make rule gcc {@code -MD} writes next to an object: {@code obj.o: src.c a.h \ b.h}. The
 * prerequisites are every file the object was built from, headers included.
 */
final class DependencyFile {
    private DependencyFile() {
    }

    /** The prerequisites in {@code file}, resolved against {@code directory}; empty if the file is missing. */
    static List<Path> prerequisites(Path file, Path directory) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        String text = Files.readString(file).replace("\\\r\n", " ").replace("\\\n", " ");
        int colon = text.indexOf(": ");
        if (colon < 0) {
            return List.of();
        }
        List<Path> paths = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        String rest = text.substring(colon + 2);
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '\\' && i + 1 < rest.length() && rest.charAt(i + 1) == ' ') {
                word.append(' '); // gcc escapes spaces in file names
                i++;
            } else if (Character.isWhitespace(c)) {
                flush(word, paths, directory);
                if (c == '\n') {
                    break; // only the first rule lists the object's prerequisites
                }
            } else {
                word.append(c);
            }
        }
        flush(word, paths, directory);
        return paths;
    }

    private static void flush(StringBuilder word, List<Path> paths, Path directory) {
        if (word.length() > 0) {
            paths.add(directory.resolve(word.toString()).normalize());
            word.setLength(0);
        }
    }
}
