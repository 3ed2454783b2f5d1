package org.denali.ide.lsp.c;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.denali.ide.lsp.client.ServerDefinition;
import org.denali.ide.lsp.client.ServerUnavailableException;
import org.denali.sdk.build.ProjectException;
import org.denali.sdk.build.SdkLayout;
import org.denali.sdk.build.ToolchainFlags;

/**
 * clangd for Denali guests. The exact compile commands come from the project's {@code compile_commands.json}
 * (written by every build); files no build has compiled yet, and SDK files reached by go-to-definition, get the
 * SDK's own flags as clangd's fallback flags, so they never show bogus "file not found" errors.
 */
public final class ClangdServer implements ServerDefinition {
    public static final ClangdServer INSTANCE = new ClangdServer();

    private ClangdServer() {
    }

    @Override
    public String name() {
        return "clangd";
    }

    @Override
    public String languageId() {
        return "c";
    }

    @Override
    public List<String> command(Path root) throws ServerUnavailableException {
        if (!ClangdPreferences.enabled()) {
            throw new ServerUnavailableException("The C language server is switched off (Preferences > Denali > "
                    + "C/C++ Language Server): C diagnostics, completion and navigation are off.");
        }
        String configured = ClangdPreferences.path();
        Path executable = resolve(configured).orElseThrow(() -> new ServerUnavailableException(
                "clangd not found (" + (configured.contains("/") ? configured : configured + " is not on the PATH")
                        + "): C diagnostics, completion and navigation are off. Install Debian's clangd package "
                        + "or set its path in Preferences > Denali > C/C++ Language Server."));
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(ClangdPreferences.options());
        return command;
    }

    /** An absolute or relative path as given; a bare name on the PATH, like a shell. */
    static Optional<Path> resolve(String configured) {
        if (configured.contains("/")) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String searchPath = System.getenv("PATH");
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, configured);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public Object initializationOptions() {
        List<String> flags = new ArrayList<>(List.of("-xc", "-m32", "-ffreestanding", "-nostdinc"));
        flags.addAll(ToolchainFlags.TARGET.stream().filter(f -> f.startsWith("-m") || f.startsWith("-fno-")).toList());
        try {
            SdkLayout sdk = SdkLayout.locate();
            flags.add("-I" + sdk.includeDir());
            flags.add("-I" + sdk.librarySources());
        } catch (ProjectException e) {
            // no SDK: fallback files only get the target flags
        }
        return Map.of("fallbackFlags", flags.stream().distinct().toList());
    }
}
