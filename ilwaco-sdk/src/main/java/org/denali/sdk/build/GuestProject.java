package org.denali.sdk.build;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.denali.emulator.arch.MemoryMap;

/**
 * A guest project: a folder of C ({@code .c}) and assembly ({@code .S}, preprocessed) sources, in any
 * subfolder except {@code build/} and hidden ones, plus an optional {@code denali.properties}:
 * <ul>
 *   <li>{@code image.name}: the image is {@code NAME.elf} in the project folder (default: the folder's name);</li>
 *   <li>{@code vm.memory}: the VM's memory size in bytes, decimal or 0x hex, a multiple of 4 KiB (default
 *       16 MiB); the build checks the image fits;</li>
 *   <li>{@code cflags}: extra gcc options, separated by spaces, added after the SDK's (so {@code -O0} wins);</li>
 *   <li>{@code build.configuration}: {@code debug} or {@code release} (default), see {@link BuildConfiguration}.</li>
 * </ul>
 * Other keys are left to other tools (the IDE, {@code denali run}).
 */
public record GuestProject(Path directory, String imageName, long memorySize, List<String> extraCflags,
                           List<Path> sources, BuildConfiguration configuration) {
    public static final String PROPERTIES_FILE = "denali.properties";
    public static final String BUILD_DIR = "build";
    private static final Pattern IMAGE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public GuestProject {
        extraCflags = List.copyOf(extraCflags);
        sources = List.copyOf(sources);
    }

    public Path imageFile() {
        return directory.resolve(imageName + ".elf");
    }

    public Path buildDirectory() {
        return directory.resolve(BUILD_DIR);
    }

    /** Where this configuration's objects go: each configuration has its own. */
    public Path objectDirectory() {
        return buildDirectory().resolve(configuration.id()).resolve("obj");
    }

    /** The same project built in another configuration ({@code denali build --config}, the IDE's Debug As). */
    public GuestProject withConfiguration(BuildConfiguration other) {
        return new GuestProject(directory, imageName, memorySize, extraCflags, sources, other);
    }

    /** Removes what a build produced (the build folder and the image); sources are never touched. */
    public void clean() throws IOException {
        FileTrees.delete(buildDirectory());
        Files.deleteIfExists(imageFile());
    }

    /** Reads the project in {@code directory}; {@link ProjectException} says in one line why it cannot be built. */
    public static GuestProject load(Path directory) throws ProjectException {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            throw new ProjectException(directory + ": no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new ProjectException(directory + ": not a directory");
        }
        Path propertiesFile = dir.resolve(PROPERTIES_FILE);
        Properties properties = new Properties();
        if (Files.isRegularFile(propertiesFile)) {
            try (Reader reader = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new ProjectException(propertiesFile + ": cannot read: " + e.getMessage());
            }
        }
        List<Path> sources = findSources(dir);
        if (sources.isEmpty()) {
            throw new ProjectException(directory + ": not a guest project: no .c or .S sources"
                    + (Files.isRegularFile(propertiesFile) ? "" : " and no " + PROPERTIES_FILE));
        }
        String name = properties.getProperty("image.name", dir.getFileName().toString()).trim();
        if (!IMAGE_NAME.matcher(name).matches()) {
            throw new ProjectException(propertiesFile + ": image.name '" + name
                    + "' must be letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        long memory = parseMemory(propertiesFile, properties.getProperty("vm.memory"));
        String cflags = properties.getProperty("cflags", "").trim();
        List<String> extra = cflags.isEmpty() ? List.of() : Arrays.asList(cflags.split("\\s+"));
        BuildConfiguration configuration;
        try {
            String chosen = properties.getProperty(BuildConfiguration.PROPERTY);
            configuration = chosen == null || chosen.isBlank() ? BuildConfiguration.DEFAULT
                    : BuildConfiguration.parse(chosen);
        } catch (IllegalArgumentException e) {
            throw new ProjectException(propertiesFile + ": " + BuildConfiguration.PROPERTY + " " + e.getMessage());
        }
        return new GuestProject(dir, name, memory, extra, sources, configuration);
    }

    private static long parseMemory(Path file, String value) throws ProjectException {
        if (value == null || value.isBlank()) {
            return MemoryMap.DEFAULT_MEMORY_SIZE;
        }
        String text = value.trim();
        long bytes;
        try {
            bytes = text.startsWith("0x") || text.startsWith("0X")
                    ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ProjectException(file + ": vm.memory '" + text + "' is not a number of bytes");
        }
        if (bytes <= MemoryMap.LINK_BASE || bytes > Integer.toUnsignedLong(MemoryMap.MAX_MEMORY_SIZE)
                || bytes % MemoryMap.PAGE_SIZE != 0) {
            throw new ProjectException(file + ": vm.memory " + text + " must be a multiple of 4096 above 0x"
                    + Integer.toHexString(MemoryMap.LINK_BASE) + " and at most 0x"
                    + Integer.toHexString(MemoryMap.MAX_MEMORY_SIZE));
        }
        return bytes;
    }

    private static List<Path> findSources(Path dir) throws ProjectException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> isSource(p.getFileName().toString()))
                    .filter(p -> !isExcluded(dir.relativize(p)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new ProjectException(dir + ": cannot list sources: " + e.getMessage());
        }
    }

    static boolean isSource(String fileName) {
        return fileName.endsWith(".c") || fileName.endsWith(".S");
    }

    private static boolean isExcluded(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            String part = relative.getName(i).toString();
            if (part.startsWith(".") || (i == 0 && part.equals(BUILD_DIR))) {
                return true;
            }
        }
        return false;
    }
}
