package org.denali.ide.core.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.denali.sdk.build.Diagnostic;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;

/**
 * Turns toolchain diagnostics into problem markers: on the file and line the tool named, with a character
 * range at the column so the editor underlines the spot; on the project when the tool named no file of it
 * (a linker error about the library, a missing tool).
 */
public final class ProblemMarkers {
    /** Marker type (plugin.xml), a subtype of the platform's problem marker. */
    public static final String TYPE = "org.denali.ide.core.problem";
    /** Extra attribute: the 1-based column the tool reported. */
    public static final String COLUMN = "column";
    /**
     * Extra attribute: gcc's fix-its, one per line as {@code startOffset:endOffset:replacement} (character offsets
     * in the file as built, replacement with {@code \n} and {@code \\} escaped); quick fixes apply them.
     */
    public static final String FIX_ITS = "fixIts";
    /** Extra attribute on a note's marker: the message of the problem it belongs to. */
    public static final String NOTE_OF = "noteOf";

    private final IProject project;
    private final Map<IFile, int[]> lineStarts = new HashMap<>();

    public ProblemMarkers(IProject project) {
        this.project = project;
    }

    public void clear() throws CoreException {
        project.deleteMarkers(TYPE, true, IResource.DEPTH_INFINITE);
    }

    public IMarker add(Diagnostic diagnostic) throws CoreException {
        IResource resource = resourceFor(diagnostic);
        IMarker marker = resource.createMarker(TYPE);
        String message = diagnostic.message();
        if (resource == project && diagnostic.file() != null) {
            message = diagnostic.file() + ": " + message; // outside the project: keep the tool's location visible
        }
        marker.setAttribute(IMarker.MESSAGE, message);
        marker.setAttribute(IMarker.SEVERITY, switch (diagnostic.severity()) {
            case ERROR -> IMarker.SEVERITY_ERROR;
            case WARNING -> IMarker.SEVERITY_WARNING;
            default -> IMarker.SEVERITY_INFO;
        });
        if (resource instanceof IFile file && diagnostic.line() > 0) {
            marker.setAttribute(IMarker.LINE_NUMBER, diagnostic.line());
            if (diagnostic.column() > 0) {
                marker.setAttribute(COLUMN, diagnostic.column());
                int start = offsetOf(file, diagnostic.line(), diagnostic.column());
                int end = diagnostic.hasRange() ? offsetOf(file, diagnostic.endLine(), diagnostic.endColumn()) : -1;
                if (start >= 0) {
                    marker.setAttribute(IMarker.CHAR_START, start);
                    marker.setAttribute(IMarker.CHAR_END, end > start ? end : start + 1);
                }
            }
            String fixIts = fixIts(file, diagnostic);
            if (!fixIts.isEmpty()) {
                marker.setAttribute(FIX_ITS, fixIts);
            }
        }
        // notes become entries of their own beside the problem (the Problems view lists them with it)
        for (Diagnostic note : diagnostic.notes()) {
            IMarker noteMarker = add(note);
            noteMarker.setAttribute(NOTE_OF, diagnostic.message());
            noteMarker.setAttribute(IMarker.MESSAGE, "note: " + noteMarker.getAttribute(IMarker.MESSAGE, ""));
        }
        return marker;
    }

    private String fixIts(IFile file, Diagnostic diagnostic) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic.FixIt fix : diagnostic.fixIts()) {
            int start = offsetOf(file, fix.line(), fix.column());
            int end = offsetOf(file, fix.endLine(), fix.endColumn());
            if (start < 0 || end < start) {
                continue;
            }
            out.append(start).append(':').append(end).append(':')
                    .append(fix.replacement().replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        }
        return out.toString();
    }

    private IResource resourceFor(Diagnostic diagnostic) {
        if (diagnostic.file() == null || project.getLocation() == null) {
            return project;
        }
        Path projectDir = project.getLocation().toPath();
        Path file = diagnostic.file().toAbsolutePath().normalize();
        if (!file.startsWith(projectDir)) {
            return project;
        }
        IFile member = project.getFile(IPath.fromOSString(projectDir.relativize(file).toString()));
        return member.exists() ? member : project;
    }

    /** Character offset of line:column in the file, or -1 if the file is shorter (it changed since the build). */
    private int offsetOf(IFile file, int line, int column) {
        int[] starts = lineStarts.computeIfAbsent(file, ProblemMarkers::lineStartsOf);
        if (line > starts.length) {
            return -1;
        }
        return starts[line - 1] + column - 1;
    }

    private static int[] lineStartsOf(IFile file) {
        try {
            String text = Files.readString(file.getLocation().toPath(), StandardCharsets.UTF_8);
            int[] starts = new int[(int) text.chars().filter(c -> c == '\n').count() + 1];
            int line = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts[line++] = i + 1;
                }
            }
            return starts;
        } catch (IOException e) {
            return new int[0];
        }
    }
}
